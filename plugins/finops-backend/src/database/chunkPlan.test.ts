import { bucketOf, BUCKETS, StagedCounts } from './chunkPlan';

describe('bucketOf', () => {
  it('gives every part of a daily row the same bucket, and spreads resources', () => {
    const hash = 'a3f09c'.padEnd(64, '0');
    expect(bucketOf(hash, 'i-1')).toBe(bucketOf(hash, 'i-1'));
    const used = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(hash, `i-${i}`)));
    expect(used.size).toBeGreaterThan(BUCKETS * 0.9);
    for (const bucket of used) {
      expect(bucket >= 0 && bucket < BUCKETS).toBe(true);
    }
  });
});

describe('StagedCounts', () => {
  it('cuts each day into parts of bounded size that cover every bucket once', () => {
    const counts = new StagedCounts();
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      counts.add('2026-10-01', '2026-10-02', bucket, 10);
    }
    counts.add('2026-10-01', '2026-10-01', 7, 3);
    counts.add('2026-09-01', '2026-10-01', 0, 1); // a late charge of September, dated in October
    const chunks = counts.chunks(1000);
    expect(chunks.map(c => `${c.billingPeriod} ${c.usageDate}`)).toEqual([
      '2026-09-01 2026-10-01',
      '2026-10-01 2026-10-01',
      '2026-10-01 2026-10-02',
      '2026-10-01 2026-10-02',
      '2026-10-01 2026-10-02',
    ]);
    const day = chunks.filter(c => c.usageDate === '2026-10-02');
    expect(day.map(c => [c.firstBucket, c.lastBucket, c.stagedRows])).toEqual([
      [0, 99, 1000],
      [100, 199, 1000],
      [200, 255, 560],
    ]);
  });

  it('keeps a bucket larger than the bound whole', () => {
    const counts = new StagedCounts();
    counts.add('2026-10-01', '2026-10-01', 3, 5000);
    counts.add('2026-10-01', '2026-10-01', 4, 1);
    expect(counts.chunks(100).map(c => [c.firstBucket, c.lastBucket, c.stagedRows])).toEqual([
      [0, 3, 5000],
      [4, 255, 1],
    ]);
  });
});
