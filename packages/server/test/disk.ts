/** Looking for words in the database's files as bytes, the way someone with a copy of the disk would. */
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { DB_FILE } from '../src/db/database.js';
import type { Database } from '../src/db/types.js';
import { dumpOf, onPostgres } from './pg.js';

/** A word found nowhere else: `zq` and 12 random lowercase letters (letters only, so the analyzer keeps it whole). */
export function marker(): string {
  let s = 'zq';
  for (let i = 0; i < 12; i++) s += String.fromCharCode(97 + randomInt(26));
  return s;
}

/** Named markers: `markers('note', 'title')` → { note: 'zq…', title: 'zq…' }. */
export function markers<K extends string>(...names: K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, marker()])) as Record<K, string>;
}

export const DB_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`] as const;

/**
 * Each `marker` found in the database file, its write-ahead log or its shared-memory file, as
 * "marker in file". On PostgreSQL (whose files are the cluster's, shared by every database): in a
 * dump of the test's database, every table's every row, as "marker in pg_dump".
 */
export function onDisk(dataDir: string, words: readonly string[]): string[] {
  const found: string[] = [];
  if (onPostgres) {
    const bytes = dumpOf(dataDir);
    for (const w of words) if (bytes.includes(Buffer.from(w, 'utf8'))) found.push(`${w} in pg_dump`);
    return found;
  }
  for (const f of DB_FILES) {
    const path = join(dataDir, f);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const w of words) if (bytes.includes(Buffer.from(w, 'utf8'))) found.push(`${w} in ${f}`);
  }
  return found;
}

/** Copies the log into the database file without emptying the log: old page versions then sit in both files. */
export async function passiveCheckpoint(db: Kysely<Database>): Promise<void> {
  if (onPostgres) return; // no log of SQLite's to copy
  await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
}
