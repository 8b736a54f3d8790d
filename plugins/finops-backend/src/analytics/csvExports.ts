import {
  toCsv,
  type CompareResponse,
  type CostResponse,
  type CoverageResponse,
  type OverviewResponse,
  type UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';

/** The overview's parts that export as CSV. */
export type OverviewSection = 'series' | 'byTeam' | 'byServiceCategory' | 'byAccount' | 'byProvider' | 'movers';

/** A cost report's series, or with groupBy each group's series: `date,group,amount,currency`. */
export function costReportCsv(report: CostResponse): string {
  const rows = report.groupBy
    ? report.groups.flatMap(group => group.series.map(point => [point.date, group.key, point.amount, report.currency]))
    : report.series.map(point => [point.date, '', point.amount, report.currency]);
  return toCsv(['date', 'group', 'amount', 'currency'], rows);
}

/** Each compared entity's series: `entityRef,date,amount,currency`. */
export function compareCsv(report: CompareResponse): string {
  return toCsv(
    ['entityRef', 'date', 'amount', 'currency'],
    report.entities.flatMap(entity => entity.series.map(point => [entity.entityRef, point.date, point.amount, report.currency])),
  );
}

/** One section of the overview. */
export function overviewCsv(report: OverviewResponse, section: OverviewSection): string {
  if (section === 'series') {
    return toCsv(['date', 'amount', 'currency'], report.series.map(point => [point.date, point.amount, report.currency]));
  }
  if (section === 'movers') {
    const rows = (['increases', 'decreases'] as const).flatMap(direction =>
      report.movers[direction].map(m => [direction === 'increases' ? 'increase' : 'decrease', m.entityRef, m.amount, m.previousAmount, m.change, m.changeRatio, report.currency]),
    );
    return toCsv(['direction', 'entityRef', 'amount', 'previousAmount', 'change', 'changeRatio', 'currency'], rows);
  }
  return toCsv(['key', 'amount', 'currency'], report[section].map(entry => [entry.key, entry.amount, report.currency]));
}

/** The largest unallocated spend: `tags,billingAccountId,subAccountId,amount,currency`, tags as JSON. */
export function coverageCsv(report: CoverageResponse): string {
  return toCsv(
    ['tags', 'billingAccountId', 'subAccountId', 'amount', 'currency'],
    report.unallocatedItems.map(item => [JSON.stringify(item.tags), item.billingAccountId, item.subAccountId, item.amount, report.currency]),
  );
}

/** A unit-cost series: `date,cost,quantity,unitCost,uncoveredCost,uncoveredQuantity,currency,unit`. */
export function unitCostCsv(report: UnitCostResponse): string {
  return toCsv(
    ['date', 'cost', 'quantity', 'unitCost', 'uncoveredCost', 'uncoveredQuantity', 'currency', 'unit'],
    report.series.map(point => [
      point.date,
      point.cost,
      point.quantity,
      point.unitCost,
      point.uncoveredCost,
      point.uncoveredQuantity,
      report.currency,
      report.unit,
    ]),
  );
}
