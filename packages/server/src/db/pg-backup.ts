/**
 * `peerlens backup` and `peerlens restore` when the server runs on PostgreSQL (DATABASE_URL):
 * PostgreSQL's own `pg_dump` (custom format, one consistent snapshot while the app servers keep
 * writing) and `pg_restore`. When they are installed they are run; when not, the commands to run
 * are printed. The password never appears on a command line (it would show in the process
 * list): the address is handed over as PG* environment variables.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError } from './backup.js';

/** Where a PostgreSQL program is: PEERLENS_PG_BIN, then PATH, then Debian's /usr/lib/postgresql/<newest>/bin; undefined when absent. */
export function findPgProgram(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PEERLENS_PG_BIN !== undefined && env.PEERLENS_PG_BIN !== '') {
    const p = resolve(env.PEERLENS_PG_BIN, name);
    return existsSync(p) ? p : undefined;
  }
  for (const dir of (env.PATH ?? '').split(':')) if (dir !== '' && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((x, y) => Number(y) - Number(x));
  for (const v of versions) if (existsSync(`${root}/${v}/bin/${name}`)) return `${root}/${v}/bin/${name}`;
  return undefined;
}

/** The PG* environment variables that stand for `url` (libpq reads them), so that no password is on a command line. */
export function pgEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.hostname !== '') env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port !== '') env.PGPORT = u.port;
  if (u.username !== '') env.PGUSER = decodeURIComponent(u.username);
  if (u.password !== '') env.PGPASSWORD = decodeURIComponent(u.password);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (name !== '') env.PGDATABASE = name;
  const host = u.searchParams.get('host'); // a Unix socket folder
  if (host !== null) env.PGHOST = host;
  const ssl = u.searchParams.get('sslmode');
  if (ssl !== null) env.PGSSLMODE = ssl;
  return env;
}

/** The address without its password, to show. */
export function shownUrl(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}

function runProgram(program: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stderr }));
  });
}

export interface PgBackupResult {
  /** What was done, or the commands to run, for the person at the terminal. */
  message: string;
  /** False when the program was missing and only the commands were explained. */
  ran: boolean;
}

const dumpArgs = (out: string): string[] => ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`];
/** pg_restore needs the database named (it would otherwise write SQL out); the other settings come from PG* variables. */
const restoreArgs = (file: string, database: string): string[] => [
  '--clean',
  '--if-exists',
  '--no-owner',
  '--no-privileges',
  '--single-transaction',
  `--dbname=${database}`,
  file,
];
const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';

function explain(kind: 'backup' | 'restore', url: string, file: string): string {
  const u = new URL(url);
  const vars = `PGHOST=${u.hostname || 'localhost'} PGPORT=${u.port || '5432'} PGUSER=${decodeURIComponent(u.username) || '<user>'} PGDATABASE=${decodeURIComponent(u.pathname.slice(1)) || '<database>'}`;
  return kind === 'backup'
    ? `pg_dump is not installed here, so nothing was backed up. On a machine with PostgreSQL's client programs (Debian: apt-get install postgresql-client, the same major version as the server or newer), run:\n  ${vars} PGPASSWORD=… pg_dump ${dumpArgs(file).join(' ')}\nThe dump is one consistent moment, taken while the servers keep running.\n`
    : `pg_restore is not installed here, so nothing was restored. Stop the app servers, then on a machine with PostgreSQL's client programs run:\n  ${vars} PGPASSWORD=… pg_restore ${restoreArgs(file, databaseOf(url)).join(' ')}\nIt replaces the tables in the database with those of the dump, in one transaction.\n`;
}

/** `pg_dump` of the database at `url` into `out` (a new file), or the command to run when pg_dump is absent. */
export async function backupPostgres(url: string, out: string, env: NodeJS.ProcessEnv = process.env): Promise<PgBackupResult> {
  const target = resolve(out);
  if (existsSync(target)) throw new BackupError(`${out} already exists; choose a new name or remove it first.`);
  const program = findPgProgram('pg_dump', env);
  if (program === undefined) return { ran: false, message: explain('backup', url, target) };
  const started = process.hrtime.bigint();
  const r = await runProgram(program, dumpArgs(target), pgEnv(url));
  if (r.code !== 0) throw new BackupError(`pg_dump of ${shownUrl(url)} failed: ${r.stderr.trim() || `exit ${String(r.code)}`}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ran: true,
    message: `Backed up ${shownUrl(url)} to ${target} with pg_dump (custom format) in ${seconds.toFixed(2)} s: ${(statSync(target).size / 1024 / 1024).toFixed(1)} MB.\nRestore it (app servers stopped) with: peerlens restore ${target} --force (DATABASE_URL set), or pg_restore ${restoreArgs(target, databaseOf(url)).join(' ')}\n`,
  };
}

/** `pg_restore` of `file` into the database at `url`, replacing its tables in one transaction; or the command, when pg_restore is absent. */
export async function restorePostgres(
  file: string,
  url: string,
  options: { force?: boolean | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<PgBackupResult> {
  const from = resolve(file);
  if (!existsSync(from)) throw new BackupError(`${file} does not exist.`);
  if (options.force !== true)
    throw new BackupError(
      `Not restoring into ${shownUrl(url)} without --force: it replaces every PeerLens table there with the dump's. Stop the app servers first, then run restore again with --force.`,
    );
  const program = findPgProgram('pg_restore', env);
  if (program === undefined) return { ran: false, message: explain('restore', url, from) };
  const started = process.hrtime.bigint();
  const r = await runProgram(program, restoreArgs(from, databaseOf(url)), pgEnv(url));
  if (r.code !== 0)
    throw new BackupError(`pg_restore of ${file} into ${shownUrl(url)} failed: ${r.stderr.trim() || `exit ${String(r.code)}`}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ran: true,
    message: `Restored ${from} into ${shownUrl(url)} with pg_restore in ${seconds.toFixed(2)} s.\nStart the app servers to use it.\n`,
  };
}
