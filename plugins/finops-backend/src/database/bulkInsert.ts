import { Knex } from 'knex';

/**
 * Inserts many rows fast: one statement per batch, built once per shape,
 * instead of the query builder per row. PostgreSQL gets one array per
 * column through UNNEST; SQLite a multi-row VALUES within its parameter limit.
 */
export async function bulkInsert(
  db: Knex | Knex.Transaction,
  table: string,
  columns: ReadonlyArray<{ name: string; pgType: 'text' | 'bigint' | 'integer' }>,
  rows: Knex.Value[][],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const names = columns.map(c => `"${c.name}"`).join(', ');
  if (db.client.config.client === 'pg') {
    for (let start = 0; start < rows.length; start += PG_BATCH) {
      const batch = rows.slice(start, start + PG_BATCH);
      const arrays = columns.map((_, i) => batch.map(row => row[i]));
      const unnest = columns.map(c => `?::${c.pgType}[]`).join(', ');
      await db.raw(`INSERT INTO "${table}" (${names}) SELECT * FROM UNNEST(${unnest})`, arrays as Knex.Value[]);
    }
    return;
  }
  const perBatch = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let cachedSql: { size: number; sql: string } | undefined;
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    if (cachedSql?.size !== batch.length) {
      cachedSql = { size: batch.length, sql: `INSERT INTO "${table}" (${names}) VALUES ${new Array(batch.length).fill(tuple).join(', ')}` };
    }
    await db.raw(cachedSql.sql, batch.flat());
  }
}

const PG_BATCH = 10_000;
/** SQLite 3.32+ allows 32766 bound parameters. */
const SQLITE_MAX_PARAMETERS = 32_000;
