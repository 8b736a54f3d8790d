// @ts-check

/**
 * Usage facts: what each resource used, per day and kind of usage, with the
 * FOCUS columns optimization tips need and cost views do not (usage type,
 * operation, SKU meter and price details, charge description, resource type,
 * pricing category, commitment discount, quantities and units, hours billed).
 * A table of their own, so that cost queries stay as fast as they are.
 *
 * An import writes its facts here as it reads, under its import id and with
 * no generation; replacing the slices gives them the slice's new generation
 * before the commit that makes it current, so a read (which joins the current
 * slices) sees an import's facts exactly when it sees its costs. Facts of a
 * retired generation, or of an import that never finished, are deleted.
 * Rows are partial sums (one per batch an import read): reads sum them.
 * Amounts are exact, as limbs like the daily costs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_usage_facts', table => {
    table.comment('Per resource, day and kind of usage: the usage columns optimization tips read');
    table.bigIncrements('id');
    table.string('import_id', 64).notNullable();
    table.bigInteger('generation').nullable().comment('The slice generation, set when the import replaces its slices');
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('key_hash', 64).notNullable().comment('The cost key (tags and accounts) of finops_cost_keys');
    for (const column of [
      'provider',
      'service_name',
      'service_category',
      'region_id',
      'resource_id',
      'charge_category',
      'currency',
      'usage_type',
      'operation',
      'sku_meter',
      'sku_price_details',
      'charge_description',
      'resource_type',
      'pricing_category',
      'commitment_discount_id',
      'commitment_discount_type',
      'commitment_discount_status',
      'consumed_unit',
      'pricing_unit',
    ]) {
      table.text(column).notNullable();
    }
    table.double('consumed_quantity').notNullable();
    table.double('pricing_quantity').notNullable();
    table.bigInteger('billed_seconds').notNullable().comment('Charge period seconds, summed');
    for (const metric of ['effective', 'billed', 'list']) {
      for (let i = 0; i < 6; i++) {
        table.integer(`${metric}_l${i}`).notNullable();
      }
    }
    table.index(['generation', 'usage_date'], 'finops_usage_facts_generation_day');
    table.index(['import_id', 'billing_period', 'usage_date'], 'finops_usage_facts_import');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_usage_facts');
};
