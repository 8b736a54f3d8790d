import { addDays, changeRatio, moneyFromDecimal, todayUtc } from '@backstage-finops/plugin-finops-common';
import type { ForecastSnapshot } from '../../database/OperateStore';
import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { backtest, type BacktestEntry, forecastMonthEnd, forecastMonths, MONTH_END_HISTORY_DAYS } from '../../operate/forecast';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef } from './params';
import { readReadableRollup } from './readableRollup';

/** History read for a forecast: the backtest's twelve closed months and what the month-end forecast uses before them. */
const HISTORY_DAYS = 12 * 31 + MONTH_END_HISTORY_DAYS;

/** GET /forecast: where an entity's cost is heading, and how right such forecasts were. */
export function addForecastRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, settings } = context;

  router.get('/forecast', async (req, res) => {
    const entityRef = readEntityRef(req.query.entityRef);
    const { readable } = await readReadableRollup(context, credentialsOf(res), entityRef);
    // Forecasts were kept over the whole rollup: they answer only a caller who may read all of it.
    const wholeRollup = readable.length === context.attribution.rollup(entityRef).length;
    const filter = { metric: settings.costMetric, entityRefs: readable };
    const today = todayUtc();
    const freshness = await readFreshness(stores, { ...filter, from: addDays(today, -HISTORY_DAYS), to: addDays(today, 1) }, settings.freshness.settleDays);
    const dataThrough = freshness.dataThrough;
    const last = dataThrough ?? addDays(today, -1);
    const daily = await stores.costs.sumCosts({ ...filter, from: addDays(last, -HISTORY_DAYS), to: addDays(last, 1) }, ['usageDate']);
    const { currency } = chooseCurrency(daily, req.query.currency);
    const series = daily.filter(sum => sum.currency === currency).map(sum => ({ date: sum.dimensions.usageDate!, amount: sum.amount }));
    // The month of the first day not yet in: its month-end, then the months after it.
    const month = addDays(last, 1).slice(0, 7);
    const input = { series, month, dataThrough: last };
    const current = forecastMonthEnd(input);
    res.json({
      entityRef,
      method: current.method,
      currency,
      dataThrough,
      months: [{ month, amount: current.amount, low: current.low, high: current.high }, ...forecastMonths(input, Number(req.query.months ?? 3))],
      backtest: withKeptForecasts(
        backtest(series, 12, { dataThrough: last }),
        wholeRollup ? await stores.operate.listForecastSnapshots({ metric: settings.costMetric, entityRefs: [entityRef], fromMonth: addDays(last, -400).slice(0, 7) }) : [],
        currency,
      ),
    });
  });
}

/** The backtest with each forecast kept when it was made in its place (`recorded`), its error against the actual. */
function withKeptForecasts(entries: BacktestEntry[], kept: ForecastSnapshot[], currency: string) {
  return entries.map(entry => {
    const snapshot = kept.find(k => k.month === entry.month && k.madeOnDay === entry.madeOnDay && k.currency === currency);
    if (!snapshot) {
      return { ...entry, recorded: false };
    }
    const actual = moneyFromDecimal(entry.actual);
    return { ...entry, forecast: snapshot.amount, errorRatio: changeRatio(moneyFromDecimal(snapshot.amount), actual), recorded: true };
  });
}
