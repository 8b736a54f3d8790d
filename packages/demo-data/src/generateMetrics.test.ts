import { DEMO_COMPONENTS } from './catalog';
import { DEMO_METRICS, demoMetricValues } from './generateMetrics';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('demoMetricValues', () => {
  const values = [...demoMetricValues({ from: '2026-01-01', to: '2026-03-01', endDate: '2026-03-01' })];

  it('gives every demo metric a whole, positive value each day up to the end, the same on every call', () => {
    expect(values).toHaveLength(59 * DEMO_METRICS.length);
    expect(values.every(v => /^[1-9]\d*$/.test(v.value))).toBe(true);
    expect([...demoMetricValues({ from: '2026-01-01', to: '2026-03-01', endDate: '2026-03-01' })]).toEqual(values);
    expect([...demoMetricValues({ from: '2026-02-28', to: '2026-03-05', endDate: '2026-03-01' })]).toHaveLength(DEMO_METRICS.length);
  });

  it("grows checkout-api's orders faster than its traffic: about 5 % a month, and lower at weekends", () => {
    const orders = (date: string) => Number(values.find(v => v.metric === 'orders' && v.date === date)!.value);
    const week = (from: string) =>
      values.filter(v => v.metric === 'orders' && v.date >= from && v.date < addDays(from, 7)).reduce((sum, v) => sum + Number(v.value), 0);
    // The last whole week against the one four weeks before it.
    expect(week('2026-02-22') / week('2026-01-25')).toBeGreaterThan(1.03);
    expect(week('2026-02-22') / week('2026-01-25')).toBeLessThan(1.07);
    // A Saturday against the Wednesday before.
    expect(orders('2026-02-28')).toBeLessThan(orders('2026-02-25') * 0.85);
  });
});

describe('DEMO_METRICS', () => {
  it('are what the demo catalog declares, and nothing else', () => {
    const declared = DEMO_COMPONENTS.flatMap(component =>
      (component.annotations?.['finops.backstage.io/unit-metrics'] ?? '')
        .split(',')
        .map(name => name.trim())
        .filter(Boolean)
        .map(metric => `component:default/${component.name} ${metric}`),
    );
    expect(DEMO_METRICS.map(m => `${m.entityRef} ${m.metric}`).sort()).toEqual(declared.sort());
  });
});
