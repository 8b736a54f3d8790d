import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import type { LoggerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { FinopsStores } from '../database/FinopsStores';
import type { FinopsJob } from './FinopsJob';

/**
 * Fails imports whose process died (they stop sending heartbeats) and
 * deletes what they and superseded generations left; any instance may.
 */
export class AbandonedImportSweep implements FinopsJob {
  readonly id = 'finops-abandoned-import-sweep';

  constructor(
    private readonly options: {
      stores: Pick<FinopsStores, 'imports' | 'slices'>;
      /** An import silent this long is abandoned. */
      staleAfter: HumanDuration;
      schedule: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
    },
  ) {}

  get schedule() {
    return this.options.schedule;
  }

  async run(): Promise<void> {
    const { stores, staleAfter, logger } = this.options;
    const staleBefore = new Date(Date.now() - durationToMilliseconds(staleAfter)).toISOString();
    const failed = await stores.imports.failAbandonedImports(
      'The process running this import stopped before it finished; the previous data was kept. Upload again or wait for the next scheduled run.',
      staleBefore,
    );
    if (failed > 0) {
      logger.warn(`Marked ${failed} abandoned import(s) as failed`);
    }
    await stores.slices.discardAbandonedStaging();
  }
}
