/**
 * How a tag value or a resource id is compared with catalog entity names:
 * case, separators, camelCase, known prefixes and suffixes, and typos.
 *
 * @packageDocumentation
 */

/** Leading words dropped before comparing (`svc-checkout-api`). */
export const NAME_PREFIXES = ['svc', 'srv', 'service', 'app', 'team', 'prj', 'proj', 'project'];
/** Trailing words dropped before comparing (`checkout-api-service`, `payments-team`). */
export const NAME_SUFFIXES = ['svc', 'srv', 'service', 'app', 'team', 'squad'];
/** Environment words, dropped at either end (`checkout-api-prod`, `dev-checkout-api`). */
export const ENV_WORDS = [
  'prod',
  'production',
  'prd',
  'live',
  'staging',
  'stage',
  'stg',
  'preprod',
  'dev',
  'development',
  'test',
  'qa',
  'uat',
  'sandbox',
];

const PREFIX_SET = new Set([...NAME_PREFIXES, ...ENV_WORDS]);
const SUFFIX_SET = new Set([...NAME_SUFFIXES, ...ENV_WORDS]);
const VERSION_WORD = /^(v?\d+)$/;

/**
 * The comparable form of a name: camelCase split, lower case, every run of
 * `-`, `_`, `.`, `/`, `:` or white space one `-`. `CheckoutAPI`,
 * `checkout_api` and ` Checkout.Api ` all become `checkout-api`.
 */
export function canonicalName(value: string): string {
  return value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[-_./:\s]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The canonical form without separators: `checkoutapi`. */
export function compactName(canonical: string): string {
  return canonical.replace(/-/g, '');
}

/** The words a name was stripped of, and what is left. */
export interface NameCore {
  core: string;
  removed: string[];
  /** Each form on the way, least stripped first, with what it was stripped of. */
  steps: Array<{ form: string; removed: string[] }>;
}

/**
 * The canonical name without known prefixes, suffixes, environment words and
 * version numbers at its ends (`svc-checkout-api-prod-2` → `checkout-api`).
 * A word is only dropped when something is left.
 */
export function nameCore(canonical: string): NameCore {
  const words = canonical.split('-').filter(w => w !== '');
  const removed: string[] = [];
  const steps: NameCore['steps'] = [];
  let changed = true;
  while (changed && words.length > 1) {
    changed = false;
    if (PREFIX_SET.has(words[0])) {
      removed.push(`${words.shift()}-`);
      changed = true;
    } else if (words.length > 1 && (SUFFIX_SET.has(words[words.length - 1]) || VERSION_WORD.test(words[words.length - 1]))) {
      removed.push(`-${words.pop()}`);
      changed = true;
    }
    if (changed) {
      steps.push({ form: words.join('-'), removed: [...removed] });
    }
  }
  return { core: words.join('-'), removed, steps };
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent
 * transpositions), stopping early once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) {
      return limit + 1;
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

/** Edits a typo may have, by the length of the longer compact name: none under 5, 1 under 12, then 2. */
export function allowedEdits(length: number): number {
  if (length < 5) {
    return 0;
  }
  return length < 12 ? 1 : 2;
}

/** Words of a resource id or name: `arn:aws:lambda:…:function:checkoutApi_handler` → `[arn, aws, lambda, …, checkout, api, handler]`. */
export function resourceWords(resourceId: string): string[] {
  return canonicalName(resourceId.replace(/[^A-Za-z0-9]+/g, '-'))
    .split('-')
    .filter(w => w !== '');
}

/** Where `needle` occurs as consecutive words of `words`, or -1. */
export function findWords(words: string[], needle: string[]): number {
  for (let start = 0; start + needle.length <= words.length; start++) {
    if (needle.every((word, k) => words[start + k] === word)) {
      return start;
    }
  }
  return -1;
}

/** A human phrase for how `value` differs from `name` when their compact forms are equal. */
export function describeSpelling(value: string, name: string): string {
  const parts: string[] = [];
  const trimmed = value.trim();
  if (/[a-z0-9][A-Z]/.test(trimmed) && !/[-_./:\s]/.test(trimmed)) {
    parts.push('written in camelCase');
  } else if (trimmed.toLowerCase() !== trimmed) {
    parts.push('in other case');
  }
  const valueSeparators = [...new Set(trimmed.match(/[-_./:\s]+/g) ?? [])];
  const nameSeparators = [...new Set(name.match(/[-_./:\s]+/g) ?? [])];
  const shown = (s: string) => (/^\s+$/.test(s) ? 'a space' : `'${s}'`);
  const swapped = valueSeparators.filter(s => !nameSeparators.includes(s));
  if (swapped.length > 0 && nameSeparators.length > 0) {
    parts.push(`with ${swapped.map(shown).join(' and ')} for ${nameSeparators.map(shown).join(' and ')}`);
  } else if (swapped.length > 0) {
    parts.push(`with ${swapped.map(shown).join(' and ')} added`);
  } else if (valueSeparators.length === 0 && nameSeparators.length > 0 && !parts.includes('written in camelCase')) {
    parts.push(`without its ${nameSeparators.map(shown).join(' and ')}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'spelled the same';
}
