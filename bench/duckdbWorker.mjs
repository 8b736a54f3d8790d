// The baseline, in its own process: DuckDB reads the same FOCUS files and
// aggregates them to the same daily grain, amounts as exact DECIMAL(38,18).
// Usage: duckdbWorker.mjs <file>...
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const files = process.argv.slice(2);
const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const amount = 'DECIMAL(38,18)';
const list = files.map(f => `'${f.replace(/'/g, "''")}'`).join(', ');
const reader = `read_csv([${list}], header = true, types = {'EffectiveCost': '${amount}', 'BilledCost': '${amount}', 'ListCost': '${amount}'})`;
const result = await connection.runAndReadAll(`
  SELECT count(*) AS daily_rows, sum(rows) AS rows FROM (
    SELECT BillingPeriodStart, CAST(ChargePeriodStart AS DATE) AS day, BillingAccountId, SubAccountId, Tags,
           ProviderName, ServiceName, ServiceCategory, RegionId, ResourceId, ChargeCategory, BillingCurrency,
           sum(EffectiveCost), sum(BilledCost), sum(ListCost), count(*) AS rows
    FROM ${reader}
    GROUP BY ALL)`);
const [[dailyRows, rows]] = result.getRows();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(`${JSON.stringify({ rows: Number(rows), dailyRows: Number(dailyRows), seconds, peakRssMb: peakKb / 1024 })}\n`);
