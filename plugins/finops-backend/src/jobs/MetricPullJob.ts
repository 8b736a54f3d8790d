import type { LoggerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import type { FinopsMetricSource } from '@backstage-finops/plugin-finops-node';
import { checkMetricValue, type MetricValue } from '../core';
import type { MetricStore, MetricWriteOutcome } from '../database/MetricStore';
import type { AttributionService } from '../service/AttributionService';
import type { FinopsJob } from './FinopsJob';

/** Days a metric source reads back when it does not say. */
const DEFAULT_LOOKBACK_DAYS = 7;

/**
 * Reads a module's metric source on its schedule: the last `lookbackDays`
 * complete UTC days (today's value is not complete yet), so that late
 * values replace early ones. Values for entities or metrics the catalog
 * does not declare are skipped and counted; a value that is wrong in
 * itself (a bad date, a negative count) fails the run and writes nothing.
 */
export class MetricPullJob implements FinopsJob {
  static taskIdOf(sourceId: string): string {
    return `finops-metrics-${sourceId}`;
  }

  readonly id: string;
  readonly schedule: SchedulerServiceTaskScheduleDefinition;

  constructor(
    private readonly source: FinopsMetricSource,
    private readonly deps: {
      declarations: Pick<AttributionService, 'ensureLoaded' | 'declaredMetrics' | 'metricDeclarations'>;
      store: Pick<MetricStore, 'writeValues'>;
      logger: LoggerService;
      today?: () => string;
    },
  ) {
    this.id = MetricPullJob.taskIdOf(source.id);
    this.schedule = { frequency: source.frequency, timeout: { minutes: 30 }, initialDelay: { seconds: 40 } };
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.pull(signal);
  }

  /** One read of the source; resolves with what was written. */
  async pull(signal: AbortSignal): Promise<MetricWriteOutcome & { skipped: number }> {
    const { declarations, store, logger } = this.deps;
    await declarations.ensureLoaded();
    const declared = declarations.metricDeclarations();
    if (declared.length === 0) {
      logger.info(`Metric source ${this.source.id}: no catalog entity declares a unit metric; nothing to read`);
      return { written: 0, replaced: 0, skipped: 0 };
    }
    const today = (this.deps.today ?? todayUtc)();
    const to = today;
    const from = addDays(to, -(this.source.lookbackDays ?? DEFAULT_LOOKBACK_DAYS));
    const rules = { declaredMetrics: (entityRef: string) => declarations.declaredMetrics(entityRef), today };
    // A day yielded twice keeps its last value, as a second write would.
    const values = new Map<string, MetricValue>();
    let skipped = 0;
    for await (const input of this.source.read({ from, to, declarations: declared, signal })) {
      const checked = checkMetricValue(input, rules);
      if (checked.ok) {
        values.set(`${input.entityRef}\n${input.metric}\n${input.date}`, checked.value);
      } else if (checked.field === 'entityRef' || checked.field === 'metric') {
        skipped++;
      } else {
        throw new Error(`Metric source "${this.source.id}": ${input.entityRef} ${input.metric} on ${input.date}: ${checked.reason}`);
      }
    }
    const outcome = await store.writeValues([...values.values()], this.source.id);
    const skippedText = skipped > 0 ? `; ${skipped} for entities or metrics the catalog does not declare skipped` : '';
    logger.info(
      `Metric source ${this.source.id} (${this.source.describe()}), ${from} to ${to}: ${outcome.written} values written, ${outcome.replaced} replacing stored ones${skippedText}`,
    );
    return { ...outcome, skipped };
  }
}
