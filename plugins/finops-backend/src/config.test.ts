import { ConfigReader } from '@backstage/config';
import { assertModuleSourceIds, readFinopsSettings } from './config';

describe('readFinopsSettings', () => {
  it('reads finops.freshness.settleDays, 2 by default', () => {
    expect(readFinopsSettings(new ConfigReader({})).freshness).toEqual({ settleDays: 2 });
    expect(readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 0 } } })).freshness.settleDays).toBe(0);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 1.5 } } }))).toThrow(/finops\.freshness\.settleDays/);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: -1 } } }))).toThrow(/finops\.freshness\.settleDays/);
  });
});

describe('assertModuleSourceIds', () => {
  it('accepts ids of their own and refuses "upload", invalid ids and configured ids', () => {
    expect(() => assertModuleSourceIds(['aws-ce', 'gcp.billing'], ['nightly'])).not.toThrow();
    expect(() => assertModuleSourceIds(['upload'], [])).toThrow(/"upload"/);
    expect(() => assertModuleSourceIds(['has space'], [])).toThrow(/must match/);
    expect(() => assertModuleSourceIds(['nightly'], ['nightly'])).toThrow(/also the id of a source in finops.sources/);
  });
});
