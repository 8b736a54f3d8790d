// @ts-check

/**
 * A directory import records the listing it stood for, with the billing
 * periods each file held, so that the next import of the same directory
 * reads only the changed files and the unchanged ones sharing their periods.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.text('directory_manifest').nullable().comment('JSON: root and files (path, size, mtime, billing periods) of a directory import');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.dropColumn('directory_manifest');
  });
};
