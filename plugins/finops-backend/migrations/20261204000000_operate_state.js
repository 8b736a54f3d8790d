// @ts-check

/**
 * What the operate evaluation keeps between runs:
 * - `finops_anomalies`: detected cost anomalies, one per entity, cost
 *   metric, day and currency (the id is derived from those), with their
 *   contributors, the feedback users gave, and whether the owning team was
 *   notified; an anomaly a restatement no longer shows is withdrawn, not
 *   deleted, so feedback is never lost;
 * - `finops_budget_states`: each budgeted entity's last status per month,
 *   so a team hears once when it turns at-risk or over;
 * - `finops_forecast_snapshots`: the month-end forecast as it was made on
 *   day 5, 10 and 20 of a month, to show later how right it was;
 * - `finops_evaluation_runs`: when evaluations ran and what they did.
 * Amounts are exact decimal strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_anomalies', table => {
    table.comment('Cost anomalies the operate evaluation detected');
    table.string('id', 64).primary();
    table.string('metric', 16).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('currency', 3).notNullable();
    table.string('actual', 64).notNullable();
    table.string('expected', 64).notNullable();
    table.string('impact', 64).notNullable();
    table.double('impact_ratio').nullable();
    table.string('direction', 8).notNullable();
    table.text('contributors').notNullable().comment('JSON array of { dimension, key, impact }');
    table.string('detected_at', 32).notNullable();
    table.string('withdrawn_at', 32).nullable().comment('Set when a later evaluation no longer detects it');
    table.string('verdict', 16).nullable().comment('expected | unexpected');
    table.text('verdict_comment').nullable();
    table.string('verdict_by', 255).nullable();
    table.string('verdict_at', 32).nullable();
    table.string('notified_at', 32).nullable();
    table.index(['entity_ref', 'usage_date'], 'finops_anomalies_entity_date_idx');
  });
  await knex.schema.createTable('finops_budget_states', table => {
    table.comment('The last budget status of each budgeted entity per month');
    table.string('entity_ref', 255).notNullable();
    table.string('month', 7).notNullable();
    table.string('status', 16).notNullable();
    table.string('changed_at', 32).notNullable();
    table.string('notified_at', 32).nullable();
    table.primary(['entity_ref', 'month']);
  });
  await knex.schema.createTable('finops_forecast_snapshots', table => {
    table.comment('Month-end forecasts as made on day 5, 10 and 20 of a month');
    table.string('entity_ref', 255).notNullable();
    table.string('metric', 16).notNullable();
    table.string('month', 7).notNullable();
    table.integer('made_on_day').notNullable();
    table.string('currency', 3).notNullable();
    table.string('method', 32).notNullable();
    table.string('amount', 64).notNullable();
    table.string('low', 64).notNullable();
    table.string('high', 64).notNullable();
    table.string('made_at', 32).notNullable();
    table.primary(['entity_ref', 'metric', 'month', 'made_on_day']);
  });
  await knex.schema.createTable('finops_evaluation_runs', table => {
    table.comment('Runs of the operate evaluation');
    table.increments('id');
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.string('data_through', 10).nullable();
    table.text('summary').notNullable().comment('JSON: entities, anomalies found and withdrawn, notifications sent');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_evaluation_runs');
  await knex.schema.dropTable('finops_forecast_snapshots');
  await knex.schema.dropTable('finops_budget_states');
  await knex.schema.dropTable('finops_anomalies');
};
