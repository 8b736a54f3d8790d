// Seeds cost data of the benchmarks' shape straight into the FinOps tables
// (PostgreSQL): components × days × services daily rows, each component's
// cost key attributed to component:default/svc-NNNN and tagged service=svc-NNNN.
'use strict';

/** Seeds the query benchmark's shape straight into the tables: components × days × services. */
async function seedQueryData(knex, components, days, services) {
  await knex.raw(`INSERT INTO finops_cost_keys (key_hash, tags, billing_account_id, sub_account_id, entity_ref, rule, rule_detail)
    SELECT md5(c::text), '{"service":"svc-' || lpad(c::text, 4, '0') || '"}', '1', '2', 'component:default/svc-' || lpad(c::text, 4, '0'), 'entityTagKey', 'bench'
    FROM generate_series(1, ${components}) AS c`);
  await knex.raw(`INSERT INTO finops_slice_generations (import_id, source_id, billing_period, created_at)
    SELECT 'bench', 'bench', to_char(month, 'YYYY-MM-DD'), '2025-10-01T00:00:00Z'
    FROM generate_series('2025-10-01'::date, '2025-10-01'::date + ${days - 1}, '1 month') AS month`);
  await knex.raw(`INSERT INTO finops_slices (source_id, billing_period, import_id, generation, source_rows, daily_rows, totals, imported_at)
    SELECT 'bench', billing_period, 'bench', id, 0, 0, '{}', created_at FROM finops_slice_generations`);
  const limbs = (metric, low) => [low, '0', '0', '0', '0', '0'].map((value, i) => `${value} AS ${metric}_l${i}`);
  await knex.raw(`INSERT INTO finops_daily_costs (generation, bucket, source_id, billing_period, usage_date, cost_key_id, provider, service_name,
      service_category, region_id, resource_id, charge_category, currency, ${['effective', 'billed', 'list'].flatMap(m => [0, 1, 2, 3, 4, 5].map(i => `${m}_l${i}`)).join(', ')})
    SELECT g.id, 0, 'bench', g.billing_period, to_char(day, 'YYYY-MM-DD'), k.id, 'AWS', 'service-' || s, 'Compute',
      'us-east-1', 'r-' || k.id || '-' || s, 'Usage', 'USD',
      ${[
        // Whole units below 10^9 land in limb 2 (10^18 atto-units per unit).
        `0 AS effective_l0, 0 AS effective_l1, ((k.id * 7919 + s * 104729 + extract(doy from day)::int) % 1000000000)::int AS effective_l2, 0 AS effective_l3, 0 AS effective_l4, 0 AS effective_l5`,
        ...limbs('billed', '1'),
        ...limbs('list', '1'),
      ].join(', ')}
    FROM finops_cost_keys k, generate_series(1, ${services}) AS s, generate_series('2025-10-01'::date, '2025-10-01'::date + ${days - 1}, '1 day') AS day
    JOIN finops_slice_generations g ON g.billing_period = to_char(date_trunc('month', day), 'YYYY-MM-DD')`);
  const dimensions = ['generation', 'source_id', 'usage_date', 'cost_key_id', 'provider', 'service_category', 'currency'];
  const limbColumns = ['effective', 'billed', 'list'].flatMap(m => [0, 1, 2, 3, 4, 5].map(i => `${m}_l${i}`));
  await knex.raw(`INSERT INTO finops_daily_key_costs (${[...dimensions, ...limbColumns].join(', ')})
    SELECT ${[...dimensions, ...limbColumns.map(c => `SUM(${c})`)].join(', ')} FROM finops_daily_costs GROUP BY ${dimensions.join(', ')}`);
  // What autovacuum does after a large import: statistics, and the visibility map index-only scans need.
  await knex.raw('VACUUM ANALYZE finops_daily_costs');
  await knex.raw('VACUUM ANALYZE finops_daily_key_costs');
  await knex.raw('ANALYZE finops_cost_keys');
}

module.exports = { seedQueryData };
