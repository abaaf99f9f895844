/**
 * Backup and restore of the PeerLens database (issue 6), for `peerlens backup` and `peerlens
 * restore`. Both go through SQLite's online backup (better-sqlite3's `db.backup()`), which copies
 * a consistent snapshot page by page, including what is still in the write-ahead log, while the
 * server keeps reading and writing. Neither loads the web app: this module is exported alone as
 * `@peerlens/server/backup`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { DB_FILE, dataDirFromEnv } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

export { DB_FILE, dataDirFromEnv };

/** A problem with the files given (exit 2 in the CLI): the message says what and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** The tables every PeerLens database has once migrated; a file without them is not one. */
export const KNOWN_TABLES = ['documents', 'users', 'teams', 'sessions', 'settings', 'imports', 'import_rows'] as const;

/** What a database file holds, as `inspectDatabase` found it. */
export interface DatabaseSummary {
  file: string;
  bytes: number;
  /** Migrations applied, in order. */
  migrations: string[];
  /** Rows per known table. */
  counts: Record<string, number>;
}

/** Opens `file` (writing nothing; SQLite may fold a leftover -wal into it) and checks it is a sound PeerLens database; throws a BackupError if not. */
export function inspectDatabase(file: string): DatabaseSummary {
  const path = resolve(file);
  if (!existsSync(path)) throw new BackupError(`${file} does not exist.`);
  if (!statSync(path).isFile()) throw new BackupError(`${file} is not a file.`);
  let db: SQLite.Database;
  try {
    db = openExisting(path);
  } catch (e) {
    throw new BackupError(`${file} cannot be opened as an SQLite database: ${(e as Error).message}`);
  }
  try {
    let check: string[];
    try {
      check = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      throw new BackupError(`${file} is not an SQLite database (${(e as Error).message}).`);
    }
    if (check.length !== 1 || check[0] !== 'ok')
      throw new BackupError(`${file} fails SQLite's integrity check: ${check.slice(0, 5).join('; ')}${check.length > 5 ? '; …' : ''}`);
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    if (!tables.has('kysely_migration'))
      throw new BackupError(`${file} is an SQLite database but not a PeerLens one: it has no migrations table (kysely_migration).`);
    const missing = KNOWN_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) throw new BackupError(`${file} is not a complete PeerLens database: it has no ${missing.join(', ')} table.`);
    const migrations = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const unknown = migrations.filter((m) => !(m in MIGRATIONS));
    if (unknown.length > 0)
      throw new BackupError(
        `${file} comes from a newer PeerLens (it has migrations this version does not know: ${unknown.join(', ')}). Restore it with that version.`,
      );
    const counts: Record<string, number> = {};
    for (const t of KNOWN_TABLES) counts[t] = (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n;
    return { file: path, bytes: statSync(path).size, migrations, counts };
  } finally {
    db.close();
  }
}

/**
 * Opens an existing database file for reading. Read-write if it can (and nothing is written): a
 * read-only connection to a database in WAL mode cannot remove the -wal and -shm files when it
 * closes, and left behind they would look like a server still has the database open.
 */
function openExisting(path: string): SQLite.Database {
  try {
    return new SQLite(path, { fileMustExist: true });
  } catch {
    return new SQLite(path, { readonly: true, fileMustExist: true });
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // some file systems do not sync folders; the rename is still atomic
  } finally {
    closeSync(fd);
  }
}

/** Online backup of `from` into `to` (a new file), then the copy made a single self-contained file. */
async function copyDatabase(from: string, to: string): Promise<void> {
  const src = openExisting(from);
  try {
    src.pragma('busy_timeout = 5000');
    // all remaining pages in one step, under one read transaction: in WAL mode that does not block the
    // server's writes, and no write can land between steps and make SQLite restart the copy (which,
    // with steps of 100 pages, a busy server could do again and again)
    await src.backup(to, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  const copy = new SQLite(to);
  try {
    // one file, no -wal beside it: the server turns WAL back on when it opens the database
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fsyncPath(to);
}

const tempName = (dir: string, name: string): string => join(dir, `.${name}.${randomBytes(6).toString('hex')}.partial`);

export interface BackupResult extends DatabaseSummary {
  from: string;
  seconds: number;
}

/**
 * Copies the database of `dataDir` to `out` with SQLite's online backup: safe while the server
 * runs (its writes wait at most a moment; the copy is one consistent point in time). The copy is
 * written beside `out` under a temporary name, checked, then renamed, so `out` is never half
 * written. Refuses to overwrite an existing `out`.
 */
export async function backupDatabase(dataDir: string, out: string): Promise<BackupResult> {
  const started = performance.now();
  const from = join(resolve(dataDir), DB_FILE);
  if (!existsSync(from))
    throw new BackupError(`There is no PeerLens database in ${resolve(dataDir)} (no ${DB_FILE}). Check --data-dir or DATA_DIR.`);
  const target = resolve(out);
  if (existsSync(target)) throw new BackupError(`${out} already exists; choose a new name or remove it first.`);
  if (!existsSync(dirname(target))) throw new BackupError(`The folder ${dirname(target)} does not exist.`);
  if (target === from) throw new BackupError('The backup cannot be the database itself.');
  const temp = tempName(dirname(target), basename(target));
  try {
    await copyDatabase(from, temp);
    const summary = inspectDatabase(temp);
    renameSync(temp, target);
    fsyncPath(dirname(target));
    return { ...summary, file: target, from, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(temp, { force: true });
  }
}

export interface RestoreResult extends DatabaseSummary {
  from: string;
  /** Where the database that was in place now is (kept, not deleted), if there was one. */
  previous?: string | undefined;
  seconds: number;
}

/** Why the database in `dataDir` may be open right now, or undefined if nothing says so. */
export function openSigns(dataDir: string): string | undefined {
  const db = join(resolve(dataDir), DB_FILE);
  const signs = ['-wal', '-shm'].filter((s) => existsSync(db + s)).map((s) => DB_FILE + s);
  if (signs.length === 0) return undefined;
  return `${signs.join(' and ')} ${signs.length > 1 ? 'are' : 'is'} beside it, so a server may have it open (a server that stopped cleanly leaves neither; one that crashed also leaves them).`;
}

/**
 * Puts the PeerLens database `file` in place as `dataDir`'s database. Checks it first
 * (`inspectDatabase`); copies it with the online backup to a temporary file in `dataDir`, checks
 * the copy, then renames it over `peerlens.sqlite` (atomic: a reader sees the old file or the new
 * one, never half of one). The database that was there is kept as
 * `peerlens.sqlite.before-restore-<time>`, with its -wal and -shm files moved beside it, so
 * nothing it held is lost. Refuses when the database in place may be open (see `openSigns`)
 * unless `force`: a running server would go on writing into the old, moved file and its
 * changes would not be in the restored one.
 */
export async function restoreDatabase(
  file: string,
  dataDir: string,
  options: { force?: boolean | undefined } = {},
): Promise<RestoreResult> {
  const started = performance.now();
  const from = resolve(file);
  inspectDatabase(from);
  const dir = resolve(dataDir);
  const target = join(dir, DB_FILE);
  if (from === target) throw new BackupError(`${file} is already the database of ${dir}.`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new BackupError(`${dir} is not a folder.`);
  const open = existsSync(target) ? openSigns(dir) : undefined;
  if (open !== undefined && options.force !== true)
    throw new BackupError(
      `Not restoring: ${target} ${open}\nStop the server first, then run restore again. --force restores anyway; a server still running would keep writing into the old database, and those changes would not be in the restored one.`,
    );
  mkdirSync(dir, { recursive: true });
  const temp = tempName(dir, DB_FILE);
  try {
    await copyDatabase(from, temp);
    const summary = inspectDatabase(temp);
    let previous: string | undefined;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        linkSync(target, previous);
      } catch {
        copyFileSync(target, previous);
      }
      for (const s of ['-wal', '-shm']) if (existsSync(target + s)) renameSync(target + s, previous + s);
    } else {
      for (const s of ['-wal', '-shm']) rmSync(target + s, { force: true });
    }
    renameSync(temp, target);
    fsyncPath(dir);
    return { ...summary, file: target, from, previous, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(temp, { force: true });
  }
}
