import { ConfigReader } from '@backstage/config';
import { readFinopsSettings } from './config';

describe('readFinopsSettings', () => {
  it('reads finops.freshness.settleDays, 2 by default', () => {
    expect(readFinopsSettings(new ConfigReader({})).freshness).toEqual({ settleDays: 2 });
    expect(readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 0 } } })).freshness.settleDays).toBe(0);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 1.5 } } }))).toThrow(/finops\.freshness\.settleDays/);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: -1 } } }))).toThrow(/finops\.freshness\.settleDays/);
  });
});
