import {
  ANNOTATION_COST_TAGS,
  ANNOTATION_MONTHLY_BUDGET,
  checkEntityMetadata,
  type EntityMetadata,
  formatDecimal,
  type MetadataPolicy,
  normalizeTagKey,
  parseBudgetAnnotation,
  parseCostTagsAnnotation,
} from '@backstage-finops/plugin-finops-common';
import { InputError } from '@backstage/errors';
import { isMap, parseAllDocuments, type Document } from 'yaml';

/** What the action is asked to write. */
export interface CostMetadataInput {
  /** Tag values, by tag key: the policy's required tags and any others. */
  tags?: Record<string, string>;
  /** A monthly budget, `"<amount> <currency>"`, e.g. `"1200 USD"`. */
  monthlyBudget?: string;
}

/** The edited file, and the annotations written into it. */
export interface CostMetadataResult {
  text: string;
  annotations: Record<string, string>;
}

/** The tag key the cost tags always carry: the component's name. */
const SERVICE_TAG = 'service';

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/**
 * The cost tags of a component named `name`: `service=<name>`, then each
 * required tag of the policy in the policy's order, then the other tags
 * given, in their order. A required tag with allowed values must be given
 * one of them; a tag given for `service` replaces the component's name.
 */
export function costTagsFor(name: string, tags: Record<string, string>, policy: MetadataPolicy): Array<[string, string]> {
  const given = new Map<string, [string, string]>();
  for (const [key, rawValue] of Object.entries(tags)) {
    if (blank(key) || /[=,]/.test(key)) {
      throw new InputError(`tags: "${key}" is not a tag key (it must be non-empty and have no "=" or ",")`);
    }
    if (typeof rawValue !== 'string' || rawValue.includes(',')) {
      throw new InputError(`tags.${key}: "${String(rawValue)}" is not a tag value (it must be text with no ",")`);
    }
    if (blank(rawValue)) {
      continue;
    }
    if (given.has(normalizeTagKey(key))) {
      throw new InputError(`tags: the tag key "${key}" is given twice`);
    }
    given.set(normalizeTagKey(key), [key.trim(), rawValue.trim()]);
  }
  const pairs: Array<[string, string]> = [[SERVICE_TAG, given.get(SERVICE_TAG)?.[1] ?? name]];
  given.delete(SERVICE_TAG);
  for (const required of policy.requiredTags) {
    const normalized = normalizeTagKey(required.key);
    if (normalized === SERVICE_TAG) {
      continue;
    }
    const value = given.get(normalized)?.[1];
    given.delete(normalized);
    if (required.values && required.values.length > 0) {
      const allowed = required.values.join(', ');
      if (value === undefined) {
        throw new InputError(`tags.${required.key} is required by the FinOps metadata policy: give one of ${allowed}`);
      }
      if (!required.values.includes(value)) {
        throw new InputError(`tags.${required.key}: "${value}" is not an allowed value of ${required.key} (allowed: ${allowed})`);
      }
    }
    if (value !== undefined) {
      pairs.push([required.key, value]);
    }
  }
  pairs.push(...given.values());
  return pairs;
}

/** The budget annotation's value for `"<amount> <currency>"`, or an InputError that says why it is not one. */
export function budgetAnnotationFor(monthlyBudget: string): string {
  const parsed = parseBudgetAnnotation(monthlyBudget);
  if (!parsed.ok) {
    throw new InputError(`monthlyBudget: ${parsed.reason}`);
  }
  return `${formatDecimal(parsed.value.amount)} ${parsed.value.currency}`;
}

function isComponent(doc: Document): boolean {
  const kind = doc.get('kind');
  return typeof kind === 'string' && kind.toLowerCase() === 'component';
}

/**
 * Writes the cost metadata the policy requires into the Component(s) of a
 * catalog-info.yaml text, keeping its comments, formatting and other
 * annotations; the annotations it writes replace those of the same key.
 * The result is checked against the policy: an `error` issue fails, with
 * the policy's message. `file` names the file in messages.
 */
export function writeCostMetadata(text: string, input: CostMetadataInput, policy: MetadataPolicy, file = 'catalog-info.yaml'): CostMetadataResult {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) {
    throw new InputError(`${file} has no YAML document`);
  }
  const broken = docs.find(doc => doc.errors.length > 0);
  if (broken) {
    throw new InputError(`${file} is not valid YAML: ${broken.errors[0].message}`);
  }
  const components = docs.filter(isComponent);
  if (components.length === 0) {
    throw new InputError(`${file} has no entity of kind Component to write the cost metadata into`);
  }
  const budget = blank(input.monthlyBudget) ? undefined : budgetAnnotationFor(input.monthlyBudget!);
  let written: Record<string, string> = {};
  for (const doc of components) {
    const name = doc.getIn(['metadata', 'name']);
    if (typeof name !== 'string' || blank(name)) {
      throw new InputError(`${file}: the Component has no metadata.name`);
    }
    const costTags = costTagsFor(name, input.tags ?? {}, policy)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const parsedTags = parseCostTagsAnnotation(costTags);
    if (!parsedTags.ok) {
      throw new InputError(`${ANNOTATION_COST_TAGS}: ${parsedTags.reason}`);
    }
    written = { [ANNOTATION_COST_TAGS]: costTags, ...(budget === undefined ? {} : { [ANNOTATION_MONTHLY_BUDGET]: budget }) };
    if (!isMap(doc.get('metadata'))) {
      throw new InputError(`${file}: the metadata of Component ${name} is not a map`);
    }
    const existing = doc.getIn(['metadata', 'annotations']);
    if (existing === undefined || existing === null) {
      doc.setIn(['metadata', 'annotations'], doc.createNode({}));
    } else if (!isMap(existing)) {
      throw new InputError(`${file}: metadata.annotations of Component ${name} is not a map`);
    }
    for (const [key, value] of Object.entries(written)) {
      doc.setIn(['metadata', 'annotations', key], value);
    }
    const entity = doc.toJS() as EntityMetadata;
    const errors = checkEntityMetadata(entity, policy).filter(issue => issue.severity === 'error');
    if (errors.length > 0) {
      throw new InputError(
        `Component ${name} does not meet the FinOps metadata policy: ${errors.map(issue => issue.message + (issue.fix ? `; add:\n${issue.fix}` : '')).join('; ')}`,
      );
    }
  }
  return { text: docs.map(doc => doc.toString()).join(''), annotations: written };
}
