import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { scheduleJobs, schedulePeriodMs, type FinopsJob } from './FinopsJob';
import { SourceImportJob } from './SourceImportJob';

describe('scheduleJobs', () => {
  it('schedules each job with its own id, schedule and scope, and runs it with the task signal', async () => {
    const scheduler = mockServices.scheduler.mock();
    const ran: string[] = [];
    const local: FinopsJob = {
      id: 'local-job',
      scope: 'local',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      run: async () => void ran.push('local-job'),
    };
    const source = new SourceImportJob('nightly', { frequency: { cron: '0 6 * * *' }, timeout: { hours: 2 }, scope: 'global' }, async signal => {
      ran.push(`nightly ${signal.aborted}`);
    });
    await scheduleJobs(scheduler, [local, source]);

    const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(tasks.map(({ fn: _fn, ...task }) => task)).toEqual([
      { id: 'local-job', scope: 'local', frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      { id: 'finops-source-nightly', scope: 'global', frequency: { cron: '0 6 * * *' }, timeout: { hours: 2 } },
    ]);
    for (const task of tasks) {
      await task.fn(new AbortController().signal);
    }
    expect(ran).toEqual(['local-job', 'nightly false']);
  });
});

describe('schedulePeriodMs', () => {
  it('is the period of a duration schedule, and undefined for cron and manual ones', () => {
    const schedule = (frequency: SchedulerServiceTaskScheduleDefinition['frequency']) => ({ frequency, timeout: { minutes: 1 } });
    expect(schedulePeriodMs(schedule({ minutes: 5 }))).toBe(300_000);
    expect(schedulePeriodMs(schedule({ cron: '* * * * *' }))).toBeUndefined();
    expect(schedulePeriodMs(schedule({ trigger: 'manual' }))).toBeUndefined();
  });
});
