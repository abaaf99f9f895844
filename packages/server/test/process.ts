/**
 * The built server as a real process (`node packages/server/dist/server.js`: the server without
 * its supervisor, so that a kill is a crash that stays one), for tests that kill it or run beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { PASSWORD } from './helpers.js';

export const MAIN_DIST = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Waits for the process to end; resolves with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process has printed on stdout so far. */
  output(): string;
}

export async function startProcess(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
  if (!existsSync(MAIN_DIST)) throw new Error(`${MAIN_DIST} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [MAIN_DIST], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    void exited.then(({ code }) => reject(new Error(`server exited ${String(code)}: ${err}`)));
  });
  return {
    child,
    url,
    exited,
    output: () => out,
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

/** A signed-in client of a server process: fetch with the session cookie and CSRF token. */
export interface Client {
  id: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

function clientFrom(url: string, cookie: string, csrf: string, id: string): Client {
  return {
    id,
    call(method, path, body, headers = {}) {
      const raw = Buffer.isBuffer(body) || typeof body === 'string';
      return fetch(`${url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: raw ? (body as string) : JSON.stringify(body) }),
      });
    },
  };
}

/** The first admin, set up over HTTP. */
export async function setupAdminOver(url: string): Promise<Client & { cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', name: 'Avery Admin', password: PASSWORD, teamName: 'Crash team' }),
  });
  if (r.status !== 201) throw new Error(`setup: ${r.status} ${await r.text()}`);
  const cookie = /peerlens_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const body = (await r.json()) as { user: { id: string }; csrf: string };
  return { ...clientFrom(url, cookie, body.csrf, body.user.id), cookie, csrf: body.csrf };
}

/** The same session against another process (sessions live in the database, so they survive a restart). */
export function sameSession(url: string, c: { cookie: string; csrf: string; id: string }): Client {
  return clientFrom(url, c.cookie, c.csrf, c.id);
}

/**
 * A look at the database file, beside the running server (WAL lets both read). Not a read-only
 * connection: one cannot remove the -wal and -shm files when it closes after the server stopped.
 */
export function peek<T>(file: string, f: (db: SQLite.Database) => T): T {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

export const integrity = (db: SQLite.Database): string[] =>
  (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
