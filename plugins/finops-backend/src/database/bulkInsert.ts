import { Knex } from 'knex';

/** The PostgreSQL types of bulk-inserted columns (the arrays UNNEST takes). */
export type PgColumnType = 'text' | 'bigint' | 'integer' | 'double precision';

/** Rows per PostgreSQL statement, as one array per column. */
const PG_BATCH = 2_000;
/** Rows per synchronous SQLite write: about ten milliseconds. */
const SQLITE_PART = 2_000;
/** Bound parameters per statement for other databases (SQLite 3.32+ allows 32766). */
const MAX_PARAMETERS = 32_000;

/**
 * Inserts many rows fast, bypassing the query builder per row. PostgreSQL
 * gets one array per column through UNNEST; on SQLite, better-sqlite3 runs
 * one prepared statement per row on the (transaction's) own connection,
 * which is synchronous and an order of magnitude faster than parsing SQL.
 */
export async function bulkInsert(
  db: Knex | Knex.Transaction,
  table: string,
  columns: ReadonlyArray<{ name: string; pgType: PgColumnType }>,
  rows: Iterable<Knex.Value[]>,
): Promise<void> {
  const names = columns.map(c => `"${c.name}"`).join(', ');
  if (db.client.config.client === 'pg') {
    const unnest = columns.map(c => `?::${c.pgType}[]`).join(', ');
    for (const arrays of inColumns(rows, columns.length, PG_BATCH)) {
      await db.raw(`INSERT INTO "${table}" (${names}) SELECT * FROM UNNEST(${unnest})`, arrays as Knex.Value[]);
    }
    return;
  }
  if (db.client.config.client === 'better-sqlite3') {
    const iterator = rows[Symbol.iterator]();
    for (let done = false; !done; ) {
      // Inside a transaction, knex hands out the transaction's own connection.
      const connection = await db.client.acquireConnection();
      try {
        // 16 MiB of page cache: a 128 MiB cache loaded 1 M rows no faster and held 110 MB more.
        connection.pragma('cache_size = -16384');
        const statement = connection.prepare(
          `INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        // One transaction (a savepoint inside knex's) per part, not one commit and fsync per row;
        // rows are made as they are written, so none outlives its statement.
        connection.transaction(() => {
          for (let i = 0; i < SQLITE_PART; i++) {
            const next = iterator.next();
            if (next.done) {
              done = true;
              return;
            }
            statement.run(next.value);
          }
        })();
      } finally {
        await db.client.releaseConnection(connection);
      }
      if (!done) {
        // better-sqlite3 is synchronous: between parts, requests waiting for the event loop and the connection run.
        await new Promise(resolve => setImmediate(resolve));
      }
    }
    return;
  }
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let batch: Knex.Value[][] = [];
  const flush = async () => {
    if (batch.length > 0) {
      await db.raw(`INSERT INTO "${table}" (${names}) VALUES ${new Array(batch.length).fill(tuple).join(', ')}`, batch.flat());
      batch = [];
    }
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perBatch) {
      await flush();
    }
  }
  await flush();
}

/** Rows regrouped as one array per column, `size` rows at a time. */
function* inColumns(rows: Iterable<Knex.Value[]>, width: number, size: number): IterableIterator<Knex.Value[][]> {
  let arrays: Knex.Value[][] = Array.from({ length: width }, () => []);
  for (const row of rows) {
    for (let i = 0; i < width; i++) {
      arrays[i].push(row[i]);
    }
    if (arrays[0].length >= size) {
      yield arrays;
      arrays = Array.from({ length: width }, () => []);
    }
  }
  if (arrays[0].length > 0) {
    yield arrays;
  }
}
