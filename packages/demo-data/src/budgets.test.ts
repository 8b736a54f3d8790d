import {
  DEMO_BUDGETS,
  DEMO_COMPONENTS,
  DEMO_GROUPS,
  MONTHLY_BUDGET_ANNOTATION,
  renderDemoCatalogYaml,
} from './catalog';
import { generateDemoFocus } from './generateFocus';
import { BURST } from './inventory';
import { attribute, parseCsv, toUnits } from './testing/focusTestUtils';

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

const generated = new Map<string, Map<string, Map<string, bigint>>>();

/** Each component's and team's exact daily cost (10⁻¹⁰ USD), as the catalog rolls them up. */
function dailyCosts(endDate: string): Map<string, Map<string, bigint>> {
  const known = generated.get(endDate);
  if (known) return known;
  const owners = new Map(
    DEMO_COMPONENTS.map(c => [`component:${c.name}`, `group:${c.owner}`]),
  );
  const result = new Map<string, Map<string, bigint>>();
  const add = (entity: string, date: string, units: bigint) => {
    const days = result.get(entity) ?? new Map<string, bigint>();
    days.set(date, (days.get(date) ?? 0n) + units);
    result.set(entity, days);
  };
  for (const month of generateDemoFocus({ endDate, months: 2 })) {
    const chunks: Buffer[] = [];
    const csv = month.csv();
    for (let next = csv.next(); !next.done; next = csv.next()) {
      chunks.push(next.value);
    }
    const [header, ...records] = parseCsv(Buffer.concat(chunks).toString());
    const at = (name: string) => header.indexOf(name);
    for (const record of records) {
      const row = Object.fromEntries(header.map((h, i) => [h, record[i]]));
      const entity = attribute(row);
      if (!entity) continue;
      const date = row.ChargePeriodStart.slice(0, 10);
      const units = toUnits(record[at('EffectiveCost')]);
      add(entity, date, units);
      const team = entity.startsWith('group:') ? undefined : owners.get(entity);
      if (team) add(team, date, units);
    }
  }
  generated.set(endDate, result);
  return result;
}

/**
 * A budget's status as the backend's rule reads it (over: month-to-date
 * above the budget; at risk: the month-end forecast above it), with the
 * run rate of the last 28 days standing in for the backend's forecast.
 */
function statusOf(
  days: Map<string, bigint>,
  lastDay: string,
  budgetUsd: number,
): 'over' | 'at-risk' | 'on-track' {
  const month = lastDay.slice(0, 7);
  const monthToDate = [...days]
    .filter(([date]) => date.startsWith(month) && date <= lastDay)
    .reduce((sum, [, units]) => sum + units, 0n);
  let last28 = 0n;
  for (let i = 0; i < 28; i++) last28 += days.get(addDays(lastDay, -i)) ?? 0n;
  const nextMonth = new Date(`${month}-01T00:00:00Z`);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const remaining = (nextMonth.getTime() - Date.parse(lastDay)) / DAY_MS - 1;
  const forecast = monthToDate + (last28 * BigInt(remaining)) / 28n;
  const budget = BigInt(budgetUsd) * 10n ** 10n;
  if (monthToDate > budget) return 'over';
  return forecast > budget ? 'at-risk' : 'on-track';
}

describe('the demo budgets', () => {
  it('are annotations of the catalog, "<amount> <currency>"', () => {
    const yaml = renderDemoCatalogYaml();
    for (const [ref, budget] of Object.entries(DEMO_BUDGETS)) {
      expect(budget).toMatch(/^\d+ USD$/);
      const name = ref.split(':')[1];
      const entity = [...DEMO_GROUPS, ...DEMO_COMPONENTS].find(
        e => e.name === name,
      );
      expect(entity?.annotations?.[MONTHLY_BUDGET_ANNOTATION]).toBe(budget);
      expect(yaml).toContain(`    ${MONTHLY_BUDGET_ANNOTATION}: '${budget}'\n`);
    }
  });

  // The data always ends at the same cost level (growth runs up to the end
  // date), so the statuses depend on the day of the month only.
  it.each([
    ['2026-12-04', 'the 3rd'],
    ['2026-12-16', 'the 15th'],
    ['2027-01-25', 'the 24th'],
    ['2027-02-04', "February's 3rd"],
  ])(
    'put one team at risk and one component over, the rest on track, on %s (%s)',
    endDate => {
      const daily = dailyCosts(endDate);
      const lastDay = addDays(endDate, -1);
      const statuses = Object.fromEntries(
        Object.entries(DEMO_BUDGETS).map(([ref, budget]) => [
          ref,
          statusOf(daily.get(ref)!, lastDay, Number(budget.split(' ')[0])),
        ]),
      );
      expect(statuses).toEqual({
        'group:team-payments': 'at-risk',
        'group:team-data': 'on-track',
        'component:checkout-api': 'on-track',
        'component:legacy-billing': 'over',
        'component:web-frontend': 'on-track',
        'component:analytics-pipeline': 'on-track',
      });
    },
  );
});

describe('the demo burst', () => {
  it("is one day of a few hundred dollars on checkout-api's DynamoDB, 3 days before the last", () => {
    const endDate = '2026-12-04';
    const daily = dailyCosts(endDate).get('component:checkout-api')!;
    const burstDay = addDays(endDate, -BURST.daysBeforeEnd);
    const usd = (date: string) => Number(daily.get(date)!) / 1e10;
    const before = [1, 2, 3, 7, 8].map(i => usd(addDays(burstDay, -i)));
    const usual = Math.max(...before);
    expect(usd(burstDay) - usual).toBeGreaterThan(250);
    expect(usd(burstDay) - usual).toBeLessThan(500);
    for (const date of [addDays(burstDay, -1), addDays(burstDay, 1)]) {
      expect(usd(date)).toBeLessThan(usual * 1.3);
    }
  });
});
