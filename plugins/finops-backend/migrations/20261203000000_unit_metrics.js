// @ts-check

/**
 * Daily values of the business metrics entities declare
 * (`finops.backstage.io/unit-metrics`), one row per entity, metric and day:
 * writing a day again replaces it. Quantities are exact decimal strings
 * (they are summed in the backend with bigints, never in SQL floats).
 * Imports get a kind: FOCUS billing data or a metric CSV.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_metric_values', table => {
    table.comment('Daily business-metric values per catalog entity, for unit costs');
    table.string('entity_ref', 255).notNullable();
    table.string('metric', 64).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('quantity', 64).notNullable().comment('Exact decimal string');
    table.string('unit', 64).nullable();
    table.string('source', 128).notNullable().comment('api, import, or a metric source id');
    table.string('updated_at', 32).notNullable();
    table.primary(['entity_ref', 'metric', 'usage_date']);
  });
  await knex.schema.alterTable('finops_imports', table => {
    table.string('kind', 16).notNullable().defaultTo('costs');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.dropColumn('kind');
  });
  await knex.schema.dropTable('finops_metric_values');
};
