/**
 * The database. By default one SQLite file, `peerlens.sqlite` in the data folder, through
 * better-sqlite3 and Kysely's SQLite dialect: WAL journal, foreign keys on, secure_delete on.
 * With `DATABASE_URL=postgres://…` the same tables live in PostgreSQL instead, through Kysely's
 * PostgreSQL dialect and a `pg` pool, so several app servers can share them (decision 022).
 * Migrations run on open, the same ones on both.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { isPostgres } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './types.js';

export const DB_FILE = 'peerlens.sqlite';

/** The data folder: `DATA_DIR`, or `./data` under the current folder. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(process.cwd(), env.DATA_DIR !== undefined && env.DATA_DIR !== '' ? env.DATA_DIR : 'data');
}

/** `DATABASE_URL` when it names a PostgreSQL database (postgres:// or postgresql://); undefined when unset (SQLite). */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (url === undefined || url === '') return undefined;
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new Error(
      'DATABASE_URL must be a PostgreSQL address (postgres://user:password@host:5432/name); leave it unset for SQLite in DATA_DIR.',
    );
  return url;
}

/** Opens (creating if need be) the SQLite database in `dataDir`, without migrating it. */
export function openDatabase(dataDir: string): Kysely<Database> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, DB_FILE));
  sqlite.pragma('journal_mode = WAL');
  // every commit reaches the disk before the reply: a note answered 201 survives a power loss too
  // (better-sqlite3 builds with WAL synchronous NORMAL; FULL costs about 0.2 ms a save here)
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // what is deleted is overwritten with zeros, not left in free pages (decision 012)
  sqlite.pragma('secure_delete = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: keptStatements(sqlite) }) });
}

/** Prepared statements kept, at most: the SQL of a page's few queries, and of `in (…)` lists of the sizes seen. */
const KEPT_STATEMENTS = 500;

/**
 * better-sqlite3 as Kysely's SQLite dialect uses it, with each prepared statement kept by its SQL:
 * Kysely prepares every query afresh, which was a tenth of a drift request's time (decision 025).
 * Kysely runs one query at a time on the connection; a statement still being iterated (a streamed
 * export) is never handed out twice: a fresh one is prepared instead. The oldest statement goes
 * when the cache is full.
 */
export function keptStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close(): void {
      kept.clear();
      sqlite.close();
    },
    prepare(text: string): SQLite.Statement {
      const known = kept.get(text);
      if (known !== undefined && !known.busy) return known;
      const fresh = sqlite.prepare(text);
      if (known === undefined) {
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
        kept.set(text, fresh);
      }
      return fresh;
    },
  };
}

const INT8 = 20;
const NUMERIC = 1700;
/**
 * Numbers come back as numbers, as they do from SQLite: `count(*)` and `sum()` are bigint or
 * numeric in PostgreSQL, which `pg` returns as strings. Counts here are far below 2^53.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The pool behind each PostgreSQL database opened here (the export and the backup use a connection of their own). */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/** Connections each server process keeps to PostgreSQL at most (`PEERLENS_PG_POOL`, default 10). */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PEERLENS_PG_POOL?.trim();
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PEERLENS_PG_POOL must be a whole number of connections, 1 or more (got "${raw}").`);
  return n;
}

/** Opens a pool to the PostgreSQL database at `url`, without migrating it. */
export function openPostgres(url: string, max = poolSizeFromEnv()): Kysely<Database> {
  // a database that does not answer within 5 s is an error (GET /api/health then says 503), not a wait without end
  // prepared statements keep one plan for any values (the queries are short and selective): no planning per run
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: pgTypes,
    connectionTimeoutMillis: 5000,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // an idle connection that fails (the database restarted) is dropped from the pool, not a crash
  pool.on('error', () => undefined);
  pool.on('connect', (client) => preparedByName(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** Statements a connection keeps prepared, at most; past them, a query is planned each time as before. */
const PREPARED_A_CONNECTION = 300;

/**
 * Each connection prepares its queries once, by name, and runs them again without planning them
 * again: Kysely's PostgreSQL dialect sends every query unnamed, and on the 500,000-note workspace
 * planning took about a third of the database's time for a team's drift (decision 025). Only
 * data statements (select, insert, update, delete, with) are named, by a digest of their SQL, so
 * the same text always has the same name; a connection names at most PREPARED_A_CONNECTION.
 */
function preparedByName(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = new Set<string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (first: unknown, ...rest: unknown[]): unknown => {
    if (typeof first !== 'string' || !Array.isArray(rest[0]) || !/^\s*(select|insert|update|delete|with)\b/i.test(first))
      return query(first, ...rest);
    const name = `p${createHash('sha1').update(first).digest('hex').slice(0, 20)}`;
    if (!named.has(name)) {
      if (named.size >= PREPARED_A_CONNECTION) return query(first, ...rest);
      named.add(name);
    }
    return query({ name, text: first, values: rest[0] }, ...rest.slice(1));
  };
}

/** Where the server's data lives: PostgreSQL when a URL is given, else SQLite in `dataDir`. */
export function openConfigured(options: { databaseUrl?: string | undefined; dataDir: string }): Kysely<Database> {
  return options.databaseUrl !== undefined ? openPostgres(options.databaseUrl) : openDatabase(options.dataDir);
}

/** The `pg` pool of a database opened by `openPostgres`, or undefined (SQLite). */
export function poolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db);
}

export { isPostgres };

export interface CheckpointResult {
  /** 1 when a reader kept the checkpoint from finishing (the write-ahead log is then not emptied). */
  busy: number;
  /** Frames in the log before, and frames copied into the database. */
  log: number;
  checkpointed: number;
}

/**
 * Copies the write-ahead log into the database and empties the log file (TRUNCATE), so the old
 * versions of pages that the log still holds (the words of a deleted note, say) leave the disk.
 * With `secure_delete` on, the database file itself then holds no deleted content. A reader in
 * another connection (a backup, an export) can keep it from finishing: `busy` is then 1, and
 * the hourly purge tries again. On PostgreSQL this does nothing: the rows are gone from every
 * query at once, and PostgreSQL's own vacuum reclaims their space (decision 022).
 */
export async function checkpoint(db: Kysely<Database>): Promise<CheckpointResult> {
  if (isPostgres(db)) return { busy: 0, log: 0, checkpointed: 0 };
  const r = await sql<CheckpointResult>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return r.rows[0] ?? { busy: 0, log: 0, checkpointed: 0 };
}

/** Runs every migration not yet applied; returns the names applied now. Throws if one fails. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The workspace's tables (those of other parts included), without the migrator's own. */
export async function listTables(db: Kysely<Database>): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%' order by table_name`.execute(
        db,
      )
    : await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
        db,
      );
  return rows.rows.map((r) => r.name);
}

/** The columns of `table`, in order. */
export async function listColumns(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.rows.map((r) => r.name);
}
