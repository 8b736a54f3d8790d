/** Buckets a day's daily rows are spread over, so that a day can be written in parts. */
export const BUCKETS = 256;

/**
 * The bucket of a daily row: a function of its cost key and resource, so
 * that every staged part of one daily row lands in the same bucket.
 */
export function bucketOf(keyHash: string, resourceId: string): number {
  // FNV-1a over the resource id, mixed with the (already uniform) key hash.
  let hash = 0x811c9dc5;
  for (let i = 0; i < resourceId.length; i++) {
    hash = Math.imul(hash ^ resourceId.charCodeAt(i), 0x01000193);
  }
  return ((hash ^ parseInt(keyHash.slice(0, 8), 16)) >>> 0) % BUCKETS;
}

/** Staged rows per (billing period, day): counts by bucket. */
export class StagedCounts {
  private readonly days = new Map<string, { billingPeriod: string; usageDate: string; counts: Uint32Array }>();

  add(billingPeriod: string, usageDate: string, bucket: number, rows = 1): void {
    const id = `${billingPeriod}/${usageDate}`;
    let day = this.days.get(id);
    if (!day) {
      day = { billingPeriod, usageDate, counts: new Uint32Array(BUCKETS) };
      this.days.set(id, day);
    }
    day.counts[bucket] += rows;
  }

  /**
   * Parts of at most about `maxRows` staged rows (more only where one
   * bucket holds more), each within one billing period and day, in order.
   */
  chunks(maxRows: number): StagedChunk[] {
    const chunks: StagedChunk[] = [];
    const days = [...this.days.values()].sort(
      (a, b) => a.billingPeriod.localeCompare(b.billingPeriod) || a.usageDate.localeCompare(b.usageDate),
    );
    for (const { billingPeriod, usageDate, counts } of days) {
      let first = 0;
      let rows = 0;
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        if (rows > 0 && rows + counts[bucket] > maxRows) {
          chunks.push({ billingPeriod, usageDate, firstBucket: first, lastBucket: bucket - 1, stagedRows: rows });
          first = bucket;
          rows = 0;
        }
        rows += counts[bucket];
      }
      if (rows > 0) {
        chunks.push({ billingPeriod, usageDate, firstBucket: first, lastBucket: BUCKETS - 1, stagedRows: rows });
      }
    }
    return chunks;
  }
}

/** Staged rows of one billing period and day, in a range of buckets. */
export interface StagedChunk {
  billingPeriod: string;
  usageDate: string;
  firstBucket: number;
  lastBucket: number;
  stagedRows: number;
}
