import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** What went wrong, in words a user can act on. */
export interface CostErrorDescription {
  title: string;
  message: string;
  /** Whether trying again may help. */
  retryable: boolean;
}

/**
 * Translates an API error into a title and message; never a stack trace.
 * Returns `undefined` for an HTTP status it has no words for, which is shown
 * with Backstage's standard response error panel instead.
 */
export function describeCostError(
  error: Error,
  entityRef: string,
): CostErrorDescription | undefined {
  if (!ResponseError.is(error)) {
    // No answer from the server at all: a network failure, typically.
    const detail = error.message ? ` (${error.message})` : '';
    return {
      title: 'Could not load cost data',
      message: `The FinOps API could not be reached${detail}. Check your connection and that the FinOps backend plugin is running, then try again.`,
      retryable: true,
    };
  }
  const status = error.statusCode;
  // The server's own message, from its JSON error body.
  const serverMessage = error.cause.message;
  const detail = serverMessage ? ` (${serverMessage})` : '';
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
      if (status >= 500) {
        return {
          title: 'The FinOps backend failed to answer',
          message: `The FinOps API answered with an error${detail}. Try again in a moment; if it persists, the backend logs say more.`,
          retryable: true,
        };
      }
      return undefined;
  }
}

function RetryButton(props: { onRetry: () => void }) {
  return (
    <Button variant="outlined" size="small" onClick={props.onRetry}>
      Try again
    </Button>
  );
}

/**
 * A warning panel for a failed cost request, with a retry button where
 * retrying may help; Backstage's response error panel for other statuses.
 */
export function CostErrorPanel(props: {
  error: Error;
  entityRef: string;
  onRetry?: () => void;
}) {
  const description = describeCostError(props.error, props.entityRef);
  if (!description) {
    return (
      <>
        <ResponseErrorPanel error={props.error} />
        {props.onRetry && (
          <Box mt={1}>
            <RetryButton onRetry={props.onRetry} />
          </Box>
        )}
      </>
    );
  }
  const { title, message, retryable } = description;
  return (
    <WarningPanel
      severity={retryable ? 'error' : 'warning'}
      title={title}
      message={message}
      defaultExpanded
    >
      {retryable && props.onRetry ? (
        <RetryButton onRetry={props.onRetry} />
      ) : undefined}
    </WarningPanel>
  );
}
