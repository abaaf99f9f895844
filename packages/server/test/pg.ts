/**
 * Which database the server's tests run on (decision 022). `PEERLENS_TEST_DB=postgres` with
 * `PEERLENS_TEST_DATABASE_URL` (a PostgreSQL role that may create databases, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres) runs them on PostgreSQL: each data folder a test
 * uses gets a database of its own, named after the folder, so a test that restarts a server on
 * the same folder finds its data again. Otherwise they run on SQLite, whatever DATABASE_URL says.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

export const TEST_DB: 'sqlite' | 'postgres' = process.env.PEERLENS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = TEST_DB === 'postgres';

/** The server role's address, from which each test database's address is made. */
export function adminUrl(): string {
  const url = process.env.PEERLENS_TEST_DATABASE_URL;
  if (url === undefined || url === '')
    throw new Error(
      'PEERLENS_TEST_DB=postgres needs PEERLENS_TEST_DATABASE_URL (postgres://user@host:port/postgres) of a role that may create databases',
    );
  return url;
}

/** The name of the test database that belongs to `dataDir`. */
export function databaseNameFor(dataDir: string): string {
  return `peerlens_t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
}

function urlOf(name: string, base = adminUrl()): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The address of `dataDir`'s test database (it may not exist yet). */
export function databaseUrlFor(dataDir: string): string {
  return urlOf(databaseNameFor(dataDir));
}

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Creates `dataDir`'s test database when it does not exist; returns its address. */
export async function ensureDatabase(dataDir: string): Promise<string> {
  const name = databaseNameFor(dataDir);
  await admin(async (c) => {
    const found = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  });
  return urlOf(name);
}

/** Drops `dataDir`'s test database (and ends any connection still open to it). */
export async function dropDatabase(dataDir: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${databaseNameFor(dataDir)} with (force)`));
}

/** A PostgreSQL program (pg_dump, pg_restore, psql): on PATH, or in Debian's folder for PostgreSQL 15. */
export function pgProgram(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir !== '' && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  for (const v of ['17', '16', '15']) if (existsSync(`/usr/lib/postgresql/${v}/bin/${name}`)) return `/usr/lib/postgresql/${v}/bin/${name}`;
  throw new Error(`${name} is not installed`);
}

/** Everything `dataDir`'s test database holds, as a plain SQL dump (what someone with a copy of it would read). */
export function dumpOf(dataDir: string): Buffer {
  return execFileSync(pgProgram('pg_dump'), ['--data-only', '--no-owner', databaseUrlFor(dataDir)], { maxBuffer: 1 << 30 });
}

/** Whether a PostgreSQL to test on was given (PEERLENS_TEST_DATABASE_URL), whichever database the other tests run on. */
export const havePostgres = (process.env.PEERLENS_TEST_DATABASE_URL ?? '') !== '';

/**
 * For the tests that need PostgreSQL whatever PEERLENS_TEST_DB says (two servers on one
 * database, pg_dump): without it, a loud warning and the file skipped on a developer's machine,
 * but a failing test under CI (CI set), which must provide it (`.ci/run` does).
 */
export function requirePostgres(what: string): void {
  if (havePostgres) return;
  console.warn(
    `\n${'!'.repeat(78)}\n!! ${what}: no PostgreSQL (set PEERLENS_TEST_DATABASE_URL, see packages/server/test/pg.ts).\n!! ${
      process.env.CI ? 'CI is set, so this FAILS.' : 'SKIPPING them.'
    }\n${'!'.repeat(78)}\n`,
  );
  if (process.env.CI)
    describe(what, () => {
      it('has PostgreSQL', () => {
        expect.fail('CI must provide PostgreSQL: set PEERLENS_TEST_DATABASE_URL (.ci/run starts a cluster of its own and sets it).');
      });
    });
}
