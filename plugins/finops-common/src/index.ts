/**
 * Types, exact money and date helpers, and the typed API client shared by the
 * Backstage FinOps frontend and backend.
 *
 * @packageDocumentation
 */

export * from './money';
export * from './dates';
export * from './annotations';
export * from './metadataPolicy';
export * from './permissions';
export * from './csv';
export type { components, operations, paths } from './generated/openapi';
export { FinopsClient } from './generated/client';
export type { FinopsClientOptions } from './generated/client';
export type {
  CostResponse,
  CoverageResponse,
  CompareResponse,
  OverviewResponse,
  KeyAmount,
  Mover,
  FinopsImport,
  Explanation,
  CostGroupBy,
  CostMetric,
  UnitCostResponse,
  UnitCostPoint,
  MetricsListResponse,
  DeclaredMetric,
  MetricsWriteRequest,
} from './apiTypes';
