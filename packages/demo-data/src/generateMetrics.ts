/**
 * Daily business-metric values for the demo catalog's services, matching
 * the unit-metrics annotations in examples/finops-demo.yaml: what the demo
 * services produce, for their unit costs. Deterministic like the billing
 * data, and shaped like it: growing, lower at weekends, a little noisy.
 */
import { hashString, hashUnit } from './random';

/** A demo service's metric and how its daily volume moves. */
export interface DemoMetric {
  entityRef: string;
  metric: string;
  unit: string;
  /** Units on a weekday at the end of the data. */
  weekdayVolume: number;
  /** Relative growth per day, going back from the end. */
  growthPerDay: number;
  /** Weekend volume as a share of a weekday's. */
  weekendShare: number;
}

/**
 * The demo's metrics. checkout-api's orders grow about 5 % a month, twice
 * as fast as its cost (production traffic grows about 2.3 %): its total
 * cost rises while the cost of one order falls.
 */
export const DEMO_METRICS: DemoMetric[] = [
  { entityRef: 'component:default/checkout-api', metric: 'orders', unit: 'order', weekdayVolume: 42_000, growthPerDay: 0.0016, weekendShare: 0.75 },
  { entityRef: 'component:default/checkout-api', metric: 'requests', unit: 'request', weekdayVolume: 18_500_000, growthPerDay: 0.00075, weekendShare: 0.6 },
  { entityRef: 'component:default/web-frontend', metric: 'requests', unit: 'request', weekdayVolume: 64_000_000, growthPerDay: 0.00075, weekendShare: 0.7 },
  { entityRef: 'component:default/search-service', metric: 'queries', unit: 'query', weekdayVolume: 9_200_000, growthPerDay: 0.0005, weekendShare: 0.65 },
  { entityRef: 'component:default/analytics-pipeline', metric: 'events', unit: 'event', weekdayVolume: 310_000_000, growthPerDay: 0.0009, weekendShare: 0.9 },
];

/** One day's value, as a metric source yields it. */
export interface DemoMetricValue {
  entityRef: string;
  metric: string;
  date: string;
  value: string;
  unit: string;
}

const DAY_MS = 86_400_000;

/**
 * The demo metrics' values for each day from `from` (inclusive) to `to`
 * (exclusive), for data ending the day before `endDate` (as the billing
 * data written with that end date does). Whole units, as decimal strings.
 */
export function* demoMetricValues(options: { from: string; to: string; endDate: string; metrics?: DemoMetric[] }): Generator<DemoMetricValue> {
  const end = Date.parse(`${options.endDate}T00:00:00Z`);
  for (let time = Date.parse(`${options.from}T00:00:00Z`); time < Date.parse(`${options.to}T00:00:00Z`); time += DAY_MS) {
    const daysBeforeEnd = Math.round((end - time) / DAY_MS);
    if (daysBeforeEnd < 1) {
      continue;
    }
    const date = new Date(time).toISOString().slice(0, 10);
    const weekday = new Date(time).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const m of options.metrics ?? DEMO_METRICS) {
      const growth = Math.max(0.2, 1 - m.growthPerDay * (daysBeforeEnd - 1));
      const noise = 0.95 + 0.1 * hashUnit(hashString(`${m.entityRef} ${m.metric}`), time / DAY_MS);
      const volume = m.weekdayVolume * growth * (weekend ? m.weekendShare : 1) * noise;
      yield { entityRef: m.entityRef, metric: m.metric, date, value: String(Math.round(volume)), unit: m.unit };
    }
  }
}
