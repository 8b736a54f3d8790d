/** A parse of an annotation value: what it says, or why it says nothing. */
export type AnnotationParse<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Parses `finops.backstage.io/cost-tags`: `"key=value[,key=value]"`. Keys and
 * values are trimmed; a value may contain `=`. Keys may not repeat.
 */
export function parseCostTagsAnnotation(text: string): AnnotationParse<Array<[string, string]>> {
  const pairs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') {
      continue;
    }
    const equals = trimmed.indexOf('=');
    if (equals <= 0) {
      return { ok: false, reason: `"${trimmed}" is not key=value` };
    }
    const key = trimmed.slice(0, equals).trim();
    const value = trimmed.slice(equals + 1).trim();
    if (key === '' || value === '') {
      return { ok: false, reason: `"${trimmed}" has an empty key or value` };
    }
    const normalizedKey = normalizeTagKey(key);
    if (seen.has(normalizedKey)) {
      return { ok: false, reason: `tag key "${key}" appears twice` };
    }
    seen.add(normalizedKey);
    pairs.push([key, value]);
  }
  if (pairs.length === 0) {
    return { ok: false, reason: 'names no key=value pair' };
  }
  return { ok: true, value: pairs };
}

/** Parses `finops.backstage.io/cloud-accounts`: `"<id>[,<id>]"`. */
export function parseCloudAccountsAnnotation(text: string): AnnotationParse<string[]> {
  const ids = text
    .split(',')
    .map(id => id.trim())
    .filter(id => id !== '');
  if (ids.length === 0) {
    return { ok: false, reason: 'names no account id' };
  }
  return { ok: true, value: [...new Set(ids)] };
}

/**
 * Tag keys compare trimmed and case-insensitively: exports disagree on case
 * (`Service`, `service`) and real files carry keys with stray spaces (`" org"`).
 */
export function normalizeTagKey(key: string): string {
  return key.trim().toLowerCase();
}

/** Tag values that name things compare trimmed and case-insensitively. */
export function normalizeTagValue(value: string): string {
  return value.trim().toLowerCase();
}
