import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  useTranslationRef,
  type TranslationFunction,
} from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { finopsTranslationRef } from '../../translation';

type FinopsT = TranslationFunction<typeof finopsTranslationRef.T>;

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
  t: FinopsT,
): CostErrorDescription | undefined {
  if (!ResponseError.is(error)) {
    // No answer from the server at all: a network failure, typically.
    const detail = error.message ? ` (${error.message})` : '';
    return {
      title: t('errors.unreachable.title'),
      message: t('errors.unreachable.message', { detail }),
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
        title: t('errors.unauthenticated.title'),
        message: t('errors.unauthenticated.message', { detail }),
        retryable: true,
      };
    case 403:
      return {
        title: t('errors.forbidden.title'),
        message: t('errors.forbidden.message', { entityRef }),
        retryable: false,
      };
    case 404:
      return {
        title: t('errors.notFound.title'),
        message: t('errors.notFound.message', { entityRef, detail }),
        retryable: true,
      };
    case 400:
      return {
        title: t('errors.badRequest.title'),
        message: t('errors.badRequest.message', { detail }),
        retryable: false,
      };
    default:
      if (status >= 500) {
        return {
          title: t('errors.serverError.title'),
          message: t('errors.serverError.message', { detail }),
          retryable: true,
        };
      }
      return undefined;
  }
}

function RetryButton(props: { onRetry: () => void }) {
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Button variant="outlined" size="small" onClick={props.onRetry}>
      {t('errors.retry')}
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
  const { t } = useTranslationRef(finopsTranslationRef);
  const description = describeCostError(props.error, props.entityRef, t);
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
