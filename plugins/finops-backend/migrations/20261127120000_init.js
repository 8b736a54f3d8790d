// @ts-check

/**
 * Amounts are stored exactly as two 64-bit integers, nano-units and the
 * remaining atto-units (see splitMoney in plugin-finops-common), so that both
 * SQLite and PostgreSQL can SUM them without rounding.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_imports', table => {
    table.comment('Each run of an import: an upload or a scheduled read of a source');
    table.string('id', 36).primary();
    table.string('source_id', 64).notNullable();
    table.string('file_name', 1024).notNullable();
    table.string('status', 16).notNullable().comment('queued | running | succeeded | failed');
    table.string('fingerprint', 64).nullable().comment('sha256 of the content or listing that was read');
    table.bigInteger('bytes_total').nullable();
    table.bigInteger('bytes_read').notNullable().defaultTo(0);
    table.bigInteger('rows_read').notNullable().defaultTo(0);
    table.text('billing_periods').nullable().comment('JSON array of YYYY-MM-DD');
    table.text('error').nullable();
    table.string('created_at', 32).notNullable();
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.index(['source_id', 'created_at'], 'finops_imports_source_idx');
    table.index(['created_at'], 'finops_imports_created_idx');
  });

  await knex.schema.createTable('finops_cost_keys', table => {
    table.comment('Distinct tag set + account; the unit of attribution');
    table.increments('id');
    table.string('key_hash', 64).notNullable().unique('finops_cost_keys_hash_uq');
    table.text('tags').notNullable().comment('canonical JSON, keys sorted');
    table.string('billing_account_id', 255).notNullable();
    table.string('sub_account_id', 255).notNullable();
    table.string('entity_ref', 512).nullable().comment('null = unallocated');
    table.string('rule', 32).nullable();
    table.text('rule_detail').nullable();
    table.index(['entity_ref'], 'finops_cost_keys_entity_idx');
  });

  await knex.schema.createTable('finops_slices', table => {
    table.comment('The (source, billing period) slices the store holds, with their exact totals');
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('import_id', 36).notNullable();
    table.bigInteger('source_rows').notNullable();
    table.bigInteger('daily_rows').notNullable();
    table.text('totals').notNullable().comment('JSON: currency -> decimal strings');
    table.string('imported_at', 32).notNullable();
    table.primary(['source_id', 'billing_period']);
  });

  await knex.schema.createTable('finops_daily_costs', table => {
    table.comment('Cost per day x resource x tag set x service x account x region');
    table.bigIncrements('id');
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.integer('cost_key_id').notNullable().references('id').inTable('finops_cost_keys');
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
    table.index(['source_id', 'billing_period'], 'finops_daily_slice_idx');
    table.index(['cost_key_id', 'usage_date'], 'finops_daily_key_date_idx');
    table.index(['usage_date'], 'finops_daily_date_idx');
    table.index(['resource_id'], 'finops_daily_resource_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_daily_costs');
  await knex.schema.dropTable('finops_slices');
  await knex.schema.dropTable('finops_cost_keys');
  await knex.schema.dropTable('finops_imports');
};
