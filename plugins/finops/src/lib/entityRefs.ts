import { parseEntityRef } from '@backstage/catalog-model';

const KIND_NAMES: Record<string, string> = {
  component: 'Component',
  resource: 'Resource',
  system: 'System',
  domain: 'Domain',
  group: 'Group',
  user: 'User',
  api: 'API',
};

/** The kind of an entity ref, as the catalog writes kinds: `Component`, `Group`. */
export function refKind(ref: string): string {
  try {
    const kind = parseEntityRef(ref).kind;
    const known = KIND_NAMES[kind.toLocaleLowerCase('en-US')];
    return known ?? kind.charAt(0).toLocaleUpperCase('en-US') + kind.slice(1);
  } catch {
    return '';
  }
}

/** The name part of an entity ref (`checkout-api`), or the text itself when it is none. */
export function refName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** Whether a text is an entity ref (`kind:namespace/name` or `kind:name`). */
export function isEntityRef(text: string): boolean {
  return /^[^:/\s]+:([^:/\s]+\/)?[^:/\s]+$/.test(text);
}
