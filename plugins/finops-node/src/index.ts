/**
 * What FinOps backend modules build on: the canonical FOCUS charge row that
 * every cost source yields, and the extension point that registers sources.
 *
 * @packageDocumentation
 */

export type { FocusChargeRow, ChargeCategory } from './focusChargeRow';
export { CHARGE_CATEGORIES } from './focusChargeRow';
export type {
  FinopsCostSource,
  FinopsCostSourceReadOptions,
  FinopsCostSourcesExtensionPoint,
} from './extensions';
export { finopsCostSourcesExtensionPoint } from './extensions';
