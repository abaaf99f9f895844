/**
 * The database: one SQLite file, `peerlens.sqlite` in the data folder, through better-sqlite3
 * and Kysely's SQLite dialect (PostgreSQL can follow by swapping the dialect). WAL journal,
 * foreign keys on, secure_delete on; migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './types.js';

export const DB_FILE = 'peerlens.sqlite';

/** The data folder: `DATA_DIR`, or `./data` under the current folder. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(process.cwd(), env.DATA_DIR !== undefined && env.DATA_DIR !== '' ? env.DATA_DIR : 'data');
}

/** Opens (creating if need be) the database in `dataDir`, without migrating it. */
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
 * the hourly purge tries again.
 */
export async function checkpoint(db: Kysely<Database>): Promise<CheckpointResult> {
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
