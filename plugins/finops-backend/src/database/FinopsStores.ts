import { Knex } from 'knex';
import { type AttributionStore, KnexAttributionStore } from './AttributionStore';
import { type BudgetStore, KnexBudgetStore } from './BudgetStore';
import { type CostQueryStore, KnexCostQueryStore } from './CostQueryStore';
import { type ImportStore, KnexImportStore } from './ImportStore';
import { KnexMetricStore, type MetricStore } from './MetricStore';
import { KnexOperateStore, type OperateStore } from './OperateStore';
import { migrateFinopsDatabase } from './migrations';
import { KnexSliceStore, type SliceStore } from './SliceStore';
import { sqliteFileOf } from './sqliteWriterThread';
import { KnexTipStore, type TipStore } from './TipStore';
import { KnexUsageStore, type UsageStore } from './UsageStore';

/** The FinOps backend's persistence, one store per concern; a feature adds its own beside these. */
export interface FinopsStores {
  imports: ImportStore;
  slices: SliceStore;
  attribution: AttributionStore;
  costs: CostQueryStore;
  metrics: MetricStore;
  budgets: BudgetStore;
  operate: OperateStore;
  usage: UsageStore;
  tips: TipStore;
}

/**
 * Migrates the database (unless `skipMigrations`) and opens the stores on
 * it. A SQLite file goes to WAL mode, so that reads see committed data while
 * an import's writer thread writes.
 */
export async function createFinopsStores(knex: Knex, options: { skipMigrations?: boolean } = {}): Promise<FinopsStores> {
  if (!options.skipMigrations) {
    await migrateFinopsDatabase(knex);
  }
  if (sqliteFileOf(knex)) {
    await knex.raw('PRAGMA journal_mode = WAL');
  }
  return {
    imports: new KnexImportStore(knex),
    slices: new KnexSliceStore(knex),
    attribution: new KnexAttributionStore(knex),
    costs: new KnexCostQueryStore(knex),
    metrics: new KnexMetricStore(knex),
    budgets: new KnexBudgetStore(knex),
    operate: new KnexOperateStore(knex),
    usage: new KnexUsageStore(knex),
    tips: new KnexTipStore(knex),
  };
}
