/**
 * What FinOps backend modules and other backend plugins build on: the
 * canonical FOCUS charge row every cost source yields and its check, the
 * extension points that register cost sources, metric sources and tip rules,
 * and the FinOps service.
 *
 * @packageDocumentation
 */

export type { FocusChargeRow, ChargeCategory, FocusUsageDetail } from './focusChargeRow';
export { CHARGE_CATEGORIES } from './focusChargeRow';
export { focusChargeRowProblem } from './checkFocusChargeRow';
export type {
  FinopsCostSource,
  FinopsCostSourceReadOptions,
  FinopsCostSourcesExtensionPoint,
} from './extensions';
export { finopsCostSourcesExtensionPoint } from './extensions';
export type {
  FinopsMetricDeclaration,
  FinopsMetricSource,
  FinopsMetricSourceReadOptions,
  FinopsMetricSourcesExtensionPoint,
  FinopsMetricValue,
} from './metricSources';
export { finopsMetricSourcesExtensionPoint } from './metricSources';
export type {
  FinopsTip,
  FinopsTipLevel,
  FinopsTipRule,
  FinopsTipRuleInput,
  FinopsTipRulesExtensionPoint,
  FinopsUsageFact,
} from './tipRules';
export { finopsTipRulesExtensionPoint } from './tipRules';
export type { FinopsService, FinopsServiceCallOptions } from './finopsService';
export { DefaultFinopsService, finopsServiceRef } from './finopsService';
export { readMetadataPolicy } from './metadataPolicy';
