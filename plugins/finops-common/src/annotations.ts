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
