/**
 * `node packages/server/dist/backup-command.js backup [--data-dir DIR] OUT` and `… restore IN
 * [--data-dir DIR] [--force]`: the database's backup and restore as a command (db/backup.ts does
 * the work). `peerlens backup` and `peerlens restore` run this as a separate process, so the CLI
 * imports nothing of the server (issue 12). Prints what it did on stdout; a problem on stderr,
 * exit 2.
 */
import { pathToFileURL } from 'node:url';
import { BackupError, backupDatabase, dataDirFromEnv, restoreDatabase, type DatabaseSummary } from './db/backup.js';
import { databaseUrlFromEnv } from './db/database.js';
import { backupPostgres, restorePostgres } from './db/pg-backup.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function describe(s: DatabaseSummary): string {
  const c = s.counts;
  const n = (k: string): number => c[k] ?? 0;
  return `${n('documents')} documents, ${n('users')} members, ${n('teams')} teams, ${n('imports')} imports; ${s.migrations.length} migrations (last ${s.migrations.at(-1) ?? 'none'}); ${mb(s.bytes)}`;
}

interface Parsed {
  command: 'backup' | 'restore';
  file: string;
  dataDir?: string;
  force: boolean;
}

function parse(argv: readonly string[]): Parsed | string {
  const [command, ...rest] = argv;
  if (command !== 'backup' && command !== 'restore') return 'the first argument must be backup or restore';
  let file: string | undefined;
  let dataDir: string | undefined;
  let force = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--data-dir') {
      dataDir = rest[++i];
      if (dataDir === undefined) return '--data-dir needs a folder';
    } else if (a.startsWith('--data-dir=')) dataDir = a.slice('--data-dir='.length);
    else if (a === '--force' && command === 'restore') force = true;
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `one file only (got ${file} and ${a})`;
  }
  if (file === undefined) return command === 'backup' ? 'name the backup file to write' : 'name the backup file to restore';
  return { command, file, force, ...(dataDir !== undefined ? { dataDir } : {}) };
}

/** Runs `backup` or `restore`; resolves with the exit code (0 done, 2 a problem). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(`peerlens ${argv[0] ?? ''}: ${parsed}\n`);
    return 2;
  }
  const dataDir = parsed.dataDir ?? dataDirFromEnv(io.env);
  try {
    // DATABASE_URL: the server runs on PostgreSQL, backed up with pg_dump (decision 022)
    const url = parsed.dataDir === undefined ? databaseUrlFromEnv(io.env) : undefined;
    if (url !== undefined) {
      const r =
        parsed.command === 'backup'
          ? await backupPostgres(url, parsed.file, io.env)
          : await restorePostgres(parsed.file, url, { force: parsed.force }, io.env);
      (r.ran ? io.stdout : io.stderr).write(r.message);
      return r.ran ? 0 : 2;
    }
    if (parsed.command === 'backup') {
      const r = await backupDatabase(dataDir, parsed.file);
      io.stdout.write(`Backed up ${r.from} to ${r.file} in ${r.seconds.toFixed(2)} s: ${describe(r)}.\n`);
    } else {
      const r = await restoreDatabase(parsed.file, dataDir, { force: parsed.force });
      const kept =
        r.previous === undefined ? 'There was no database there before.' : `The database that was there is kept as ${r.previous}.`;
      io.stdout.write(
        `Restored ${r.from} to ${r.file} in ${r.seconds.toFixed(2)} s: ${describe(r)}.\n${kept}\nStart the server on ${dataDir} to use it.\n`,
      );
    }
    return 0;
  } catch (e) {
    const known = e instanceof BackupError;
    io.stderr.write(`peerlens ${parsed.command}: ${known ? (e as Error).message : `failed: ${(e as Error).message}`}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
