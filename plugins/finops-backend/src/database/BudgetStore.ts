import { Knex } from 'knex';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { StoredBudget } from '../operate/budgets';
import { chunk, IN_BATCH } from './knexSupport';

/** Budgets set through the API. */
export interface BudgetStore {
  /** Every stored budget of these entities. */
  listBudgets(entityRefs: string[]): Promise<StoredBudget[]>;
  /** The entities with any stored budget. */
  listAllBudgetedEntities(): Promise<string[]>;
  /** Sets the budget of an entity's month or from a month on, replacing one set before for the same. */
  putBudget(budget: StoredBudget): Promise<void>;
  /** Removes the entity's budgets set for `month` (its own and one starting then); resolves with how many. */
  deleteBudgets(entityRef: string, month: string): Promise<number>;
}

const TABLE = 'finops_budgets';

/** {@link BudgetStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexBudgetStore implements BudgetStore {
  constructor(private readonly knex: Knex) {}

  async listBudgets(entityRefs: string[]): Promise<StoredBudget[]> {
    const parts = await Promise.all(chunk(entityRefs, IN_BATCH).map(refs => this.knex(TABLE).whereIn('entity_ref', refs)));
    return parts.flat().map(row => ({
      entityRef: row.entity_ref,
      month: row.month,
      scope: row.scope,
      amount: moneyFromDecimal(row.amount),
      currency: row.currency,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    }));
  }

  async listAllBudgetedEntities(): Promise<string[]> {
    const rows = await this.knex(TABLE).distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async putBudget(budget: StoredBudget): Promise<void> {
    await this.knex(TABLE)
      .insert({
        entity_ref: budget.entityRef,
        month: budget.month,
        scope: budget.scope,
        amount: formatDecimal(budget.amount),
        currency: budget.currency,
        updated_by: budget.updatedBy,
        updated_at: budget.updatedAt,
      })
      .onConflict(['entity_ref', 'month', 'scope'])
      .merge(['amount', 'currency', 'updated_by', 'updated_at']);
  }

  async deleteBudgets(entityRef: string, month: string): Promise<number> {
    return this.knex(TABLE).where({ entity_ref: entityRef, month }).delete();
  }
}
