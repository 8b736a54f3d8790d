import type { components } from '@backstage-finops/plugin-finops-common';

/** `GET /tips`. */
export type TipsResponse = components['schemas']['TipsResponse'];
export type Tip = components['schemas']['Tip'];
export type TipStatus = Tip['status'];
/** The body of `PATCH /tips/{id}`. */
export type TipDecisionRequest = components['schemas']['TipDecisionRequest'];

/** Which tips a list shows: the open ones (the default), the done ones, or those put aside. */
export const TIP_VIEWS = ['open', 'done', 'dismissed', 'snoozed'] as const;
export type TipView = (typeof TIP_VIEWS)[number];

/** A resource id short enough for a table: the part after the last `/` or `:` of an ARN or Azure id. */
export function shortResourceName(resourceId: string): string {
  const parts = resourceId.split(/[/:]/).filter(Boolean);
  return parts.length > 1 && resourceId.length > 32
    ? parts[parts.length - 1]
    : resourceId;
}
