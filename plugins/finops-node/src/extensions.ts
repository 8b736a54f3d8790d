import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { FocusChargeRow } from './focusChargeRow';

/** What a source's read gets from the FinOps backend. */
export interface FinopsCostSourceReadOptions {
  /** Aborted when the backend stops or the import is cancelled. */
  signal: AbortSignal;
  /**
   * Called by sources whose provider charges per API request (AWS Cost
   * Explorer: $0.01 a request) with what the read sent: requests (retries
   * included), the pages that came back, and their estimated cost in US
   * dollars as an exact decimal string. Optional on both sides.
   */
  reportRequests?(usage: {
    requests: number;
    pages: number;
    estimatedCostUsd: string;
  }): void;
}

/**
 * A source of billing data, such as a cloud provider's cost API. Each read
 * must yield whole billing periods: every period that appears in the rows
 * replaces the data the source had stored for that period.
 */
export interface FinopsCostSource {
  /** Unique among sources; becomes the `source` of the stored data. */
  readonly id: string;
  /** How often the backend imports from it, e.g. `{ hours: 6 }`. */
  readonly frequency: { minutes?: number; hours?: number; days?: number };
  /** A short human name for the import list, e.g. the account or file. */
  describe(): string;
  read(options: FinopsCostSourceReadOptions): AsyncIterable<FocusChargeRow>;
}

/** Registers cost sources with the FinOps backend plugin. */
export interface FinopsCostSourcesExtensionPoint {
  addCostSource(source: FinopsCostSource): void;
}

/** Extension point through which backend modules add cost sources. */
export const finopsCostSourcesExtensionPoint =
  createExtensionPoint<FinopsCostSourcesExtensionPoint>({
    id: 'finops.cost-sources',
  });
