// @ts-check

/**
 * Imports say they are alive, so that one left behind by a process that died
 * can be told from one another backend instance is still running.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.string('heartbeat_at', 32).nullable().comment('last sign of life of the process running it');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_imports', table => {
    table.dropColumn('heartbeat_at');
  });
};
