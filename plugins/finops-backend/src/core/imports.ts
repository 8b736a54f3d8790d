/** Where an import is in its life. */
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** What an import reads: FOCUS billing data, or a CSV of unit-metric values. */
export type ImportKind = 'costs' | 'metrics';

/** Calls an import made to a provider API that charges per request. */
export interface ApiRequestUsage {
  requests: number;
  pages: number;
  /** Decimal string, USD. */
  estimatedCostUsd: string;
}

export interface ImportRecord {
  id: string;
  sourceId: string;
  fileName: string;
  kind: ImportKind;
  status: ImportStatus;
  fingerprint: string | null;
  bytesTotal: number | null;
  bytesRead: number;
  rowsRead: number;
  billingPeriods: string[];
  error: string | null;
  /** What an import from a paid provider API cost in calls, as its source reported; null otherwise. */
  apiRequests: ApiRequestUsage | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A file as a successful import saw it, with the billing periods it held. */
export interface ManifestFile {
  relativePath: string;
  size: number;
  mtimeMs: number;
  billingPeriods: string[];
}

/** What a successful directory import stood for: the whole listing, read or not. */
export interface DirectoryManifest {
  root: string;
  files: ManifestFile[];
}
