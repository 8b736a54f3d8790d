// @ts-check

/**
 * Two changes to the daily table, made in one copy of it.
 *
 * Money in limbs. Amounts were two 64-bit columns (nano-units and the atto
 * remainder), so one row could hold at most ~9.2 × 10^9 currency units and
 * a SUM of the nano column overflowed on SQLite a little above that: an
 * ordinary month of IDR or VND failed. Each amount is now six integer limbs
 * of nine decimal digits of atto-units, least significant first, each with
 * the amount's sign (toLimbs in plugin-finops-common). A limb fits a 32-bit
 * column and a SUM of one over 9 × 10^9 rows stays below 2^63, so sums are
 * exact on both databases for any amount the reader accepts.
 *
 * Slice generations. Every (source, billing period) an import writes gets
 * a generation id; its daily rows are written under that id, in short
 * statements, while the previous generation stays the one that reads see.
 * A small transaction then points finops_slices at the new generation, and
 * the old rows are deleted afterwards in chunks. Nothing holds the database
 * for the length of an import, and on SQLite no request waits behind one.
 * `bucket` (0–255, from the cost key and resource) lets the import write,
 * check and delete a day in parts of bounded size.
 *
 * Existing rows keep their amounts exactly and become the first generation
 * of their slice. Staged rows belong to imports of processes running the
 * previous version, which cannot finish against this schema: the table is
 * recreated empty and those imports are failed by the abandoned-import sweep.
 *
 * @param {import('knex').Knex} knex
 */

const METRICS = ['effective', 'billed', 'list'];
const LIMBS = 6;
const limbColumns = METRICS.flatMap(metric => Array.from({ length: LIMBS }, (_, i) => `${metric}_l${i}`));

/** @param {import('knex').Knex.CreateTableBuilder} table */
function addLimbColumns(table) {
  for (const column of limbColumns) {
    table.integer(column).notNullable();
  }
}

/**
 * SQL for limb `i` of an amount held as `<metric>_nanos` × 10^9 + `<metric>_attos` (both truncating).
 *
 * @param {string} metric
 * @param {number} i
 */
function limbFromNanos(metric, i) {
  const nanos = `o.${metric}_nanos`;
  switch (i) {
    case 0:
      return `o.${metric}_attos`;
    case 1:
      return `${nanos} % 1000000000`;
    case 2:
      return `(${nanos} / 1000000000) % 1000000000`;
    case 3:
      return `${nanos} / 1000000000000000000`;
    default:
      return '0';
  }
}

/** @type {Record<string, number>} */
const COLUMN_LENGTHS = { resource_id: 1024, currency: 3 };
const DIMENSIONS = ['provider', 'service_name', 'service_category', 'region_id', 'resource_id', 'charge_category', 'currency'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('finops_slice_generations', table => {
    table.comment('One per (import, source, billing period) written; daily rows carry its id');
    table.increments('id');
    table.string('import_id', 36).notNullable();
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('retired_at', 32).nullable().comment('set once its daily rows are deleted');
    table.index(['import_id'], 'finops_slice_generations_import_idx');
  });
  await knex.schema.alterTable('finops_slices', table => {
    table.integer('generation').nullable().comment('the generation of daily rows reads see');
    table.string('first_usage_date', 10).nullable();
    table.string('last_usage_date', 10).nullable();
  });
  const slices = await knex('finops_slices').select('source_id', 'billing_period', 'import_id', 'imported_at');
  for (const slice of slices) {
    const [{ id }] = await knex('finops_slice_generations')
      .insert({
        import_id: slice.import_id,
        source_id: slice.source_id,
        billing_period: slice.billing_period,
        created_at: slice.imported_at,
      })
      .returning('id');
    await knex('finops_slices')
      .where({ source_id: slice.source_id, billing_period: slice.billing_period })
      .update({ generation: id });
  }

  await knex.schema.createTable('finops_daily_costs_limbs', table => {
    table.comment('Cost per day x resource x tag set x service x account x region, per slice generation');
    table.integer('generation').notNullable();
    table.smallint('bucket').notNullable();
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.integer('cost_key_id').notNullable();
    for (const column of DIMENSIONS) {
      table.string(column, COLUMN_LENGTHS[column] ?? 255).notNullable();
    }
    addLimbColumns(table);
  });
  const copied = ['source_id', 'billing_period', 'usage_date', 'cost_key_id', ...DIMENSIONS];
  const limbs = METRICS.flatMap(metric => Array.from({ length: LIMBS }, (_, i) => limbFromNanos(metric, i)));
  await knex.raw(
    `INSERT INTO finops_daily_costs_limbs (generation, bucket, ${copied.join(', ')}, ${limbColumns.join(', ')})
     SELECT COALESCE(s.generation, 0), 0, ${copied.map(c => `o.${c}`).join(', ')}, ${limbs.join(', ')}
     FROM finops_daily_costs o
     LEFT JOIN finops_slices s ON s.source_id = o.source_id AND s.billing_period = o.billing_period`,
  );
  await knex.schema.dropTable('finops_daily_costs');
  await knex.schema.renameTable('finops_daily_costs_limbs', 'finops_daily_costs');
  await createDailyIndexes(knex);
  await knex.raw(
    `UPDATE finops_slices SET
       first_usage_date = (SELECT MIN(d.usage_date) FROM finops_daily_costs d WHERE d.generation = finops_slices.generation),
       last_usage_date = (SELECT MAX(d.usage_date) FROM finops_daily_costs d WHERE d.generation = finops_slices.generation)`,
  );

  await knex.schema.dropTable('finops_import_staging');
  await knex.schema.createTable('finops_import_staging', table => {
    table.comment('Partial daily aggregates of imports in progress');
    table.string('import_id', 36).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.smallint('bucket').notNullable();
    table.string('key_hash', 64).notNullable();
    for (const column of DIMENSIONS) {
      table.string(column, COLUMN_LENGTHS[column] ?? 255).notNullable();
    }
    addLimbColumns(table);
    table.index(['import_id', 'usage_date', 'bucket'], 'finops_import_staging_chunk_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER TABLE finops_import_staging SET UNLOGGED');
  }
};

/** @param {import('knex').Knex} knex */
async function createDailyIndexes(knex) {
  await knex.schema.alterTable('finops_daily_costs', table => {
    // Cost views read an entity's keys over a date range by service; the index answers them alone.
    table.index(
      ['cost_key_id', 'usage_date', 'generation', 'service_name', 'currency', ...limbColumns.filter(c => !c.startsWith('list_'))],
      'finops_daily_key_date_cover_idx',
    );
    // An import writes, checks and deletes a generation one day and bucket range at a time.
    table.index(['generation', 'usage_date', 'bucket'], 'finops_daily_generation_idx');
    table.index(['usage_date'], 'finops_daily_date_idx');
    table.index(['resource_id'], 'finops_daily_resource_idx');
  });
}

/**
 * Back to nano-units and atto remainder, for the current generations only.
 * Fails when an amount is beyond what the two 64-bit columns held.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const candidates = await knex('finops_daily_costs').where(query => {
    for (const metric of METRICS) {
      query.orWhereNot(`${metric}_l4`, 0).orWhereNot(`${metric}_l5`, 0).orWhere(`${metric}_l3`, '>=', 9).orWhere(`${metric}_l3`, '<=', -9);
    }
  });
  const limit = 2n ** 63n;
  for (const row of candidates) {
    for (const metric of METRICS) {
      const nanos = [1, 2, 3, 4, 5].reduce((sum, i) => sum + BigInt(row[`${metric}_l${i}`]) * 10n ** BigInt(9 * (i - 1)), 0n);
      if (nanos >= limit || nanos < -limit) {
        throw new Error('Cannot migrate down: some amounts are beyond the 9.2 × 10^9 units the previous schema held');
      }
    }
  }
  await knex.schema.createTable('finops_daily_costs_nanos', table => {
    table.string('source_id', 64).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.integer('cost_key_id').notNullable();
    for (const column of DIMENSIONS) {
      table.string(column, COLUMN_LENGTHS[column] ?? 255).notNullable();
    }
    for (const metric of METRICS) {
      table.bigInteger(`${metric}_nanos`).notNullable();
      table.bigInteger(`${metric}_attos`).notNullable();
    }
  });
  const copied = ['source_id', 'billing_period', 'usage_date', 'cost_key_id', ...DIMENSIONS];
  const nanoColumns = METRICS.flatMap(metric => [
    `CAST(d.${metric}_l1 AS BIGINT) + CAST(d.${metric}_l2 AS BIGINT) * 1000000000 + CAST(d.${metric}_l3 AS BIGINT) * 1000000000000000000`,
    `d.${metric}_l0`,
  ]);
  await knex.raw(
    `INSERT INTO finops_daily_costs_nanos (${copied.join(', ')}, ${METRICS.flatMap(m => [`${m}_nanos`, `${m}_attos`]).join(', ')})
     SELECT ${copied.map(c => `d.${c}`).join(', ')}, ${nanoColumns.join(', ')}
     FROM finops_daily_costs d JOIN finops_slices s ON s.generation = d.generation`,
  );
  await knex.schema.dropTable('finops_daily_costs');
  await knex.schema.renameTable('finops_daily_costs_nanos', 'finops_daily_costs');
  await knex.schema.alterTable('finops_daily_costs', table => {
    table.index(['source_id', 'billing_period'], 'finops_daily_slice_idx');
    table.index(
      ['cost_key_id', 'usage_date', 'service_name', 'currency', 'effective_nanos', 'effective_attos', 'billed_nanos', 'billed_attos'],
      'finops_daily_key_date_cover_idx',
    );
    table.index(['usage_date'], 'finops_daily_date_idx');
    table.index(['resource_id'], 'finops_daily_resource_idx');
  });

  await knex.schema.dropTable('finops_import_staging');
  await knex.schema.createTable('finops_import_staging', table => {
    table.string('import_id', 36).notNullable();
    table.string('billing_period', 10).notNullable();
    table.string('usage_date', 10).notNullable();
    table.string('key_hash', 64).notNullable();
    for (const column of DIMENSIONS) {
      table.string(column, COLUMN_LENGTHS[column] ?? 255).notNullable();
    }
    for (const metric of METRICS) {
      table.bigInteger(`${metric}_nanos`).notNullable();
      table.bigInteger(`${metric}_attos`).notNullable();
    }
    table.index(['import_id'], 'finops_import_staging_import_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER TABLE finops_import_staging SET UNLOGGED');
  }
  await knex.schema.alterTable('finops_slices', table => {
    table.dropColumn('generation');
    table.dropColumn('first_usage_date');
    table.dropColumn('last_usage_date');
  });
  await knex.schema.dropTable('finops_slice_generations');
};
