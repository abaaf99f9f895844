/**
 * The database. By default one SQLite file, `peerlens.sqlite` in the data folder, through
 * better-sqlite3 and Kysely's SQLite dialect: WAL journal, foreign keys on, secure_delete on.
 * With `DATABASE_URL=postgres://…` the same tables live in PostgreSQL instead, through Kysely's
 * PostgreSQL dialect and a `pg` pool, so several app servers can share them (decision 022).
 * Migrations run on open, the same ones on both.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
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
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, connectionTimeoutMillis: 5000 });
  // an idle connection that fails (the database restarted) is dropped from the pool, not a crash
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
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
