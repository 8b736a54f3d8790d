/**
 * A catalog backend module that enforces the organisation's ownership and
 * cost metadata policy (`finops.metadataPolicy`) when entities are processed.
 *
 * @packageDocumentation
 */
export { catalogModuleFinops as default } from './module';
export { FinopsMetadataProcessor, type OwnerLookup } from './FinopsMetadataProcessor';
