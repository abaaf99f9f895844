/**
 * `peerlens backup` and `peerlens restore`: the web app's database, copied with SQLite's online
 * backup. The work is the server's (`@peerlens/server`'s backup command, db/backup.ts there); the
 * CLI runs that command as a separate process, passing the arguments, standard output, standard
 * error and exit code through, and imports nothing of the server: the CLI builds, installs and
 * runs without it (issue 12 ended the cli ⇄ server import circle).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT } from './exit.js';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** The server's backup command, where node would find it from here; undefined when the server is not installed or not built. */
function serverCommand(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('@peerlens/server/backup-command'));
  } catch {
    return undefined;
  }
}

function runServerCommand(command: 'backup' | 'restore', args: string[], io: Io): Promise<number> {
  const script = serverCommand();
  if (script === undefined) {
    io.stderr.write(
      `peerlens ${command}: the PeerLens server is not installed or not built here (its backup command is part of @peerlens/server). Run \`npm run build\` at the repository root.\n`,
    );
    return Promise.resolve(EXIT.input);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, command, ...args], { env: io.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(io.stdout, { end: false });
    child.stderr.pipe(io.stderr, { end: false });
    child.once('error', (e) => {
      io.stderr.write(`peerlens ${command}: could not run the server's backup command (${e.message})\n`);
      resolve(EXIT.input);
    });
    child.once('close', (code) => resolve(code === 0 ? EXIT.ok : EXIT.input));
  });
}

export function backup(out: string, opts: { dataDir?: string | undefined }, io: Io): Promise<number> {
  return runServerCommand('backup', [out, ...(opts.dataDir !== undefined ? ['--data-dir', opts.dataDir] : [])], io);
}

export function restore(file: string, opts: { dataDir?: string | undefined; force?: boolean | undefined }, io: Io): Promise<number> {
  return runServerCommand(
    'restore',
    [file, ...(opts.dataDir !== undefined ? ['--data-dir', opts.dataDir] : []), ...(opts.force === true ? ['--force'] : [])],
    io,
  );
}
