import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const migrationsDir = resolvePackagePath('@backstage-finops/plugin-finops-backend', 'migrations');

/** Applies the plugin's migrations. */
export async function migrateFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir, tableName: 'finops_knex_migrations' });
}

/** Reverts every migration; used by the migration tests. */
export async function rollbackFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir, tableName: 'finops_knex_migrations' }, true);
}
