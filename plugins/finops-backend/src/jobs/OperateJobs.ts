import type { SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { OperateEvaluator } from '../service/OperateEvaluator';
import type { FinopsJob } from './FinopsJob';

/**
 * The evaluation: anomalies, budget status, kept forecasts and alerts, then
 * optimization tips; it writes, so one instance at a time. Daily, and after
 * each import.
 */
export class EvaluationJob implements FinopsJob {
  readonly id = 'finops-operate-evaluation';
  /** An import finished while a run was under way: its data is evaluated by one more run. */
  private rerun = false;

  constructor(
    private readonly evaluator: { evaluate(): Promise<unknown> },
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly scheduler: Pick<SchedulerService, 'triggerTask'>,
  ) {}

  /** Asks for a run now: one starts, or the run under way runs once more when it is done. */
  request(): void {
    this.scheduler.triggerTask(this.id).catch(() => {
      this.rerun = true;
    });
  }

  async run(): Promise<void> {
    do {
      this.rerun = false;
      await this.evaluator.evaluate();
    } while (this.rerun);
  }
}

/** Each team's weekly cost digest. */
export class WeeklyDigestJob implements FinopsJob {
  readonly id = 'finops-weekly-digest';

  constructor(
    private readonly evaluator: Pick<OperateEvaluator, 'sendDigests'>,
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
  ) {}

  async run(): Promise<void> {
    await this.evaluator.sendDigests();
  }
}
