import {
  anomalyAlert,
  anomalyId,
  budgetAlert,
  budgetAlertDue,
  costTabLink,
  type DetectedAnomaly,
  digestAlert,
  dueForecastDay,
  moneyText,
  reconcileAnomalies,
  shouldAlertAnomaly,
  type StoredAnomaly,
} from './lifecycle';

const detected = (date: string, actual = '300', overrides: Partial<DetectedAnomaly> = {}): DetectedAnomaly => ({
  id: anomalyId('EffectiveCost', 'component:default/api', date, 'USD'),
  metric: 'EffectiveCost',
  entityRef: 'component:default/api',
  currency: 'USD',
  date,
  actual,
  expected: '100',
  impact: String(Number(actual) - 100),
  impactRatio: (Number(actual) - 100) / 100,
  direction: 'spike',
  contributors: [{ dimension: 'service', key: 'Amazon EC2', impact: String(Number(actual) - 100) }],
  ...overrides,
});
const stored = (anomaly: DetectedAnomaly, overrides: Partial<StoredAnomaly> = {}): StoredAnomaly => ({
  ...anomaly,
  detectedAt: '2024-09-10T00:00:00.000Z',
  withdrawnAt: null,
  feedback: null,
  notifiedAt: null,
  ...overrides,
});

describe('anomalyId', () => {
  it('is the same for the same metric, entity, day and currency, and differs when any of them does', () => {
    const id = anomalyId('EffectiveCost', 'component:default/api', '2024-09-10', 'USD');
    expect(anomalyId('EffectiveCost', 'component:default/api', '2024-09-10', 'USD')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const others = [
      anomalyId('BilledCost', 'component:default/api', '2024-09-10', 'USD'),
      anomalyId('EffectiveCost', 'component:default/web', '2024-09-10', 'USD'),
      anomalyId('EffectiveCost', 'component:default/api', '2024-09-11', 'USD'),
      anomalyId('EffectiveCost', 'component:default/api', '2024-09-10', 'EUR'),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });
});

describe('reconcileAnomalies', () => {
  it('adds the new, changes those with other figures or back after a withdrawal, withdraws those gone, leaves the rest', () => {
    const same = detected('2024-09-01');
    const restated = detected('2024-09-02');
    const back = detected('2024-09-03');
    const gone = detected('2024-09-04');
    const alreadyWithdrawn = detected('2024-09-05');
    const fresh = detected('2024-09-06');
    const kept = [
      stored(same),
      stored(restated, { actual: '250' }),
      stored(back, { withdrawnAt: '2024-09-08T00:00:00.000Z' }),
      stored(gone, { feedback: { verdict: 'expected', comment: null, by: 'user:default/a', at: 'x' } }),
      stored(alreadyWithdrawn, { withdrawnAt: '2024-09-08T00:00:00.000Z' }),
    ];
    const changes = reconcileAnomalies(kept, [same, restated, back, fresh]);
    expect(changes.added.map(a => a.date)).toEqual(['2024-09-06']);
    expect(changes.changed.map(a => a.date)).toEqual(['2024-09-02', '2024-09-03']);
    expect(changes.withdrawn).toEqual([gone.id]);
  });

  it('sees a change of contributors alone', () => {
    const anomaly = detected('2024-09-01');
    const other = { ...anomaly, contributors: [{ dimension: 'service' as const, key: 'Amazon S3', impact: anomaly.impact }] };
    expect(reconcileAnomalies([stored(anomaly)], [other]).changed).toHaveLength(1);
  });
});

describe('shouldAlertAnomaly', () => {
  const recent = stored(detected('2024-09-18'));
  it('alerts a standing, recent spike nobody has heard of or judged', () => {
    expect(shouldAlertAnomaly(recent, '2024-09-20', 7)).toBe(true);
  });
  it.each<[string, StoredAnomaly]>([
    ['a dip', { ...recent, direction: 'dip' }],
    ['a withdrawn anomaly', { ...recent, withdrawnAt: 'x' }],
    ['one already sent', { ...recent, notifiedAt: 'x' }],
    ['one a user already judged', { ...recent, feedback: { verdict: 'expected', comment: null, by: 'u', at: 'x' } }],
    ['one older than the age limit', stored(detected('2024-09-13'))],
  ])('does not alert %s', (_, anomaly) => {
    expect(shouldAlertAnomaly(anomaly, '2024-09-20', 7)).toBe(false);
  });
  it('counts the age in days back from the last complete day', () => {
    expect(shouldAlertAnomaly(stored(detected('2024-09-14')), '2024-09-20', 7)).toBe(true);
  });
});

describe('budgetAlertDue', () => {
  it.each([
    [undefined, 'on-track', false],
    [undefined, 'at-risk', true],
    [undefined, 'over', true],
    [{ status: 'on-track', notifiedAt: null }, 'at-risk', true],
    [{ status: 'at-risk', notifiedAt: 'x' }, 'at-risk', false],
    [{ status: 'at-risk', notifiedAt: 'x' }, 'over', true],
    [{ status: 'at-risk', notifiedAt: null }, 'at-risk', true],
    [{ status: 'over', notifiedAt: 'x' }, 'on-track', false],
  ] as const)('from %j to %s: %s', (state, current, due) => {
    expect(budgetAlertDue(state, current)).toBe(due);
  });
});

describe('dueForecastDay', () => {
  it.each([
    ['2024-09-03', null],
    ['2024-09-04', 5],
    ['2024-09-08', 5],
    ['2024-09-09', 10],
    ['2024-09-18', 10],
    ['2024-09-19', 20],
    ['2024-09-29', 20],
    ['2024-09-30', null],
  ])('with data through %s: %s', (dataThrough, day) => {
    expect(dueForecastDay('2024-09', dataThrough)).toBe(day);
  });
  it('knows February of a leap year', () => {
    expect(dueForecastDay('2024-02', '2024-02-28')).toBe(20);
    expect(dueForecastDay('2024-02', '2024-02-29')).toBeNull();
  });
});

describe('alerts', () => {
  it('writes money for people, to the cent and half up', () => {
    expect(moneyText('1234567.895', 'USD')).toBe('1,234,567.90 USD');
    expect(moneyText('-0.004', 'EUR')).toBe('0.00 EUR');
    expect(moneyText('-0.005', 'EUR')).toBe('-0.01 EUR');
    expect(moneyText('12', 'JPY')).toBe('12.00 JPY');
  });

  it('links to the Cost tab of the entity', () => {
    expect(costTabLink('component:default/checkout-api')).toBe('/catalog/default/component/checkout-api/cost');
    expect(costTabLink('group:ops/team a')).toBe('/catalog/ops/group/team%20a/cost');
  });

  it('tells an anomaly with its impact and what drove it, under one scope per anomaly', () => {
    const alert = anomalyAlert(stored(detected('2024-09-18', '350.5')), 'group:default/payments');
    expect(alert).toMatchObject({
      recipientEntityRef: 'group:default/payments',
      title: 'Cost anomaly on api: 250.50 USD above expected on 2024-09-18',
      link: '/catalog/default/component/api/cost',
      scope: `finops:anomaly:${anomalyId('EffectiveCost', 'component:default/api', '2024-09-18', 'USD')}`,
      topic: 'finops',
    });
    expect(alert.description).toBe('350.50 USD spent against 100.00 USD expected (+251 %). Driven by Amazon EC2 250.50 USD. Mark it expected or unexpected on the Cost tab.');
  });

  it('tells a budget at risk with the forecast, and over with the spend, under one scope per entity and month', () => {
    const standing = { entityRef: 'group:default/payments', month: '2024-09', budget: { amount: '1000', currency: 'USD' }, monthToDate: '800', forecast: '1250.4' };
    const atRisk = budgetAlert({ ...standing, status: 'at-risk' }, 'group:default/payments');
    expect(atRisk.title).toBe('payments is at risk of going over its 2024-09 budget');
    expect(atRisk.description).toBe('800.00 USD spent so far; the month-end forecast is 1,250.40 USD against a budget of 1,000.00 USD.');
    const over = budgetAlert({ ...standing, status: 'over', monthToDate: '1000.01' }, 'group:default/payments');
    expect(over).toMatchObject({ severity: 'critical', scope: atRisk.scope });
    expect(over.description).toBe('1,000.01 USD spent so far against a budget of 1,000.00 USD.');
  });

  it('writes a weekly digest with the change, the movers, the budget and the open anomalies', () => {
    const alert = digestAlert({
      groupRef: 'group:default/payments',
      from: '2024-09-14',
      through: '2024-09-20',
      currency: 'USD',
      total: '700',
      previousTotal: '750',
      movers: [
        { entityRef: 'component:default/api', change: '-60' },
        { entityRef: 'component:default/web', change: '10' },
      ],
      budget: null,
      openAnomalies: 2,
    });
    expect(alert.description).toBe(
      '700.00 USD from 2024-09-14 to 2024-09-20 (-50.00 USD on the week before). Biggest changes: api -60.00 USD, web +10.00 USD. 2 open anomalies.',
    );
    expect(alert).toMatchObject({ recipientEntityRef: 'group:default/payments', severity: 'low', link: '/catalog/default/group/payments/cost' });
  });
});
