import { anomalyId, type DetectedAnomaly } from '../operate/lifecycle';
import { storeDatabases } from '../__testUtils__/storeTesting';
import type { ForecastSnapshot } from './OperateStore';

jest.setTimeout(60_000);

const databases = storeDatabases();

const anomaly = (date: string, actual = '400', entityRef = 'component:default/api'): DetectedAnomaly => ({
  id: anomalyId('EffectiveCost', entityRef, date, 'USD'),
  metric: 'EffectiveCost',
  entityRef,
  date,
  currency: 'USD',
  actual,
  expected: '100.000001',
  impact: String(Number(actual) - 100.000001),
  impactRatio: 2.99999997,
  direction: 'spike',
  contributors: [{ dimension: 'service', key: 'Amazon EC2', impact: '299.999999' }],
});

const snapshot = (madeOnDay: number, amount: string): ForecastSnapshot => ({
  entityRef: 'group:default/payments',
  metric: 'EffectiveCost',
  month: '2024-08',
  madeOnDay,
  currency: 'USD',
  method: 'seasonal-trend',
  amount,
  low: '1',
  high: '123456789012345678901234.123456789012345678',
  madeAt: '2024-08-05T06:00:00.000Z',
});

describe.each(databases.ids)('OperateStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('keeps anomalies exactly, updates their figures without losing feedback or the notification, and withdraws them', async () => {
    const { operate } = await createStores();
    await operate.saveAnomalies([anomaly('2024-08-18'), anomaly('2024-08-10', '250', 'component:default/web')], '2024-08-19T00:00:00.000Z');
    const id = anomaly('2024-08-18').id;
    await operate.setAnomalyFeedback(id, { verdict: 'unexpected', comment: 'a runaway job', by: 'user:default/ann', at: '2024-08-19T10:00:00.000Z' });
    await operate.markAnomaliesNotified([id], '2024-08-19T00:00:01.000Z');
    await operate.withdrawAnomalies([id], '2024-08-20T00:00:00.000Z');
    expect(await operate.listAnomalies({ metric: 'EffectiveCost', from: '2024-08-01', to: '2024-09-01' })).toMatchObject([{ date: '2024-08-10' }]);

    // Found again with restated figures: standing again, feedback and notification kept.
    await operate.saveAnomalies([anomaly('2024-08-18', '500')], '2024-08-21T00:00:00.000Z');
    const [again] = await operate.listAnomalies({ metric: 'EffectiveCost', entityRefs: ['component:default/api'], from: '2024-08-01', to: '2024-09-01' });
    expect(again).toEqual({
      ...anomaly('2024-08-18', '500'),
      detectedAt: '2024-08-19T00:00:00.000Z',
      withdrawnAt: null,
      feedback: { verdict: 'unexpected', comment: 'a runaway job', by: 'user:default/ann', at: '2024-08-19T10:00:00.000Z' },
      notifiedAt: '2024-08-19T00:00:01.000Z',
    });
    expect(await operate.getAnomaly('nope')).toBeUndefined();
    expect(await operate.listAnomalies({ metric: 'BilledCost', from: '2024-08-01', to: '2024-09-01' })).toEqual([]);
    expect((await operate.listAnomalies({ metric: 'EffectiveCost', from: '2024-08-01', to: '2024-09-01' })).map(a => a.date)).toEqual(['2024-08-18', '2024-08-10']);
  });

  it("keeps each entity's budget status per month", async () => {
    const { operate } = await createStores();
    await operate.putBudgetState({ entityRef: 'group:default/payments', month: '2024-08', status: 'at-risk', changedAt: 'a', notifiedAt: null });
    await operate.putBudgetState({ entityRef: 'group:default/payments', month: '2024-08', status: 'over', changedAt: 'b', notifiedAt: 'c' });
    await operate.putBudgetState({ entityRef: 'group:default/payments', month: '2024-09', status: 'on-track', changedAt: 'd', notifiedAt: null });
    expect(await operate.listBudgetStates('2024-08')).toEqual([{ entityRef: 'group:default/payments', month: '2024-08', status: 'over', changedAt: 'b', notifiedAt: 'c' }]);
  });

  it('keeps the first forecast made on a day, exact, and ignores a later one for the same day', async () => {
    const { operate } = await createStores();
    await operate.addForecastSnapshots([snapshot(5, '3100.123456'), snapshot(10, '3200')]);
    await operate.addForecastSnapshots([snapshot(5, '9999'), snapshot(20, '3300')]);
    const kept = await operate.listForecastSnapshots({ metric: 'EffectiveCost', entityRefs: ['group:default/payments'], fromMonth: '2024-08' });
    expect(kept.sort((a, b) => a.madeOnDay - b.madeOnDay).map(k => [k.madeOnDay, k.amount, k.high])).toEqual([
      [5, '3100.123456', '123456789012345678901234.123456789012345678'],
      [10, '3200', '123456789012345678901234.123456789012345678'],
      [20, '3300', '123456789012345678901234.123456789012345678'],
    ]);
    expect(await operate.listForecastSnapshots({ metric: 'EffectiveCost', entityRefs: ['group:default/payments'], fromMonth: '2024-09' })).toEqual([]);
  });

  it('records evaluations and reads back the last, past the hundred it keeps', async () => {
    const { operate } = await createStores();
    expect(await operate.lastEvaluation()).toBeUndefined();
    for (let i = 0; i < 102; i++) {
      await operate.recordEvaluation({ startedAt: `s${i}`, finishedAt: `f${i}`, dataThrough: '2024-08-20', summary: { entities: i } });
    }
    expect(await operate.lastEvaluation()).toEqual({ startedAt: 's101', finishedAt: 'f101', dataThrough: '2024-08-20', summary: { entities: 101 } });
  });
});
