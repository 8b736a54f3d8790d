import type { components } from './generated/openapi';

/** Response of `GET /costs`. */
export type CostResponse = components['schemas']['CostResponse'];
/** Response of `GET /coverage`. */
export type CoverageResponse = components['schemas']['CoverageResponse'];
/** One import, as `GET /imports/{id}` returns it. */
export type FinopsImport = components['schemas']['Import'];
/** Why a tag set / account went where it went. */
export type Explanation = components['schemas']['Explanation'];
/** Dimensions a cost response can be broken down by. */
export type CostGroupBy = NonNullable<CostResponse['groupBy']>;
/** Which FOCUS cost column amounts are read from. */
export type CostMetric = CostResponse['costMetric'];
/** Response of `GET /compare`. */
export type CompareResponse = components['schemas']['CompareResponse'];
/** Response of `GET /overview`. */
export type OverviewResponse = components['schemas']['OverviewResponse'];
/** One entry of a `by*` list of the overview. */
export type KeyAmount = components['schemas']['KeyAmount'];
/** One entity of the overview's movers. */
export type Mover = components['schemas']['Mover'];
/** Response of `GET /unit-costs`. */
export type UnitCostResponse = components['schemas']['UnitCostResponse'];
/** One bucket of a unit-cost series. */
export type UnitCostPoint = components['schemas']['UnitCostPoint'];
/** Response of `GET /metrics`. */
export type MetricsListResponse = components['schemas']['MetricsListResponse'];
/** One declared metric of `GET /metrics`. */
export type DeclaredMetric = components['schemas']['DeclaredMetric'];
/** Body of `POST /metrics`. */
export type MetricsWriteRequest = components['schemas']['MetricsWriteRequest'];
