import { WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { FinopsApiError } from '@backstage-finops/plugin-finops-common';

/** What went wrong, in words a user can act on. */
export interface CostErrorDescription {
  title: string;
  message: string;
  /** Whether trying again may help. */
  retryable: boolean;
}

function statusOf(error: Error): number | undefined {
  if (error instanceof FinopsApiError) {
    return error.status;
  }
  // An error from another copy of the client, or one shaped like it.
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** Translates an API error into a title and message; never a stack trace. */
export function describeCostError(
  error: Error,
  entityRef: string,
): CostErrorDescription {
  const status = statusOf(error);
  const detail = error.message ? ` (${error.message})` : '';
  switch (status) {
    case 401:
      return {
        title: 'Sign in to see cost data',
        message: `The FinOps API did not accept your identity${detail}. Sign in again and reload the page.`,
        retryable: true,
      };
    case 403:
      return {
        title: "You may not see this entity's costs",
        message: `Your permissions do not allow reading the cost data of ${entityRef}. Ask the entity's owner or your FinOps team for access if you need it.`,
        retryable: false,
      };
    case 404:
      return {
        title: 'No cost data for this entity',
        message: `The FinOps API could not find ${entityRef}${detail}. The entity may have just been added to the catalog (the FinOps backend refreshes its view every few minutes), or the FinOps backend plugin is not installed.`,
        retryable: true,
      };
    case 400:
      return {
        title: 'The cost request was not accepted',
        message: `The FinOps API rejected the request${detail}.`,
        retryable: false,
      };
    default:
      if (status !== undefined && status >= 500) {
        return {
          title: 'The FinOps backend failed to answer',
          message: `The FinOps API answered with an error${detail}. Try again in a moment; if it persists, the backend logs say more.`,
          retryable: true,
        };
      }
      return {
        title: 'Could not load cost data',
        message: `The FinOps API could not be reached${detail}. Check your connection and that the FinOps backend plugin is running, then try again.`,
        retryable: true,
      };
  }
}

/** A warning panel for a failed cost request, with a retry button where retrying may help. */
export function CostErrorPanel(props: {
  error: Error;
  entityRef: string;
  onRetry?: () => void;
}) {
  const { title, message, retryable } = describeCostError(
    props.error,
    props.entityRef,
  );
  return (
    <WarningPanel
      severity={retryable ? 'error' : 'warning'}
      title={title}
      message={message}
      defaultExpanded
    >
      {retryable && props.onRetry ? (
        <Button variant="outlined" size="small" onClick={props.onRetry}>
          Try again
        </Button>
      ) : undefined}
    </WarningPanel>
  );
}
