/**
 * The workspace export (GET /api/export), streamed: every table (found in `sqlite_master`, so
 * other parts' tables are included), row by row, as one JSON document
 * `{ format: 'peerlens-workspace', version: 1, exportedAt, tables: { name: rows[] } }`, one row a
 * line. Nothing is gathered in memory: rows are read from a read-only connection of their own,
 * in one read transaction (so the export is one consistent moment, and the server's own
 * connection is never held up), and handed on in pieces of about 64 KB as the client takes them.
 * Password hashes, session tokens and invitation and reset tokens are left out.
 */
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { isPostgres, listTables, poolOf } from './db/database.js';
import { DEMO_PASSWORD_SETTING } from './db/demo-settings.js';
import type { Database } from './db/types.js';

type Row = Record<string, unknown>;

/** Columns never exported: secrets that would let someone sign in. */
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['password_hash'],
  invitations: ['token_hash'],
  password_resets: ['token_hash'],
};
/** Tables never exported. */
export const SKIP_TABLES: ReadonlySet<string> = new Set(['sessions', 'limit_failures', 'rate_buckets']);
/** Roughly how much text is handed on at a time. */
const PIECE = 64 * 1024;

/**
 * A row as one line of JSON. A note's analysis and profile are JSON text: they are exported as
 * JSON, not as a string of it, and as they are stored (checked by parsing, not written again).
 */
function rowJson(table: string, r: Row): string {
  for (const c of SECRET_COLUMNS[table] ?? []) delete r[c];
  // the demo accounts' shared password (decision 016) would let someone sign in as them
  if (table === 'settings' && r.key === DEMO_PASSWORD_SETTING) r.value = null;
  if (table !== 'documents') return JSON.stringify(r);
  const json: string[] = [];
  for (const c of ['analysis', 'profile']) {
    const v = r[c];
    if (typeof v !== 'string') continue;
    try {
      JSON.parse(v);
    } catch {
      continue; // not JSON (never written by PeerLens): exported as a string
    }
    delete r[c];
    json.push(`${JSON.stringify(c)}:${v}`);
  }
  const rest = JSON.stringify(r);
  return json.length === 0 ? rest : `${rest.slice(0, -1)}${rest === '{}' ? '' : ','}${json.join(',')}}`;
}

/** The file behind the main database, or '' for one in memory. */
async function databaseFile(db: Kysely<Database>): Promise<string> {
  const rows = await sql<{ name: string; file: string }>`select name, file from pragma_database_list`.execute(db);
  return rows.rows.find((r) => r.name === 'main')?.file ?? '';
}

const TABLES_SQL = `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Rows of every exported table, from a read-only connection in one read transaction. */
function* rowsFromFile(file: string): Generator<{ table: string; row?: Row }> {
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    reader.exec('begin');
    const tables = (reader.prepare(TABLES_SQL).all() as { name: string }[]).map((t) => t.name).filter((t) => !SKIP_TABLES.has(t));
    for (const table of tables) {
      yield { table };
      // the name comes from SQLite's own catalogue, never from a request
      for (const row of reader.prepare(`select * from ${quote(table)}`).iterate() as IterableIterator<Row>) yield { table, row };
    }
    reader.exec('commit');
  } finally {
    reader.close();
  }
}

/** The same from the server's connection, a page at a time by rowid (a database in memory, in tests). */
async function* rowsFromConnection(db: Kysely<Database>): AsyncGenerator<{ table: string; row?: Row }> {
  const tables = (await sql<{ name: string }>`${sql.raw(TABLES_SQL)}`.execute(db)).rows
    .map((t) => t.name)
    .filter((t) => !SKIP_TABLES.has(t));
  for (const table of tables) {
    yield { table };
    let after = -Infinity;
    for (;;) {
      const page = (
        await sql<
          Row & { __rowid: number }
        >`select rowid as __rowid, * from ${sql.table(table)} where rowid > ${after} order by rowid limit 500`.execute(db)
      ).rows;
      for (const r of page) {
        after = r.__rowid;
        const { __rowid: _, ...row } = r;
        yield { table, row };
      }
      if (page.length < 500) break;
    }
  }
}

/**
 * The same from PostgreSQL: a connection of its own from the pool, one read-only transaction at
 * REPEATABLE READ (one consistent moment while the app servers keep writing), each table read
 * through a cursor 500 rows at a time.
 */
async function* rowsFromPostgres(db: Kysely<Database>, pool: pg.Pool): AsyncGenerator<{ table: string; row?: Row }> {
  const tables = (await listTables(db)).filter((t) => !SKIP_TABLES.has(t));
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    for (const table of tables) {
      yield { table };
      // the name comes from PostgreSQL's own catalogue, never from a request
      await client.query(`declare export_rows no scroll cursor for select * from ${quote(table)}`);
      for (;;) {
        const page = await client.query<Row>('fetch 500 from export_rows');
        for (const row of page.rows) yield { table, row };
        if (page.rows.length < 500) break;
      }
      await client.query('close export_rows');
    }
    await client.query('commit');
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    // stopped early (the client went away) or failed: end the transaction before the connection goes back
    if (!failed) await client.query('rollback').catch(() => undefined);
    client.release(failed);
  }
}

/** The export as pieces of JSON text, read as they are asked for. */
export async function* exportPieces(db: Kysely<Database>, now = new Date()): AsyncGenerator<string> {
  const pool = isPostgres(db) ? poolOf(db) : undefined;
  const file = pool !== undefined || isPostgres(db) ? '' : await databaseFile(db);
  const source = pool !== undefined ? rowsFromPostgres(db, pool) : file === '' ? rowsFromConnection(db) : rowsFromFile(file);
  let piece = `{"format":"peerlens-workspace","version":1,"exportedAt":${JSON.stringify(now.toISOString())},"tables":{`;
  let tables = 0;
  let rowsInTable = 0;
  for await (const { table, row } of source) {
    if (row === undefined) {
      piece += `${tables > 0 ? '\n],' : ''}\n${JSON.stringify(table)}:[`;
      tables++;
      rowsInTable = 0;
      continue;
    }
    piece += `${rowsInTable > 0 ? ',' : ''}\n${rowJson(table, row)}`;
    rowsInTable++;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}${tables > 0 ? '\n]' : ''}}}\n`;
}
