// The annotation parsers live in @backstage-finops/plugin-finops-common, for the catalog module too.
export {
  type AnnotationParse,
  normalizeTagKey,
  normalizeTagValue,
  parseCloudAccountsAnnotation,
  parseCostTagsAnnotation,
} from '@backstage-finops/plugin-finops-common';
