import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/** A task the plugin schedules: its id, when it runs, and what it does. */
export interface FinopsJob {
  readonly id: string;
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * `local` runs on every instance; the default, `global`, on one instance at
   * a time (the scheduler locks it through the database). A schedule's own
   * `scope` wins.
   */
  readonly scope?: 'local' | 'global';
  run(signal: AbortSignal): Promise<void>;
}

export async function scheduleJobs(scheduler: SchedulerService, jobs: FinopsJob[]): Promise<void> {
  for (const job of jobs) {
    await scheduler.scheduleTask({
      scope: job.scope,
      ...job.schedule,
      id: job.id,
      fn: signal => job.run(signal as AbortSignal),
    });
  }
}

/** A schedule's period in milliseconds; undefined for a cron or manual schedule, which has none. */
export function schedulePeriodMs(schedule: SchedulerServiceTaskScheduleDefinition): number | undefined {
  const frequency = schedule.frequency as HumanDuration | { cron: string } | { trigger: 'manual' };
  return 'cron' in frequency || 'trigger' in frequency ? undefined : durationToMilliseconds(frequency);
}

/** When a schedule runs next after a run at `lastRunAt` (ISO); null for cron and manual schedules. */
export function nextRunAt(schedule: SchedulerServiceTaskScheduleDefinition, lastRunAt: string): string | null {
  const period = schedulePeriodMs(schedule);
  return period === undefined ? null : new Date(Date.parse(lastRunAt) + period).toISOString();
}
