// @ts-check

/**
 * Monthly budgets set through the API, per entity: for one month
 * (`scope = month`) or from a month on (`scope = from`, until a later
 * `from`). Who set each and when is kept. Amounts are exact decimal strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_budgets', table => {
    table.comment('Monthly budgets set through the FinOps API');
    table.string('entity_ref', 255).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('scope', 8).notNullable().comment('month: that month; from: that month on');
    table.string('amount', 64).notNullable().comment('Exact decimal string');
    table.string('currency', 3).notNullable();
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['entity_ref', 'month', 'scope']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_budgets');
};
