import { useMemo } from 'react';
import type { Granularity } from '@backstage-finops/plugin-finops-common';
import {
  CostPeriod,
  DEFAULT_PERIOD,
  isGranularity,
  isPeriodId,
  PeriodId,
  periodOption,
  resolvePeriod,
} from '../../lib/periods';
import { useViewParams, ViewParams } from '../../lib/viewParams';

/** The period of a view as the URL holds it (`period`, `granularity`, `currency`). */
export interface PeriodParams {
  params: ViewParams;
  periodId: PeriodId;
  /** The chart's granularity: the URL's, else the period's own. */
  granularity: Granularity;
  /** The period as of today; the reports move it to the data's last day. */
  period: CostPeriod;
  currency?: string;
  setPeriodId(periodId: PeriodId): void;
  setGranularity(granularity: Granularity): void;
  setCurrency(currency: string): void;
}

/**
 * Reads and writes a view's period in the query string: `period=90d`,
 * `granularity=week` (only when it is not the period's own) and
 * `currency=EUR`. A new period starts at its own granularity.
 */
export function usePeriodParams(defaultPeriod?: PeriodId): PeriodParams {
  const params = useViewParams();
  const fromUrl = params.get('period');
  const periodId = isPeriodId(fromUrl)
    ? fromUrl
    : defaultPeriod ?? DEFAULT_PERIOD;
  const option = periodOption(periodId);
  const granularityParam = params.get('granularity');
  const granularity = isGranularity(granularityParam)
    ? granularityParam
    : option.granularity;
  const currency = params.get('currency') || undefined;
  const period = useMemo(
    () => resolvePeriod(periodId, new Date(), granularity),
    [periodId, granularity],
  );
  return {
    params,
    periodId,
    granularity,
    period,
    currency,
    setPeriodId: next =>
      params.set({
        period: next === (defaultPeriod ?? DEFAULT_PERIOD) ? undefined : next,
        granularity: undefined,
      }),
    setGranularity: next =>
      params.set({
        granularity: next === option.granularity ? undefined : next,
      }),
    setCurrency: next => params.set({ currency: next }),
  };
}
