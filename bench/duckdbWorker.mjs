// The baseline, in its own process: DuckDB reads the same FOCUS files and
// sums them to the same daily grain, amounts as exact DECIMAL(38,18).
//
// The outer query consumes every daily row's three sums (it adds them up per
// currency, which the benchmark checks against the import's totals): a query
// that only counted the daily rows would let DuckDB's optimizer drop the
// sums and never parse the cost columns at all.
//
// With --handover, the daily rows themselves are handed to JavaScript, as a
// store writer fed by DuckDB would need them: DuckDB as the ingestion engine.
// The fastest way measured: DuckDB writes them to a CSV file in parallel and
// the import's own scanner reads every field back (14.8 s against 19.7 s
// when taken chunk by chunk as DuckDB values, on the 1 M-row file). Run it
// with the TypeScript transform, which the scanner needs.
//
// With --threads 1, DuckDB reads on one core, as the import's reader does:
// the per-core comparison of the two readers.
//
// Usage: duckdbWorker.mjs [--threads N] <file>...
//        node -r @backstage/cli/config/nodeTransform.cjs duckdbWorker.mjs --handover <file>...
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const handover = args.includes('--handover');
const threadsAt = args.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(args[threadsAt + 1]) : undefined;
const files = args.filter((arg, i) => arg !== '--handover' && (threadsAt < 0 || (i !== threadsAt && i !== threadsAt + 1)));
const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
if (threads !== undefined) {
  await connection.run(`SET threads = ${threads}`);
}
const amount = 'DECIMAL(38,18)';
const list = files.map(f => `'${f.replace(/'/g, "''")}'`).join(', ');
const reader = `read_csv([${list}], header = true, types = {'EffectiveCost': '${amount}', 'BilledCost': '${amount}', 'ListCost': '${amount}'})`;
// Tag sets as the import identifies them: keys sorted, null values as empty strings, empty Tags as {}.
const canonicalTags = `CASE WHEN Tags IS NULL OR Tags IN ('', 'NULL', 'null') THEN '{}' ELSE CAST(to_json(map_from_entries(list_sort(
  list_transform(map_entries(CAST(CAST(Tags AS JSON) AS MAP(VARCHAR, VARCHAR))), e -> {'key': e.key, 'value': coalesce(e.value, '')})))) AS VARCHAR) END`;
const daily = `
  SELECT BillingPeriodStart, CAST(ChargePeriodStart AS DATE) AS day, BillingAccountId, SubAccountId, ${canonicalTags} AS Tags,
         ProviderName, ServiceName, ServiceCategory, RegionId, ResourceId, ChargeCategory, BillingCurrency,
         sum(EffectiveCost) AS effective, sum(BilledCost) AS billed, sum(ListCost) AS list, count(*) AS rows
  FROM ${reader}
  GROUP BY ALL`;

let outcome;
if (handover) {
  const { CsvScanner } = createRequire(import.meta.url)('../plugins/finops-backend/src/focus/csvScanner.ts');
  const dir = mkdtempSync(join(tmpdir(), 'finops-handover-'));
  const dailyCsv = join(dir, 'daily.csv');
  try {
    await connection.run(`COPY (${daily}) TO '${dailyCsv}' (HEADER)`);
    let dailyRows = -1;
    let rows = 0;
    const scanner = new CsvScanner(record => {
      if (++dailyRows === 0) return;
      for (let i = 0; i < 12; i++) record.field(i);
      for (let i = 12; i < 15; i++) BigInt(record.field(i).replace('.', ''));
      rows += Number(record.field(15));
    });
    for await (const chunk of createReadStream(dailyCsv, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      scanner.push(chunk);
    }
    scanner.end();
    outcome = { rows, dailyRows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const result = await connection.runAndReadAll(`
    SELECT BillingCurrency AS currency, count(*) AS daily_rows, sum(rows) AS rows,
           CAST(sum(effective) AS VARCHAR) AS effective, CAST(sum(billed) AS VARCHAR) AS billed, CAST(sum(list) AS VARCHAR) AS list
    FROM (${daily})
    GROUP BY ALL`);
  const perCurrency = result.getRowObjects();
  const totals = perCurrency.map(row => ({
    currency: String(row.currency),
    effectiveCost: String(row.effective),
    billedCost: String(row.billed),
    listCost: String(row.list),
  }));
  outcome = {
    rows: perCurrency.reduce((sum, row) => sum + Number(row.rows), 0),
    dailyRows: perCurrency.reduce((sum, row) => sum + Number(row.daily_rows), 0),
    totals,
  };
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(`${JSON.stringify({ ...outcome, seconds, peakRssMb: peakKb / 1024 })}\n`);
