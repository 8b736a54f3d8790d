import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { FinopsJob } from './FinopsJob';

/** The scheduled import of one source: a configured directory or a backend module's cost source. */
export class SourceImportJob implements FinopsJob {
  /** The task id of a source's import, which POST /sources/{id}/run triggers. */
  static taskIdOf(sourceId: string): string {
    return `finops-source-${sourceId}`;
  }

  readonly id: string;

  constructor(
    readonly sourceId: string,
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly importNow: (signal: AbortSignal) => Promise<unknown>,
  ) {
    this.id = SourceImportJob.taskIdOf(sourceId);
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.importNow(signal);
  }
}
