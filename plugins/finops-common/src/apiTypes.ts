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
