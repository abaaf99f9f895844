/**
 * The supervisor (issue 12): `node packages/server/dist/main.js`, as `npm start` runs it, starts
 * the server again on the same address when it is killed, and /api/health says ready again; and
 * `supervise()` itself, with stand-in servers: a hung server is ended by the watchdog and
 * restarted, a server that cannot start is not started again and again.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { restartDelay, supervise } from '../src/supervisor.js';
import { tempDir } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

async function health(url: string): Promise<{ status: number; ready?: boolean }> {
  try {
    const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
    return { status: r.status, ...((await r.json()) as { ready: boolean }) };
  } catch {
    return { status: 0 };
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('main.js: the server under its supervisor', () => {
  it('starts the server again on the same address after SIGKILL; /api/health says ready; SIGTERM ends both', async () => {
    const dataDir = tempDir('peerlens-supervised-');
    dirs.push(dataDir);
    const sup = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    sup.stdout.on('data', (c: Buffer) => (out += c.toString()));
    sup.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => sup.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1] !== undefined) {
            clearInterval(timer);
            resolve(m[1]);
          }
        }, 50);
        void exited.then(() => reject(new Error(`the supervisor exited: ${err}`)));
      });
      expect(await health(url)).toEqual({ status: 200, ok: true, ready: true, version: '0.1.0' });
      const [first] = childrenOf(sup.pid as number);
      expect(first).toBeGreaterThan(0);

      process.kill(first as number, 'SIGKILL');
      const killed = performance.now();
      let back: { status: number; ready?: boolean } = { status: 0 };
      while (performance.now() - killed < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [now] = childrenOf(sup.pid as number);
        if (now === undefined || now === first) continue;
        back = await health(url);
        if (back.status === 200) break;
      }
      const downtime = performance.now() - killed;
      process.stdout.write(`\nsupervisor: the server was back and ready ${downtime.toFixed(0)} ms after SIGKILL\n`);
      expect(back).toMatchObject({ status: 200, ready: true });
      expect(err).toContain('the server stopped (signal SIGKILL); starting it again');
      const [second] = childrenOf(sup.pid as number);
      expect(second).not.toBe(first);

      sup.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(alive(second as number)).toBe(false);
    } finally {
      if (sup.exitCode === null) sup.kill('SIGKILL');
    }
  }, 60_000);
});

describe('supervise()', () => {
  const script = (body: string): string => {
    const dir = tempDir('peerlens-standin-');
    dirs.push(dir);
    const file = join(dir, 'server.mjs');
    writeFileSync(file, body);
    return file;
  };

  it('ends a server whose heartbeat stops (its event loop blocked) and starts it again', async () => {
    // ready at once, then blocked for good
    const hung = script("process.send({ type: 'ready', port: 1 }); setTimeout(() => { for (;;); }, 100);\n");
    const lines: string[] = [];
    const s = supervise({ script: hung, env: process.env, watchdogMs: 1000, log: (l) => lines.push(l) });
    while (s.restarts < 1) await new Promise((resolve) => setTimeout(resolve, 100));
    s.stop('SIGKILL');
    expect(await s.done).toBe(0);
    expect(lines[0]).toMatch(/has not answered its supervisor for \d+ s; ending it/);
    expect(lines[1]).toMatch(/stopped \(signal SIGKILL\); starting it again in 250 ms \(restart 1\)/);
  }, 20_000);

  it('does not start again a server that fails before it is ready on its first start', async () => {
    const broken = script("process.stderr.write(''); process.exit(3);\n");
    const lines: string[] = [];
    const s = supervise({ script: broken, env: process.env, log: (l) => lines.push(l) });
    expect(await s.done).toBe(3);
    expect(s.restarts).toBe(0);
    expect(lines).toEqual(['PeerLens: the server could not start (exit code 3); not trying again.']);
  });

  it('waits 250 ms before a restart, doubling for each quick crash in a row, at most 10 s', () => {
    expect([0, 1, 2, 3, 6, 10].map(restartDelay)).toEqual([250, 500, 1000, 2000, 10_000, 10_000]);
  });
});
