import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { AttributionService } from '../service/AttributionService';
import type { FinopsJob } from './FinopsJob';

/** Reloads the catalog snapshot this instance attributes and rolls up with; writes nothing, so every instance runs it. */
export class CatalogSnapshotJob implements FinopsJob {
  readonly id = 'finops-catalog-snapshot';
  readonly scope = 'local';

  constructor(
    private readonly attribution: Pick<AttributionService, 'reloadIndex'>,
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
  ) {}

  async run(): Promise<void> {
    await this.attribution.reloadIndex();
  }
}

/** Attributes the stored cost keys again with the current catalog; it writes, so one instance at a time. */
export class ReattributionJob implements FinopsJob {
  readonly id = 'finops-attribution-refresh';

  constructor(
    private readonly attribution: Pick<AttributionService, 'reattribute'>,
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
  ) {}

  async run(): Promise<void> {
    await this.attribution.reattribute();
  }
}
