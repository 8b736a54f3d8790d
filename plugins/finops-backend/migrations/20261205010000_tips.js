// @ts-check

/**
 * Optimization tips: what the tip rules found at their last evaluation, and
 * what users decided about each (dismissed with a reason, snoozed until a
 * day, done). A tip's id is stable for its rule and finding, so the decision
 * survives re-evaluation; a finding that is gone leaves its tip inactive
 * rather than deleted, so a done tip can show what it saved afterwards.
 * Savings are exact decimal strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_tips', table => {
    table.comment('Optimization tips and the decisions users made about them');
    table.string('id', 64).primary();
    table.string('rule', 64).notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Null for unallocated spend');
    table.text('title').notNullable();
    table.text('description').notNullable();
    table
      .text('resources')
      .notNullable()
      .comment('JSON: resourceId and serviceName of each resource');
    table.string('estimated_monthly_savings', 64).notNullable();
    table.string('currency', 3).notNullable();
    table.text('method').notNullable();
    table.string('effort', 8).notNullable();
    table.string('risk', 8).notNullable();
    table
      .boolean('active')
      .notNullable()
      .comment('Found by the last evaluation');
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('status', 16).notNullable().defaultTo('open');
    table.text('status_reason').nullable();
    table.string('snoozed_until', 10).nullable();
    table.string('status_by', 255).nullable();
    table.string('status_at', 32).nullable();
    table.index(['entity_ref'], 'finops_tips_entity');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_tips');
};
