// @ts-check

/**
 * The daily summary's key index without the generation: reads name the
 * current generations as an array, and as a third index column every key
 * was looked up once per generation (a team of 200 keys over 14 monthly
 * generations: 2 800 descents for what 200 do). The generation is checked
 * on the rows the key and date range select.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_daily_key_costs', table => {
    table.dropIndex([], 'finops_daily_key_costs_key_date_idx');
    table.index(['cost_key_id', 'usage_date'], 'finops_daily_key_costs_key_date_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_daily_key_costs', table => {
    table.dropIndex([], 'finops_daily_key_costs_key_date_idx');
    table.index(['cost_key_id', 'usage_date', 'generation'], 'finops_daily_key_costs_key_date_idx');
  });
};
