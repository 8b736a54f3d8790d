// @ts-check

/**
 * Usage facts: what each resource used, per day and kind of usage, with the
 * FOCUS columns optimization tips need and cost views do not (usage type,
 * operation, SKU meter and price details, charge description, resource type,
 * pricing category, commitment discount, quantities and units, hours billed).
 * Tables of their own, so that cost queries stay as fast as they are: the
 * kinds of usage (what a charge is for, apart from its resource, day and
 * tags; few), and the facts, which refer to a kind and a cost key by hash.
 *
 * An import writes its facts here as it reads, under its import id; a read
 * joins the slices, whose import id changes with the commit that replaces
 * them, so it sees an import's facts exactly when it sees its costs, and
 * never those of an import that has not (or not yet) replaced the slice.
 * Facts of a superseded slice, or of an import that never finished, are
 * deleted. Rows are partial sums (one per batch an import read): reads sum
 * them. Amounts are exact: integer atto-units (10^-18) as text, summed as
 * bigint where they are read, so each row is written once and narrow.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_usage_kinds', table => {
    table.comment('What a charge is for, apart from resource, day and tags: provider, service, region, charge category, currency and usage columns');
    table.string('kind_hash', 32).primary();
    for (const column of [
      'provider',
      'service_name',
      'service_category',
      'region_id',
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
  });
  await knex.schema.createTable('finops_usage_facts', table => {
    table.comment('Per resource, day, tag set and kind of usage: quantities, billed time and amounts');
    table.bigIncrements('id');
    table.string('import_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('key_hash', 64).notNullable().comment('The cost key (tags and accounts) of finops_cost_keys');
    table.string('kind_hash', 32).notNullable().comment('The usage kind of finops_usage_kinds');
    table.text('resource_id').notNullable();
    table.double('consumed_quantity').notNullable();
    table.double('pricing_quantity').notNullable();
    table.bigInteger('billed_seconds').notNullable().comment('Charge period seconds, summed');
    for (const metric of ['effective', 'billed', 'list']) {
      table.text(`${metric}_atto`).notNullable().comment('Integer atto-units of currency');
    }
    table.index(['import_id', 'billing_period', 'usage_date'], 'finops_usage_facts_slice_day');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_usage_facts');
  await knex.schema.dropTable('finops_usage_kinds');
};
