import { useApi } from '@backstage/core-plugin-api';
import type {
  CostGroupBy,
  CostResponse,
  Granularity,
} from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { ReportState, useReportEndingAtData } from './useReport';

export interface CostQuery {
  entityRef: string;
  from: string;
  to: string;
  granularity: Granularity;
  groupBy?: CostGroupBy;
  currency?: string;
  /**
   * Moves the period, keeping its length, to end at the data's last day
   * (`dataThrough`) rather than at `to`: the first answer tells that day, and
   * when it differs the period ending there is asked for. The last day seen
   * is remembered, so later queries go there directly.
   */
  endAtData?: boolean;
  /** Asks nothing while false. */
  enabled?: boolean;
}

export type CostReportState = ReportState<CostResponse>;

/** Fetches `GET /costs` for the query, again whenever a field of it changes. */
export function useCostReport(query: CostQuery): CostReportState {
  const finopsApi = useApi(finopsApiRef);
  const { entityRef, from, to, granularity, groupBy, currency } = query;
  return useReportEndingAtData(
    {
      from,
      to,
      endAtData: query.endAtData,
      enabled: query.enabled,
      ask: (askFrom, askTo) =>
        finopsApi.getCosts({
          entityRef,
          from: askFrom,
          to: askTo,
          granularity,
          ...(groupBy ? { groupBy } : {}),
          ...(currency ? { currency } : {}),
        }),
    },
    [finopsApi, entityRef, granularity, groupBy, currency],
  );
}
