import { isMetricName, parseUnitMetrics } from './annotations';

describe('parseUnitMetrics', () => {
  it('reads a comma-separated list, trimmed, in order, once each', () => {
    expect(parseUnitMetrics(' requests, orders ,requests')).toEqual(['requests', 'orders']);
  });

  it('leaves out what cannot be a metric name', () => {
    expect(parseUnitMetrics('requests, , 9lives, per customer, active-users')).toEqual(['requests', 'active-users']);
    expect(parseUnitMetrics(undefined)).toEqual([]);
  });

  it('names are letters first, at most 64 characters', () => {
    expect(isMetricName('a'.repeat(64))).toBe(true);
    expect(isMetricName('a'.repeat(65))).toBe(false);
    expect(isMetricName('api.calls_v2')).toBe(true);
  });
});
