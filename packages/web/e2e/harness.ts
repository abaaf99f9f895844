/**
 * What every browser test file shares: where Chromium is (and a loud skip, or a failure under CI,
 * when it is not), and the built server started on a free port with a throwaway data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const serverDist = join(root, 'packages/server/dist');
export const serverMain = join(serverDist, 'main.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

/** Without Chromium: a loud warning and the suite skipped, except under CI, where a test fails. */
export function requireChromium(what: string): void {
  if (haveChromium) return;
  console.warn(
    `\n${'!'.repeat(78)}\n!! ${what}: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).\n!! ${
      process.env.CI ? 'CI is set, so this FAILS.' : 'SKIPPING them. Install it with: apt-get install chromium'
    }\n${'!'.repeat(78)}\n`,
  );
  if (process.env.CI)
    describe(what, () => {
      it('has Chromium', () => {
        expect.fail(`Chromium is missing at ${chromiumPath}`);
      });
    });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface RunningServer {
  readonly child: ChildProcess;
  readonly base: string;
  readonly dataDir: string;
  /** What the server has printed so far. */
  output(): string;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

/** Starts the built server (`npm run build` first) and waits for /api/health. */
export async function startServer(prefix: string): Promise<RunningServer> {
  if (!existsSync(serverMain)) throw new Error(`Build first: ${serverMain} is missing (npm run build).`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [serverMain], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server stopped (exit ${child.exitCode}):\n${output}`);
    if (Date.now() > until) {
      await stop();
      throw new Error(`The server did not answer /api/health in time:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { child, base, dataDir, output: () => output, stop };
}
