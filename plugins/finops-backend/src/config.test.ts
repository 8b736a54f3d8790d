import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { assertModuleSourceIds, readFinopsSettings } from './config';

describe('readFinopsSettings', () => {
  it('reads finops.freshness.settleDays, 2 by default', () => {
    expect(readFinopsSettings(new ConfigReader({})).freshness).toEqual({ settleDays: 2 });
    expect(readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 0 } } })).freshness.settleDays).toBe(0);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: 1.5 } } }))).toThrow(/finops\.freshness\.settleDays/);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { freshness: { settleDays: -1 } } }))).toThrow(/finops\.freshness\.settleDays/);
  });
});

describe('readFinopsSettings operate', () => {
  it('reads the anomaly thresholds and alerts, with their defaults, and names a wrong key', () => {
    const defaults = readFinopsSettings(new ConfigReader({}));
    expect(defaults.operate).toEqual({
      anomalies: { absoluteThreshold: 50n * 10n ** 18n, relativeThreshold: 0.2, noiseThreshold: 4 },
      evaluationDays: 90,
      alerts: { enabled: true, anomalyMaxAgeDays: 7 },
    });
    expect(defaults.weeklyDigest).toBeUndefined();
    const configured = readFinopsSettings(
      new ConfigReader({
        finops: {
          anomalies: { absoluteThreshold: '12.5', relativeThreshold: 0.1, noiseThreshold: 5, evaluationDays: 30 },
          alerts: { enabled: false, anomalyMaxAgeDays: 3, weeklyDigest: { enabled: true } },
        },
      }),
    );
    expect(configured.operate).toEqual({
      anomalies: { absoluteThreshold: 125n * 10n ** 17n, relativeThreshold: 0.1, noiseThreshold: 5 },
      evaluationDays: 30,
      alerts: { enabled: false, anomalyMaxAgeDays: 3 },
    });
    expect(configured.weeklyDigest).toEqual({ schedule: { frequency: { cron: '0 8 * * 1' }, timeout: { minutes: 30 } } });
    expect(() => readFinopsSettings(new ConfigReader({ finops: { anomalies: { absoluteThreshold: '-1' } } }))).toThrow(/finops\.anomalies\.absoluteThreshold/);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { anomalies: { relativeThreshold: 0 } } }))).toThrow(/finops\.anomalies\.relativeThreshold/);
    expect(() => readFinopsSettings(new ConfigReader({ finops: { alerts: { anomalyMaxAgeDays: 1.5 } } }))).toThrow(/finops\.alerts\.anomalyMaxAgeDays must be a whole number/);
  });
});

describe('readFinopsSettings schedules', () => {
  it('defaults the schedule of each job from the frequencies, and takes a whole schedule from config where given', () => {
    const defaults = readFinopsSettings(
      new ConfigReader({
        finops: {
          attribution: { refreshFrequency: { minutes: 15 } },
          sources: [{ id: 'nightly', type: 'focus-directory', path: '/exports', frequency: { hours: 6 } }],
        },
      }),
    );
    expect(defaults.schedules).toEqual({
      abandonedImportSweep: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      catalogSnapshot: { frequency: { minutes: 15 }, timeout: { minutes: 10 }, initialDelay: { seconds: 10 } },
      reattribution: { frequency: { minutes: 15 }, timeout: { minutes: 10 }, initialDelay: { seconds: 15 } },
      evaluation: { frequency: { hours: 24 }, timeout: { minutes: 30 }, initialDelay: { minutes: 1 } },
    });
    expect(defaults.sources[0].schedule).toEqual({ frequency: { hours: 6 }, timeout: { hours: 2 }, initialDelay: { seconds: 20 } });

    const configured = readFinopsSettings(
      new ConfigReader({
        finops: {
          schedules: { reattribution: { frequency: { cron: '*/10 * * * *' }, timeout: 'PT5M' } },
          sources: [{ id: 'nightly', type: 'focus-directory', path: '/exports', schedule: { frequency: { trigger: 'manual' }, timeout: { hours: 1 } } }],
        },
      }),
    );
    expect(configured.schedules.reattribution).toEqual({ frequency: { cron: '*/10 * * * *' }, timeout: { minutes: 5 } });
    expect(configured.sources[0].schedule).toEqual({ frequency: { trigger: 'manual' }, timeout: { hours: 1 } });
    expect(() =>
      readFinopsSettings(new ConfigReader({ finops: { schedules: { catalogSnapshot: { frequency: { minutes: 5 } } } } })),
    ).toThrow(/timeout/);
  });
});

describe('assertModuleSourceIds', () => {
  const settings = (sources: JsonObject[]) =>
    readFinopsSettings(new ConfigReader({ finops: { sources } }));
  const nightly = { id: 'nightly', type: 'focus-directory', path: '/exports' };

  it('accepts ids of their own and refuses "upload", invalid ids and configured ids', () => {
    expect(() => assertModuleSourceIds(['aws-ce', 'gcp.billing'], settings([nightly]))).not.toThrow();
    expect(() => assertModuleSourceIds(['upload'], settings([]))).toThrow(/"upload"/);
    expect(() => assertModuleSourceIds(['has space'], settings([]))).toThrow(/must match/);
    expect(() => assertModuleSourceIds(['nightly'], settings([nightly]))).toThrow(/also the id of a source in finops.sources/);
  });

  it('leaves finops.sources entries of other types to modules, and fails for one no module read', () => {
    const withAws = settings([nightly, { id: 'aws-payer', type: 'aws-cost-explorer', accountId: '123456789012' }]);
    expect(withAws.sources.map(source => source.id)).toEqual(['nightly']);
    expect(withAws.moduleSources).toEqual([{ id: 'aws-payer', type: 'aws-cost-explorer', index: 1 }]);
    expect(() => assertModuleSourceIds(['aws-payer'], withAws)).not.toThrow();
    expect(() => assertModuleSourceIds([], withAws)).toThrow(
      'finops.sources[1] ("aws-payer") has type aws-cost-explorer, which no installed backend module reads',
    );
    expect(() => settings([nightly, { id: 'nightly', type: 'aws-cost-explorer' }])).toThrow(/two sources with id "nightly"/);
  });
});
