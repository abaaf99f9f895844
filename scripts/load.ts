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
import { randomUUID } from 'node:crypto';
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
    connections: { type: 'string' },
    'sample-every': { type: 'string', default: '10' },
    // issue 15: the generated workspace (scripts/scale.ts)
    scale: { type: 'boolean', default: false },
    data: { type: 'string' },
    members: { type: 'string', default: '300' },
    years: { type: 'string', default: '5' },
    'per-month': { type: 'string', default: '28' },
    'import-notes': { type: 'string', default: '100000' },
    'skip-reads': { type: 'boolean', default: false },
  },
});
const duration = bounded(values.duration, 1, 600, 'duration');
const soak = bounded(values.soak, 0, 3600, 'soak');
const connections = bounded(values.connections ?? (values.scale ? '20' : '10'), 1, 200, 'connections');
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

async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      PEERLENS_RATE_LIMIT: '0',
      NODE_ENV: 'production',
      ...extraEnv,
    },
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

/** The CPU time a process has used (user + system), in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // after the name: state is field 3, so utime (14) and stime (15) are at 11 and 12; clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10;
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

/* ---------------- the generated workspace (issue 15) ---------------- */

async function stopServer(child: ChildProcess): Promise<void> {
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
}

const meetsFloor = (s: Summary): boolean => s.rps >= FLOOR.rps && s.p99 <= FLOOR.p99 && s.errors + s.timeouts + s.non2xx === 0;

/**
 * npm run load -- --scale [--data DIR] [--members 300] [--years 5] [--per-month 28] [--import-notes 100000] [--skip-reads]
 *
 * Builds the generated workspace (scripts/scale.ts) in DIR (a new temporary folder unless given;
 * with --data and a workspace already there, it is used as it is), starts the built server on it,
 * and measures at --connections readers (20 by default): the drift dashboard (a team's drift as a
 * program admin sees it, teams in turn; a supervisor's own team, with the sentences of its
 * drifting peer; a peer's own drift; the roster of every team), then POST /api/analyze, then an
 * import of --import-notes notes as an admin in files of 20,000, committed 1,000 at a time, with
 * the server's RSS sampled every 200 ms (--skip-reads: the import alone). Exits 1 when a floor is not met.
 */
async function scaleMain(): Promise<number> {
  const { buildWorkspace, hasWorkspace, importCsv, openWorkspace, sessionFor } = await import('./scale.js');
  const given = values.data;
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'peerlens-scale-'));
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const now = new Date();
  const options = {
    members: bounded(values.members, 10, 10_000, 'members'),
    years: bounded(values.years, 1, 20, 'years'),
    perMonth: bounded(values['per-month'], 1, 1000, 'per-month'),
    now,
  };
  let failed = false;
  try {
    if (await hasWorkspace(dataDir))
      log(`using the workspace already in ${process.env.DATABASE_URL ? 'the PostgreSQL database of DATABASE_URL' : dataDir}`);
    else {
      log(
        `building ${options.members} members × ${options.years} years × ${options.perMonth} notes a month in ${process.env.DATABASE_URL ? 'the PostgreSQL database of DATABASE_URL' : dataDir}`,
      );
      const built = await buildWorkspace(dataDir, options, log);
      log(`built ${built.notes.toLocaleString('en-US')} notes in ${built.seconds.toFixed(0)} s`);
    }
    const db = openWorkspace(dataDir);
    const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    const supervisor = await db
      .selectFrom('users')
      .select(['id', 'team_id'])
      .where('role', '=', 'supervisor')
      .where('team_id', '=', teams[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    const peer = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'peer')
      .where('team_id', '=', teams[0]?.id ?? '')
      .orderBy('username')
      .executeTakeFirstOrThrow();
    const peers = await db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('role', '=', 'peer')
      .orderBy('username')
      .limit(100)
      .execute();
    const total = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await db.destroy();
    const supervisorHeaders = await sessionFor(dataDir, supervisor.id);
    const peerHeaders = await sessionFor(dataDir, peer.id);
    log(`${Number(total.n).toLocaleString('en-US')} documents, ${teams.length} teams`);

    const { child, base } = await startServer(dataDir, { PEERLENS_DEMO: '0' });
    const pid = child.pid ?? 0;
    try {
      let admin: Record<string, string>;
      try {
        admin = await signIn(base);
      } catch {
        // a workspace measured before already has its admin: a session for them
        const db2 = openWorkspace(dataDir);
        const a = await db2.selectFrom('users').select('id').where('username', '=', 'loadadmin').executeTakeFirstOrThrow();
        await db2.destroy();
        admin = await sessionFor(dataDir, a.id);
      }
      log(`server ${base} (pid ${pid}, RSS ${rssMb(pid).toFixed(0)} MB), ${connections} connections, ${duration} s each`);
      let t = 0;
      const teamDrift = (): Promise<Result> =>
        autocannon({
          url: base,
          connections,
          duration,
          timeout: 10,
          requests: [
            {
              method: 'GET',
              headers: admin,
              setupRequest: (request) => ({
                ...request,
                path: `/api/drift?team=${encodeURIComponent(teams[t++ % teams.length]?.id ?? '')}`,
              }),
            },
          ],
        });
      const get = (path: string, headers: Record<string, string>): Promise<Result> =>
        autocannon({ url: `${base}${path}`, connections, duration, timeout: 10, headers });
      // warm-up, so the first figures are not the JIT's
      await autocannon({ url: `${base}/api/drift?team=${teams[0]?.id ?? ''}`, connections, duration: 2, timeout: 10, headers: admin });
      const results: Summary[] = [];
      const run = async (name: string, r: Promise<Result>): Promise<Summary> => {
        const cpu0 = cpuMs(pid);
        const s = summarize(name, await r);
        const cpu = (cpuMs(pid) - cpu0) / Math.max(1, s.requests);
        print(s);
        // the server's own CPU time per request: what one free core would answer, whatever else the machine runs
        log(`${''.padEnd(28)} server CPU ${cpu.toFixed(2)} ms a request (${(1000 / cpu).toFixed(0)}/s on one free core)`);
        results.push(s);
        return s;
      };
      if (values['skip-reads']) {
        const importNotes = bounded(values['import-notes'], 0, 1_000_000, 'import-notes');
        return (await measureImport(base, admin, pid, importNotes, peers, now, importCsv)) ? 1 : 0;
      }
      const dashboard = await run('drift, team (admin)', teamDrift());
      await run('drift, own team (supervisor)', get(`/api/drift?team=${supervisor.team_id ?? ''}`, supervisorHeaders));
      await run('drift, self (peer)', get(`/api/drift?member=${peer.id}`, peerHeaders));
      await run('drift roster, all teams', get('/api/drift/roster', admin));
      await run('drift scope (admin)', get('/api/drift/scope', admin));
      const texts = notes();
      const bodies = texts.map((text) => JSON.stringify({ text, kind: 'note' }));
      await analyzeRun(base, admin, bodies, 2);
      const analysis = await run('POST /api/analyze (2 KB)', analyzeRun(base, admin, bodies, duration));
      for (const [name, s] of [
        ['drift dashboard', dashboard],
        ['analysis', analysis],
      ] as const) {
        const ok = meetsFloor(s);
        log(`floor for the ${name} (≥ ${FLOOR.rps}/s, p99 ≤ ${FLOOR.p99} ms, no errors): ${ok ? 'met' : 'NOT MET'}`);
        failed ||= !ok;
      }
      for (const s of results) if (s.errors + s.timeouts + s.non2xx > 0) failed = true;

      const importNotes = bounded(values['import-notes'], 0, 1_000_000, 'import-notes');
      if (importNotes > 0) failed = (await measureImport(base, admin, pid, importNotes, peers, now, importCsv)) || failed;
    } finally {
      await stopServer(child);
    }
  } finally {
    if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

/** Imports `count` notes in files of 20,000 (upload, mapping, commits of 1,000); returns true when the floor is not met. */
async function measureImport(
  base: string,
  headers: Record<string, string>,
  pid: number,
  count: number,
  peers: { id: string; username: string }[],
  now: Date,
  importCsv: (texts: readonly string[], usernames: readonly string[], from: number, count: number, now: Date, tag: string) => string,
): Promise<boolean> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const texts = notes().flatMap((n) => n.split('\n').filter((l) => l.length > 80));
  const usernames = peers.map((p) => p.username);
  const authors = Object.fromEntries(peers.map((p) => [p.username, p.id]));
  const FILE = 20_000;
  const tag = randomUUID().slice(0, 8);
  const samples: number[] = [rssMb(pid)];
  const timer = setInterval(() => samples.push(rssMb(pid)), 200);
  let kept = 0;
  let bytes = 0;
  let commitMs = 0;
  let stagedMs = 0;
  const started = performance.now();
  const cpu0 = cpuMs(pid);
  try {
    for (let from = 0; from < count; from += FILE) {
      const csv = importCsv(texts, usernames, from, Math.min(FILE, count - from), now, tag);
      const s0 = performance.now();
      bytes += Buffer.byteLength(csv);
      const up = await fetch(`${base}/api/imports`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': `notes-${from}.csv` },
        body: csv,
      });
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const { id } = (await up.json()) as { id: string };
      const mapped = await fetch(`${base}/api/imports/${id}/mapping`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ textColumn: 'note', authorColumn: 'author', dateColumn: 'date', authors }),
      });
      if (mapped.status !== 200) throw new Error(`mapping: ${mapped.status} ${await mapped.text()}`);
      const c0 = performance.now();
      stagedMs += c0 - s0;
      for (;;) {
        const r = await fetch(`${base}/api/imports/${id}/commit?batch=1000`, { method: 'POST', headers });
        if (r.status !== 200) throw new Error(`commit: ${r.status} ${await r.text()}`);
        const p = (await r.json()) as { finished: boolean; kept: number };
        if (p.finished) {
          kept += p.kept;
          break;
        }
      }
      commitMs += performance.now() - c0;
      log(
        `  ${(from + Math.min(FILE, count - from)).toLocaleString('en-US')} notes, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${rssMb(pid).toFixed(0)} MB`,
      );
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = kept / seconds;
  const cpuPerNote = (cpuMs(pid) - cpu0) / Math.max(1, kept);
  const peak = Math.max(...samples);
  log(
    `import: ${kept.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} notes kept (${(bytes / 1e6).toFixed(1)} MB of CSV) in ${seconds.toFixed(1)} s: ` +
      `${rate.toFixed(0)} notes/s end to end (upload, mapping, commits), ${(kept / (commitMs / 1000)).toFixed(0)} notes/s in the commits alone (upload and mapping ${(stagedMs / 1000).toFixed(1)} s); ` +
      `server RSS ${samples[0]?.toFixed(0)} MB at the start, peak ${peak.toFixed(0)} MB, ${samples[samples.length - 1]?.toFixed(0)} MB at the end`,
  );
  log(`server CPU ${cpuPerNote.toFixed(2)} ms a note (${(1000 / cpuPerNote).toFixed(0)} notes/s on one free core)`);
  const ok = rate >= 1000 && kept === count;
  log(`floor for the import (≥ 1,000 notes/s, every note kept): ${ok ? 'met' : 'NOT MET'}`);
  return !ok;
}

(values.scale ? scaleMain() : main()).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`load: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
