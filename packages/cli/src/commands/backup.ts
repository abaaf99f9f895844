/**
 * `peerlens backup` and `peerlens restore`: the web app's database, copied with SQLite's online
 * backup. The database code lives in the server package (`@peerlens/server/backup`); it is
 * imported here only when one of these commands runs, so the CLI builds, installs and starts
 * without the server (the root build builds the CLI before the server).
 */
import { EXIT } from './classify.js';

interface Summary {
  file: string;
  bytes: number;
  migrations: string[];
  counts: Record<string, number>;
}

/** What this command uses of `@peerlens/server/backup` (typed here: the server is built after the CLI). */
interface BackupModule {
  BackupError: new (message: string) => Error;
  dataDirFromEnv(env?: NodeJS.ProcessEnv): string;
  backupDatabase(dataDir: string, out: string): Promise<Summary & { from: string; seconds: number }>;
  restoreDatabase(
    file: string,
    dataDir: string,
    options: { force?: boolean | undefined },
  ): Promise<Summary & { from: string; previous?: string | undefined; seconds: number }>;
}

const SERVER_BACKUP = '@peerlens/server/backup';

async function load(): Promise<BackupModule> {
  return (await import(SERVER_BACKUP)) as BackupModule;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function describe(s: Summary): string {
  const c = s.counts;
  const n = (k: string): number => c[k] ?? 0;
  return `${n('documents')} documents, ${n('users')} members, ${n('teams')} teams, ${n('imports')} imports; ${s.migrations.length} migrations (last ${s.migrations.at(-1) ?? 'none'}); ${mb(s.bytes)}`;
}

async function run(command: string, io: Io, body: (m: BackupModule) => Promise<string>): Promise<number> {
  let m: BackupModule;
  try {
    m = await load();
  } catch (e) {
    io.stderr.write(
      `peerlens ${command}: the server package is not built (${(e as Error).message}). Run \`npm run build\` at the repository root.\n`,
    );
    return EXIT.input;
  }
  try {
    io.stdout.write(await body(m));
    return EXIT.ok;
  } catch (e) {
    const known = e instanceof m.BackupError;
    io.stderr.write(`peerlens ${command}: ${known ? (e as Error).message : `failed: ${(e as Error).message}`}\n`);
    return EXIT.input;
  }
}

export function backup(out: string, opts: { dataDir?: string | undefined }, io: Io): Promise<number> {
  return run('backup', io, async (m) => {
    const dataDir = opts.dataDir ?? m.dataDirFromEnv(io.env);
    const r = await m.backupDatabase(dataDir, out);
    return `Backed up ${r.from} to ${r.file} in ${r.seconds.toFixed(2)} s: ${describe(r)}.\n`;
  });
}

export function restore(file: string, opts: { dataDir?: string | undefined; force?: boolean | undefined }, io: Io): Promise<number> {
  return run('restore', io, async (m) => {
    const dataDir = opts.dataDir ?? m.dataDirFromEnv(io.env);
    const r = await m.restoreDatabase(file, dataDir, { force: opts.force });
    const kept = r.previous === undefined ? 'There was no database there before.' : `The database that was there is kept as ${r.previous}.`;
    return `Restored ${r.from} to ${r.file} in ${r.seconds.toFixed(2)} s: ${describe(r)}.\n${kept}\nStart the server on ${dataDir} to use it.\n`;
  });
}
