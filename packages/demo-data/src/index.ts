/**
 * Deterministic FOCUS billing data for the demo catalog, at any scale.
 *
 * @packageDocumentation
 */
export * from './catalog';
export * from './generateFocus';
