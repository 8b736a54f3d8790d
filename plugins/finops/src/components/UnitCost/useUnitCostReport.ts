import { useApi } from '@backstage/core-plugin-api';
import type {
  Granularity,
  UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { ReportState, useReportEndingAtData } from '../shared/useReport';

/** What the unit-cost card asks for: the page's period, one metric. */
export interface UnitCostQuery {
  entityRef: string;
  metric: string;
  from: string;
  to: string;
  granularity: Granularity;
  currency?: string;
}

/**
 * Fetches `GET /unit-costs` for the query, again whenever a field of it
 * changes, keeping the previous answer while the next loads. The period is
 * the page's, already ending at the cost data's last day.
 */
export function useUnitCostReport(
  query: UnitCostQuery,
): ReportState<UnitCostResponse> {
  const finopsApi = useApi(finopsApiRef);
  const { entityRef, metric, from, to, granularity, currency } = query;
  return useReportEndingAtData(
    {
      from,
      to,
      ask: (askFrom, askTo) =>
        finopsApi.getUnitCosts({
          entityRef,
          metric,
          from: askFrom,
          to: askTo,
          granularity,
          ...(currency ? { currency } : {}),
        }),
    },
    [finopsApi, entityRef, metric, granularity, currency],
  );
}
