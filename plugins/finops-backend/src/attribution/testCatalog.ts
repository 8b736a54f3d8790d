import type { EntitySummary } from './CatalogIndex';

/** A small catalog summary for attribution and rollup tests. */
export function entity(
  ref: string,
  options: { annotations?: Record<string, string>; relations?: Array<[string, string]> } = {},
): EntitySummary {
  const [kindPart, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const kind = kindPart[0].toUpperCase() + kindPart.slice(1);
  return {
    ref,
    kind,
    namespace,
    name,
    annotations: options.annotations ?? {},
    relations: (options.relations ?? []).map(([type, targetRef]) => ({ type, targetRef })),
  };
}
