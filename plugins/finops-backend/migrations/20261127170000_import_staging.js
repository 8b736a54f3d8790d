// @ts-check

/**
 * Partial daily aggregates of imports in progress. An import spills here
 * whenever its in-memory aggregate grows past a bound, so memory stays flat
 * whatever the file's size; the replacing transaction sums them into
 * finops_daily_costs and the rows are deleted afterwards.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_import_staging', table => {
    table.comment('Partial daily aggregates of imports in progress');
    table.string('import_id', 36).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('key_hash', 64).notNullable();
    table.string('provider', 255).notNullable();
    table.string('service_name', 255).notNullable();
    table.string('service_category', 255).notNullable();
    table.string('region_id', 255).notNullable();
    table.string('resource_id', 1024).notNullable();
    table.string('charge_category', 16).notNullable();
    table.string('currency', 3).notNullable();
    for (const metric of ['effective', 'billed', 'list']) {
      table.bigInteger(`${metric}_nanos`).notNullable();
      table.bigInteger(`${metric}_attos`).notNullable();
    }
    table.index(['import_id'], 'finops_import_staging_import_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_import_staging');
};
