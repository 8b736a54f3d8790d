/**
 * A scaffolder backend module with the `finops:cost-metadata` action, which
 * writes the organisation's required cost metadata (`finops.metadataPolicy`)
 * into a new component's catalog-info.yaml.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFinops as default } from './module';
export { COST_METADATA_ACTION_ID, createFinopsCostMetadataAction } from './action';
export { budgetAnnotationFor, costTagsFor, writeCostMetadata, type CostMetadataInput, type CostMetadataResult } from './costMetadata';
