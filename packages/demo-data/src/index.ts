/**
 * Deterministic FOCUS billing data for the demo catalog, at any scale.
 *
 * @packageDocumentation
 */
export * from './catalog';
export * from './inventory';
export * from './generateFocus';
export { formatScaled, formatUnits, ExactSum, AMOUNT_DECIMALS } from './money';
export { createRandom, hashUnit, hashString } from './random';
export * from './generateMetrics';
