// @ts-check

/**
 * The AWS Cost Explorer source's own tables, in the FinOps plugin's
 * database: what each source fetched, per day, so that runs re-read only
 * what may have changed and yield whole months from what is stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_aws_days', table => {
    table.comment('One row per source and day whose costs are stored');
    table.string('source_id', 64).notNullable();
    table.string('usage_date', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .string('fetched_on', 10)
      .notNullable()
      .comment('The UTC day the costs of usage_date were last fetched on');
    table.primary(['source_id', 'usage_date']);
  });
  await knex.schema.createTable('finops_aws_costs', table => {
    table.comment(
      'Costs as fetched: one row per day, linked account, first tag, service and record type',
    );
    table.string('source_id', 64).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('sub_account_id', 64).notNullable();
    table.text('tag_key').notNullable().comment('Empty when untagged');
    table.text('tag_value').notNullable();
    table.text('service_name').notNullable();
    table
      .string('record_type', 255)
      .notNullable()
      .comment('Empty for the usage record types');
    table.string('currency', 3).notNullable();
    table
      .string('billed', 64)
      .notNullable()
      .comment('Exact decimal, the billed metric');
    table
      .string('effective', 64)
      .notNullable()
      .comment('Exact decimal, the configured metric');
    table.index(['source_id', 'usage_date'], 'finops_aws_costs_day_idx');
  });
  await knex.schema.createTable('finops_aws_months', table => {
    table.comment('Per source and month: slice length and delivery state');
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable().comment('YYYY-MM-01');
    table
      .integer('slice_days')
      .nullable()
      .comment(
        'The most days one fetch of this month spans; null for the whole month',
      );
    table
      .integer('changed_seq')
      .notNullable()
      .defaultTo(0)
      .comment('Incremented whenever stored days of the month change');
    table
      .integer('delivered_seq')
      .notNullable()
      .defaultTo(0)
      .comment('changed_seq when the month was last yielded in full');
    table.primary(['source_id', 'billing_period']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_aws_months');
  await knex.schema.dropTable('finops_aws_costs');
  await knex.schema.dropTable('finops_aws_days');
};
