import { formatDecimal, type Money, parseDecimal } from './money';

/**
 * Entity annotation listing tag pairs that identify the entity's cloud
 * resources: `"key=value[,key=value]"`; a tag set matches when it has all pairs.
 */
export const ANNOTATION_COST_TAGS = 'finops.backstage.io/cost-tags';

/**
 * Entity annotation listing billing accounts or sub-accounts (AWS accounts,
 * Azure subscriptions, GCP projects…) whose whole cost is the entity's:
 * `"<id>[,<id>]"`.
 */
export const ANNOTATION_CLOUD_ACCOUNTS = 'finops.backstage.io/cloud-accounts';

/**
 * Entity annotation naming the business metrics the entity produces, whose
 * unit cost (cost ÷ units) the Cost tab shows: `"requests, orders"`.
 */
export const ANNOTATION_UNIT_METRICS = 'finops.backstage.io/unit-metrics';

/** A metric name: a letter, then letters, digits, `_`, `.` or `-`; at most 64 characters. */
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Whether `name` can be a metric name. */
export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/**
 * The metric names of a {@link ANNOTATION_UNIT_METRICS} value, in order and
 * without repeats; names that are not metric names are left out.
 */
export function parseUnitMetrics(value: string | undefined): string[] {
  const names = (value ?? '').split(',').map(part => part.trim());
  return [...new Set(names.filter(isMetricName))];
}

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

/** Entity annotation giving a monthly budget for every month: `"1200 USD"`. */
export const ANNOTATION_MONTHLY_BUDGET = 'finops.backstage.io/monthly-budget';

/** A monthly budget: an amount in one currency. */
export interface BudgetAmount {
  amount: Money;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

/** A budget amount as the API and the annotation take it: a positive decimal and an ISO 4217 code. */
export function readBudgetAmount(amount: string, currency: string): { ok: true; value: BudgetAmount } | { ok: false; reason: string } {
  const parsed = parseDecimal(amount.trim());
  if (!parsed.ok) {
    return { ok: false, reason: parsed.reason };
  }
  if (parsed.value <= 0n) {
    return { ok: false, reason: `a budget must be more than 0, not ${formatDecimal(parsed.value)}` };
  }
  const code = currency.trim().toUpperCase();
  if (!CURRENCY.test(code)) {
    return { ok: false, reason: `"${currency}" is not a currency code such as USD` };
  }
  return { ok: true, value: { amount: parsed.value, currency: code } };
}

/** The {@link ANNOTATION_MONTHLY_BUDGET} value, `"<amount> <currency>"`. */
export function parseBudgetAnnotation(value: string): { ok: true; value: BudgetAmount } | { ok: false; reason: string } {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 2) {
    return { ok: false, reason: `"${value}" is not "<amount> <currency>", e.g. "1200 USD"` };
  }
  return readBudgetAmount(parts[0], parts[1]);
}

/** The prefix of every FinOps annotation. */
export const FINOPS_ANNOTATION_PREFIX = 'finops.backstage.io/';

/** A FinOps annotation that is not well formed, and why. */
export interface AnnotationIssue {
  annotation: string;
  message: string;
}

const KNOWN_ANNOTATIONS = [ANNOTATION_COST_TAGS, ANNOTATION_CLOUD_ACCOUNTS, ANNOTATION_MONTHLY_BUDGET, ANNOTATION_UNIT_METRICS];

/** Every `finops.backstage.io/*` annotation that is not well formed, with what is wrong with it. */
export function checkFinopsAnnotations(annotations: Record<string, string>): AnnotationIssue[] {
  const issues: AnnotationIssue[] = [];
  for (const [annotation, value] of Object.entries(annotations)) {
    if (!annotation.startsWith(FINOPS_ANNOTATION_PREFIX)) {
      continue;
    }
    const reason = annotationProblem(annotation, value);
    if (reason) {
      issues.push({ annotation, message: `${annotation}: ${reason}` });
    }
  }
  return issues;
}

function annotationProblem(annotation: string, value: string): string | undefined {
  switch (annotation) {
    case ANNOTATION_COST_TAGS: {
      const parsed = parseCostTagsAnnotation(value);
      return parsed.ok ? undefined : `${parsed.reason}; write "key=value[,key=value]", e.g. "service=checkout-api"`;
    }
    case ANNOTATION_CLOUD_ACCOUNTS: {
      const parsed = parseCloudAccountsAnnotation(value);
      return parsed.ok ? undefined : `${parsed.reason}; write account ids separated by commas, e.g. "123456789012"`;
    }
    case ANNOTATION_MONTHLY_BUDGET: {
      const parsed = parseBudgetAnnotation(value);
      return parsed.ok ? undefined : parsed.reason;
    }
    case ANNOTATION_UNIT_METRICS: {
      const names = value.split(',').map(part => part.trim());
      const bad = names.filter(name => !isMetricName(name));
      if (bad.length > 0) {
        return `${bad.map(name => JSON.stringify(name)).join(', ')} ${bad.length === 1 ? 'is not a metric name' : 'are not metric names'} (a letter, then letters, digits, "_", "." or "-"), e.g. "requests, orders"`;
      }
      return undefined;
    }
    default:
      return `not a FinOps annotation (known: ${KNOWN_ANNOTATIONS.join(', ')})`;
  }
}
