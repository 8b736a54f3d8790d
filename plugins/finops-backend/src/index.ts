/**
 * FinOps backend plugin for Backstage: FOCUS ingestion, attribution of cost
 * to catalog entities, and the cost analytics API.
 *
 * @packageDocumentation
 */

export { finopsPlugin as default } from './plugin';
