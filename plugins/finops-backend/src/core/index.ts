/**
 * The domain core: the types every layer of the backend shares (cost keys,
 * daily rows, period totals, attribution, imports, cost queries). It imports
 * nothing else of the backend; ingest, attribution, analytics and database
 * import these from here rather than from each other.
 */
export * from './attribution';
export * from './costKey';
export * from './costs';
export * from './dailyCost';
export * from './imports';
export * from './metrics';
export * from './usageFact';
