// @ts-check

/**
 * What an import from a paid provider API cost in calls: requests, pages
 * and their estimated price (a JSON object as the source reported it), for
 * the import list. Null for file imports.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.text('api_requests').nullable().comment('JSON: requests, pages and estimatedCostUsd of a provider API import');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.dropColumn('api_requests');
  });
};
