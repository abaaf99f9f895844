/**
 * Load (issue 6): starts the built server as a child process on a free loopback port with a
 * temporary data folder, signs in as a new admin, and drives it with autocannon:
 *
 *   1. POST /api/analyze with ~2 KB notes built from corpus/notes/tune.jsonl   (--duration s)
 *   2. a dashboard route: GET /api/drift?team=<the demo team>                     (--duration s)
 *   3. a soak of POST /api/analyze, sampling the server's RSS every 10 s          (--soak s)
 *
 * Prints requests/s, p50/p99 latency, errors and non-2xx for each, and whether memory stayed
 * flat in the soak (mean RSS of the last third vs the first third: growth under 10 %). Exits 1
 * when the analysis floor (≥ 300/s, p99 ≤ 100 ms, no errors) or the memory check fails.
 *
 *   npm run build && npm run load
 *   npm run load -- --duration 5 --soak 30 --connections 10
 *
 * The child gets PEERLENS_RATE_LIMIT=0 so that a rate limit on /api/analyze, where the server
 * has one, does not turn the measurement into a measurement of 429s. Loopback only; it stops
 * by itself and removes its data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    soak: { type: 'string', default: '180' },
    connections: { type: 'string', default: '10' },
    'sample-every': { type: 'string', default: '10' },
  },
});
const duration = bounded(values.duration, 1, 600, 'duration');
const soak = bounded(values.soak, 0, 3600, 'soak');
const connections = bounded(values.connections, 1, 200, 'connections');
const sampleEvery = bounded(values['sample-every'], 1, 60, 'sample-every');

function bounded(value: string, min: number, max: number, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, not ${value}`);
  return n;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'packages/server/dist/server.js');
const FLOOR = { rps: 300, p99: 100 };

/* ---------------- the server ---------------- */

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, PEERLENS_RATE_LIMIT: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${out}`));
    });
  });
  child.stdout?.resume();
  return { child, base };
}

/** The resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function signIn(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'loadadmin', name: 'Load Admin', password: 'a long load-test password' }),
  });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { csrf: string };
  const cookie = /peerlens_session=[^;]+/.exec(r.headers.getSetCookie().join('\n'))?.[0];
  if (!cookie) throw new Error('no session cookie after setup');
  return { cookie, 'x-csrf-token': body.csrf };
}

async function demoTeam(base: string, headers: Record<string, string>): Promise<string> {
  const r = await fetch(`${base}/api/teams`, { headers });
  if (!r.ok) throw new Error(`GET /api/teams: ${r.status} ${await r.text()}`);
  const { teams } = (await r.json()) as { teams: { id: string; name: string }[] };
  const team = teams.find((t) => t.name === 'Riverside peer team');
  if (!team) throw new Error(`no demo team among ${teams.map((t) => t.name).join(', ')}`);
  return team.id;
}

/* ---------------- the notes ---------------- */

/** Notes of about 2 KB: corpus lines joined until the next one would pass 2,048 characters. */
function notes(): string[] {
  const lines = readFileSync(join(ROOT, 'corpus/notes/tune.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current.length + line.length + 1 > 2048 && current.length > 0) {
      out.push(current);
      current = '';
    }
    current += (current ? '\n' : '') + line;
  }
  if (current.length > 1500) out.push(current);
  return out;
}

/* ---------------- running ---------------- */

interface Summary {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

function summarize(name: string, r: Result): Summary {
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

function print(s: Summary): void {
  process.stdout.write(
    `${s.name.padEnd(28)} ${s.rps.toFixed(0).padStart(6)} req/s   p50 ${String(s.p50).padStart(4)} ms   p99 ${String(s.p99).padStart(4)} ms   ` +
      `${s.requests} requests, ${s.errors} errors, ${s.timeouts} timeouts, ${s.non2xx} non-2xx\n`,
  );
}

function analyzeRun(base: string, headers: Record<string, string>, bodies: string[], seconds: number): Promise<Result> {
  let i = 0;
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/analyze',
        headers: { ...headers, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[i++ % bodies.length] ?? '' }),
      },
    ],
  });
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerlens-load-'));
  const { child, base } = await startServer(dataDir);
  const pid = child.pid ?? 0;
  let failed = false;
  try {
    const headers = await signIn(base);
    const team = await demoTeam(base, headers);
    const texts = notes();
    const bodies = texts.map((text) => JSON.stringify({ text, kind: 'note' }));
    const mean = texts.reduce((s, t) => s + t.length, 0) / texts.length;
    process.stdout.write(
      `server ${base} (pid ${pid}), ${connections} connections, ${texts.length} notes of ${mean.toFixed(0)} characters on average\n`,
    );

    // One short warm-up so the first figures are not the JIT's.
    await analyzeRun(base, headers, bodies, 2);

    const analysis = summarize('POST /api/analyze (2 KB)', await analyzeRun(base, headers, bodies, duration));
    print(analysis);
    const dashboard = summarize(
      'GET /api/drift?team=demo',
      await autocannon({ url: `${base}/api/drift?team=${encodeURIComponent(team)}`, connections, duration, timeout: 10, headers }),
    );
    print(dashboard);
    const documents = summarize(
      'GET /api/documents',
      await autocannon({ url: `${base}/api/documents`, connections, duration, timeout: 10, headers }),
    );
    print(documents);

    const floorOk = analysis.rps >= FLOOR.rps && analysis.p99 <= FLOOR.p99 && analysis.errors + analysis.timeouts + analysis.non2xx === 0;
    process.stdout.write(`floor (≥ ${FLOOR.rps} analyses/s, p99 ≤ ${FLOOR.p99} ms, no errors): ${floorOk ? 'met' : 'NOT MET'}\n`);
    failed ||= !floorOk;
    for (const s of [dashboard, documents]) if (s.errors + s.timeouts + s.non2xx > 0) failed = true;

    if (soak > 0) {
      process.stdout.write(`soak: POST /api/analyze for ${soak} s, RSS every ${sampleEvery} s\n`);
      const samples: number[] = [rssMb(pid)];
      process.stdout.write(`  ${(0).toString().padStart(4)} s  RSS ${samples[0]?.toFixed(1)} MB\n`);
      const started = Date.now();
      const timer = setInterval(() => {
        const mb = rssMb(pid);
        samples.push(mb);
        process.stdout.write(
          `  ${Math.round((Date.now() - started) / 1000)
            .toString()
            .padStart(4)} s  RSS ${mb.toFixed(1)} MB\n`,
        );
      }, sampleEvery * 1000);
      let result: Result;
      try {
        result = await analyzeRun(base, headers, bodies, soak);
      } finally {
        clearInterval(timer);
      }
      const s = summarize('soak POST /api/analyze', result);
      print(s);
      const third = Math.max(1, Math.floor(samples.length / 3));
      const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const first = avg(samples.slice(0, third));
      const last = avg(samples.slice(-third));
      const growth = (last - first) / first;
      const flat = growth < 0.1;
      process.stdout.write(
        `soak memory: first third ${first.toFixed(1)} MB, last third ${last.toFixed(1)} MB, growth ${(growth * 100).toFixed(1)} % ` +
          `(max ${Math.max(...samples).toFixed(1)} MB over ${samples.length} samples): ${flat ? 'flat' : 'NOT FLAT'}\n`,
      );
      failed ||= !flat || s.errors + s.timeouts + s.non2xx > 0;
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, 5000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve(undefined);
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`load: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
