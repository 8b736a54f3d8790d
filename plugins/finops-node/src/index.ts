/**
 * What FinOps backend modules and other backend plugins build on: the
 * canonical FOCUS charge row every cost source yields and its check, the
 * extension point that registers sources, and the FinOps service.
 *
 * @packageDocumentation
 */

export type { FocusChargeRow, ChargeCategory } from './focusChargeRow';
export { CHARGE_CATEGORIES } from './focusChargeRow';
export { focusChargeRowProblem } from './checkFocusChargeRow';
export type {
  FinopsCostSource,
  FinopsCostSourceReadOptions,
  FinopsCostSourcesExtensionPoint,
} from './extensions';
export { finopsCostSourcesExtensionPoint } from './extensions';
export type { FinopsService, FinopsServiceCallOptions } from './finopsService';
export { DefaultFinopsService, finopsServiceRef } from './finopsService';
