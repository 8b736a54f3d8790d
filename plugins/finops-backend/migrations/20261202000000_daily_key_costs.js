// @ts-check

/**
 * A summary of the daily table: one row per generation, day, cost key,
 * source, provider, service category and currency, with the exact sums of
 * the daily rows' limbs. Organisation-wide views and team rollups group by
 * day, entity, account, provider or category, never by service or
 * resource; reading this instead of the daily table reads several times
 * fewer rows (one per service and resource of a key's day become one).
 *
 * Each summary limb is a plain SUM of limbs below 10^9 in magnitude, kept
 * uncarried in a 64-bit column; summing summary rows is summing the daily
 * rows they stand for, so every read stays exact within the bound the daily
 * table already has. Imports write a day's summary rows after its daily
 * rows and check them against the input's totals with the rest; retiring a
 * generation deletes both. Existing daily rows are summarized here.
 *
 * @param {import('knex').Knex} knex
 */

const METRICS = ['effective', 'billed', 'list'];
const LIMBS = 6;
const limbColumns = METRICS.flatMap(metric => Array.from({ length: LIMBS }, (_, i) => `${metric}_l${i}`));
const DIMENSIONS = ['generation', 'source_id', 'usage_date', 'cost_key_id', 'provider', 'service_category', 'currency'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_daily_key_costs', table => {
    table.comment('Daily costs summed per cost key, source, provider, service category and currency');
    table.integer('generation').notNullable();
    table.string('source_id', 64).notNullable();
    table.string('usage_date', 10).notNullable();
    table.integer('cost_key_id').notNullable();
    table.string('provider', 255).notNullable();
    table.string('service_category', 255).notNullable();
    table.string('currency', 3).notNullable();
    for (const column of limbColumns) {
      table.bigInteger(column).notNullable();
    }
    // Team views read their keys over a date range; organisation views and imports a range of days of a generation.
    table.index(['cost_key_id', 'usage_date', 'generation'], 'finops_daily_key_costs_key_date_idx');
    table.index(['generation', 'usage_date'], 'finops_daily_key_costs_generation_idx');
  });
  await knex.raw(
    `INSERT INTO finops_daily_key_costs (${[...DIMENSIONS, ...limbColumns].join(', ')})
     SELECT ${[...DIMENSIONS, ...limbColumns.map(column => `SUM(${column})`)].join(', ')}
     FROM finops_daily_costs GROUP BY ${DIMENSIONS.join(', ')}`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_daily_key_costs');
};
