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
