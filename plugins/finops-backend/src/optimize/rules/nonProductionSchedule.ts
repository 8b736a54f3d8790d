/**
 * `non-production-schedule`: non-production instances that run around
 * the clock, weekends included, which a schedule would stop outside
 * working hours.
 *
 * **Fires** per resource and currency whose latest tags in the last 28
 * days mark it non-production (key `env`, `environment` or `stage`, value
 * `dev`, `development`, `test`, `testing`, `qa`, `staging`, `stage` or
 * `sandbox`, any case), with instance compute facts (EC2 `BoxUsage`, or
 * compute whose resource type is a virtual machine or instance) that ran
 * at least 20 hours a day on average on the window's 20 weekdays AND on
 * its 8 weekend days (hours: the quantity of hour-priced rows, else the
 * hours of their charge periods; a day without a fact counts 0). Silent
 * for production and untagged resources and for instances already off at
 * weekends.
 *
 * **Saving**: running 12 h × 5 days = 60 of the week's 168 hours saves
 * 108 ÷ 168 (64.3 %) of the instance's compute cost:
 * `cost × 108 ÷ 168 ÷ 28 × 365.25 ÷ 12`. Effort low, risk low.
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  byResource,
  environmentOf,
  formatMoney,
  formatPercent,
  formatQuantity,
  isInstanceCompute,
  isNonProduction,
  lastDays,
  latestTags,
  monthly,
  resourcesOf,
  runningHours,
  shortName,
  sumCost,
  windowDates,
} from './ruleSupport';

/** Average hours a weekday and a weekend day an instance must run to count as always on. */
export const ALWAYS_ON_HOURS_PER_DAY = 20;
/** Hours a week a schedule of 12 hours on 5 days keeps an instance running. */
export const SCHEDULED_HOURS = 60n;
const WEEK_HOURS = 168n;

const isWeekendDate = (date: string) =>
  [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

function averageHours(
  facts: readonly FinopsUsageFact[],
  dates: readonly string[],
): number {
  const wanted = new Set(dates);
  const hours = facts
    .filter(f => wanted.has(f.usageDate))
    .reduce((n, f) => n + runningHours(f), 0);
  return dates.length ? hours / dates.length : 0;
}

export const nonProductionScheduleRule: FinopsTipRule = {
  id: 'non-production-schedule',
  title: 'Schedules for always-on non-production instances',
  evaluate({ facts, to }) {
    const dates = windowDates(to, CURRENT_WINDOW_DAYS);
    const weekdays = dates.filter(d => !isWeekendDate(d));
    const weekends = dates.filter(isWeekendDate);
    const tips: FinopsTip[] = [];
    for (const resourceFacts of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(isInstanceCompute),
    )) {
      const tags = latestTags(resourceFacts);
      if (!isNonProduction(tags)) {
        continue;
      }
      const weekdayHours = averageHours(resourceFacts, weekdays);
      const weekendHours = averageHours(resourceFacts, weekends);
      if (
        weekdayHours < ALWAYS_ON_HOURS_PER_DAY ||
        weekendHours < ALWAYS_ON_HOURS_PER_DAY
      ) {
        continue;
      }
      const { currency, resourceId } = resourceFacts[0];
      const cost = sumCost(resourceFacts);
      const saving = monthly(
        cost,
        CURRENT_WINDOW_DAYS,
        WEEK_HOURS - SCHEDULED_HOURS,
        WEEK_HOURS,
      );
      if (saving <= 0n) {
        continue;
      }
      const environment = environmentOf(tags);
      tips.push({
        title: `Schedule ${shortName(resourceId)} off outside working hours`,
        description:
          `This ${environment} instance runs around the clock, weekends included. ` +
          'Stop it at night and at weekends (12 hours on 5 days, e.g. with a start/stop scheduler) ' +
          'or scale it to zero when nobody uses it.',
        resources: resourcesOf(resourceFacts),
        estimatedMonthlySavings: saving,
        currency,
        method:
          `It ran ${formatQuantity(
            weekdayHours,
            1,
          )} h a weekday and ${formatQuantity(
            weekendHours,
            1,
          )} h a weekend day on average over the last ${CURRENT_WINDOW_DAYS} days; ` +
          `running 12 h × 5 days = ${SCHEDULED_HOURS} of 168 hours a week saves 108 ÷ 168 = ${formatPercent(
            WEEK_HOURS - SCHEDULED_HOURS,
            WEEK_HOURS,
          )} of its ${formatMoney(
            monthly(cost, CURRENT_WINDOW_DAYS),
            currency,
          )}/month compute cost (${formatMoney(
            cost,
            currency,
          )} over the ${CURRENT_WINDOW_DAYS} days) = ${formatMoney(
            saving,
            currency,
          )}/month.`,
        effort: 'low',
        risk: 'low',
      });
    }
    return tips;
  },
};
