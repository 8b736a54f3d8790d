import type { RootConfigService } from '@backstage/backend-plugin-api';
import { DEFAULT_METADATA_POLICY, type MetadataPolicy, type RuleSeverity } from '@backstage-finops/plugin-finops-common';

const SEVERITIES: RuleSeverity[] = ['error', 'warn', 'off'];

/**
 * The organisation's ownership and cost metadata policy from
 * `finops.metadataPolicy`, read the same way by the catalog module that
 * enforces it and the FinOps backend that reports on it; a mistake names
 * the key.
 */
export function readMetadataPolicy(config: RootConfigService): MetadataPolicy {
  const policy = config.getOptionalConfig('finops.metadataPolicy');
  const severity = (key: string, fallback: RuleSeverity): RuleSeverity => {
    const value = policy?.getOptionalString(key) ?? fallback;
    if (!SEVERITIES.includes(value as RuleSeverity)) {
      throw new Error(`finops.metadataPolicy.${key} must be error, warn or off, not "${value}"`);
    }
    return value as RuleSeverity;
  };
  const defaults = DEFAULT_METADATA_POLICY;
  return {
    owner: severity('owner', defaults.owner),
    annotations: severity('annotations', defaults.annotations),
    costSource: {
      severity: severity('costSource.severity', defaults.costSource.severity),
      kinds: policy?.getOptionalStringArray('costSource.kinds') ?? defaults.costSource.kinds,
      types: policy?.getOptionalStringArray('costSource.types'),
    },
    requiredTags: (policy?.getOptionalConfigArray('requiredTags') ?? []).map((tag, i) => {
      const value = tag.getOptionalString('severity') ?? 'warn';
      if (!SEVERITIES.includes(value as RuleSeverity)) {
        throw new Error(`finops.metadataPolicy.requiredTags[${i}].severity must be error, warn or off, not "${value}"`);
      }
      return { key: tag.getString('key'), values: tag.getOptionalStringArray('values'), severity: value as RuleSeverity };
    }),
  };
}
