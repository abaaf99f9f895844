/**
 * Speed, measured: PeerLens's analyzer and alex on the same generated note-style documents,
 * one core, one run. Prints throughput (MB/s, docs/s), p50/p95 latency for a 2 KB note, and
 * the ratio to alex.
 *
 *   npm run bench                       (about 5 MB for PeerLens, 0.5 MB for alex; runs the built core: npm run build first)
 *   npm run bench -- --mb 1 --alex-mb 0.2
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { analyze } from '@peerlens/core'; // the built package, as users run it
import { text as alexText } from 'alex';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    'alex-mb': { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '7' },
  },
});

// A small deterministic PRNG, so every run reads the same corpus.
let state = Number(values.seed) >>> 0 || 7;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const names = ['Dana', 'Marcus', 'Luz', 'Tom', 'Aisha', 'Sam', 'Priya', 'Joe', 'Kim', 'Rosa'];
const places = ['the library', 'the drop-in center', 'a coffee shop', 'the clinic lobby', 'her apartment', 'the park', 'the bus stop'];
const sentences: ((n: string, p: string) => string)[] = [
  (n, p) => `Met with ${n} at ${p} for about an hour.`,
  (n) => `${n} talked about wanting to go back to school in the fall.`,
  (n) => `I told ${n} a little about my own time in the hospital and what helped me afterward.`,
  () => `We both laughed about how hard the bus schedule is to read.`,
  (n) => `${n} said the new medication makes her tired and she wants to ask about it.`,
  () => `Pt presents w/ flat affect, denies SI/HI, A&Ox3.`,
  (n) => `Writer assessed ${n}'s mood and provided psychoeducation on symptom management.`,
  (n) => `${n} was noncompliant with meds this week per staff.`,
  () => `Plan: f/u next week, continue to monitor for decompensation.`,
  (n) => `${n} wants to find her own apartment and asked me to come with her to the housing office.`,
  (n) => `We practiced what ${n} wants to say to his psychiatrist about the side effects.`,
  (n) => `I reminded ${n} that he has the right to ask for a copy of his records.`,
  () => `Session ended at 3:15 pm; next meeting is Thursday.`,
  (n) => `${n} described the voices as sometimes comforting and we talked about what they might mean to him.`,
  () => `Dx: schizoaffective d/o, bipolar type (F25.0). Depakote 500mg BID.`,
  (n) => `${n} is a frequent flyer at the ED and has been manipulative with staff.`,
  (n) => `Listened to ${n}'s goals for the next few months and respected her choice to wait on the job search.`,
  (n) => `${n} said "I'm tired of being treated like a diagnosis" and I said I have felt that too.`,
  () => `Insight and judgment fair. Thought process linear and goal-directed.`,
  (n, p) => `Drove ${n} to ${p} and waited while she filled out the forms.`,
  (n) => `${n} suffers from depression and struggles with motivation.`,
  (n) => `We talked about what recovery means to ${n}, in her own words.`,
  () => `Discussed upcoming team meeting and who will attend.`,
  (n) => `Counted ${n}'s meds and logged them in the MAR.`,
];

function makeDoc(targetBytes: number): string {
  const name = pick(names);
  const parts: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const s = pick(sentences)(name, pick(places));
    parts.push(s);
    size += s.length + 1;
    if (rand() < 0.15) {
      parts.push('\n\n');
      size += 2;
    }
  }
  return parts.join(' ').replace(/ \n\n /g, '\n\n');
}

function corpus(mb: number): string[] {
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < mb * 1e6) {
    const d = makeDoc(1000 + Math.floor(rand() * 2000));
    docs.push(d);
    bytes += d.length;
  }
  return docs;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

interface Result {
  name: string;
  mbps: number;
  docsps: number;
  p50: number;
  p95: number;
}

interface Pipeline {
  readonly name: string;
  readonly docs: string[];
  readonly notes: string[];
  readonly fn: (t: string) => unknown;
}

/**
 * Times both pipelines in alternating passes and keeps each one's best, so that both see the
 * same machine: this machine's speed wanders by tens of percent from minute to minute.
 */
function runAll(pipelines: readonly Pipeline[], passes = 3): Result[] {
  for (const p of pipelines) for (let i = 0; i < Math.min(20, p.docs.length); i++) p.fn(p.docs[i] as string); // warm up
  const best = pipelines.map(() => Infinity);
  const latencies: number[][] = pipelines.map(() => []);
  for (let pass = 0; pass < passes; pass++) {
    pipelines.forEach((p, k) => {
      const t0 = performance.now();
      for (const d of p.docs) p.fn(d);
      best[k] = Math.min(best[k] as number, (performance.now() - t0) / 1000);
      const lat = p.notes.map((n) => {
        const a = performance.now();
        p.fn(n);
        return performance.now() - a;
      });
      if (pass === passes - 1 || (latencies[k] as number[]).length === 0) latencies[k] = lat;
    });
  }
  return pipelines.map((p, k) => {
    const bytes = p.docs.reduce((a, d) => a + d.length, 0);
    const seconds = best[k] as number;
    const lat = latencies[k] as number[];
    return {
      name: p.name,
      mbps: bytes / 1e6 / seconds,
      docsps: p.docs.length / seconds,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
    };
  });
}

const docs = corpus(Number(values.mb));
const alexDocs = docs.slice(0, Math.max(10, Math.round((docs.length * Number(values['alex-mb'])) / Number(values.mb))));
const notes2k: string[] = [];
for (let i = 0; i < 200; i++) notes2k.push(makeDoc(2000).slice(0, 2048));
const alexNotes = notes2k.slice(0, 60);

console.log(
  `corpus: ${docs.length} note-style documents, ${(docs.reduce((a, d) => a + d.length, 0) / 1e6).toFixed(2)} MB (alex reads the first ${alexDocs.length}); latency on 2 KB notes; one core, Node ${process.version}; best of 3 alternating passes`,
);
const [ours, theirs] = runAll([
  { name: 'peerlens analyze()', docs, notes: notes2k, fn: (t) => analyze(t) },
  { name: 'alex text()', docs: alexDocs, notes: alexNotes, fn: (t) => alexText(t) },
]) as [Result, Result];
console.log('');
console.log(`${'pipeline'.padEnd(22)} ${'MB/s'.padStart(8)} ${'docs/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
for (const r of [ours, theirs]) {
  console.log(
    `${r.name.padEnd(22)} ${r.mbps.toFixed(2).padStart(8)} ${r.docsps.toFixed(0).padStart(9)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)}`,
  );
}
console.log('');
console.log(`throughput ratio: ${(ours.mbps / theirs.mbps).toFixed(0)}× alex   (floor: 50×)`);
console.log(`p95 for a 2 KB note: ${ours.p95.toFixed(3)} ms   (floor: 2 ms)`);

// ---- `peerlens classify` as a whole process, beside analyze() and alex (issue 15) ----
//
// The same documents as above, repeated to a batch, one JSON line {"id","text"} each, through the built binary as a
// user runs it: start-up, reading, parsing, classifying, serializing and writing the output to a
// file, all in the time. MB/s counts the documents' text, as the analyze() and alex rows do. Each
// round times one analyze() pass in this process and one classify process, in turn; the figures
// are medians (decision 020).
const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const docBytes = docs.reduce((a, d) => a + d.length, 0);
/** One analyze() pass over the documents, in MB/s: the in-process figure the whole-process runs are set against. */
const analyzePass = (): number => {
  const t0 = performance.now();
  for (const d of docs) analyze(d);
  const mbps = docBytes / 1e6 / ((performance.now() - t0) / 1000);
  return mbps;
};
// the built binary, as users run it; PEERLENS_BENCH_BIN runs another build (an earlier commit's, for a before-and-after)
const { fileURLToPath } = await import('node:url');
const { availableParallelism } = await import('node:os');
const bin = process.env.PEERLENS_BENCH_BIN ?? fileURLToPath(new URL('../packages/cli/bin/peerlens.js', import.meta.url));
if (process.env.PEERLENS_BENCH_CLASSIFY !== '0') {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync, openSync, closeSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-bench-classify-'));
  const file = join(dir, 'notes.jsonl');
  // a batch, not a handful: the documents again and again to PEERLENS_BENCH_CLASSIFY_MB of text
  // (20 by default), so start-up counts as it does in a real batch and no more
  const target = Number(process.env.PEERLENS_BENCH_CLASSIFY_MB ?? '20') * 1e6;
  const texts: string[] = [];
  for (let i = 0, n = 0; n < target; i++) {
    const d = docs[i % docs.length] as string;
    texts.push(d);
    n += d.length;
  }
  const textBytes = texts.reduce((a, d) => a + d.length, 0);
  writeFileSync(file, `${texts.map((text, id) => JSON.stringify({ id, text })).join('\n')}\n`);
  const rounds = Math.max(1, Number(process.env.PEERLENS_BENCH_CLASSIFY_ROUNDS ?? '3'));
  // a binary that has no --workers for classify (an older build, PEERLENS_BENCH_BIN) runs one thread either way
  const { spawnSync } = await import('node:child_process');
  const hasWorkers = spawnSync(process.execPath, [bin, 'classify', '--help'], { encoding: 'utf8' }).stdout.includes('--workers');
  /** Seconds for one whole `peerlens classify` process, from spawn to exit, its output going to a file. */
  const classify = (workers?: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const out = join(dir, `out-${Math.random()}.jsonl`);
      const fd = openSync(out, 'w');
      const t0 = performance.now();
      const args = [bin, 'classify', file, ...(workers !== undefined && hasWorkers ? ['--workers', String(workers)] : [])];
      const child = spawn(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const seconds = (performance.now() - t0) / 1000;
        closeSync(fd);
        rmSync(out, { force: true });
        if (code !== 0) reject(new Error(`peerlens classify failed (${code}): ${stderr}`));
        else resolve(seconds);
      });
    });
  const runs = { analyze: [] as number[], classify: [] as number[], one: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    runs.analyze.push(analyzePass());
    // as a user runs it (a file this size gets a worker per core, up to 4), then with one worker
    runs.classify.push(textBytes / 1e6 / (await classify()));
    if (hasWorkers) runs.one.push(textBytes / 1e6 / (await classify(1)));
  }
  rmSync(dir, { recursive: true, force: true });
  const a = medianOf(runs.analyze);
  const c = medianOf(runs.classify);
  const all = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
  console.log('');
  console.log(
    `peerlens classify as a whole process (start-up included, output to a file), the same documents repeated to ${(textBytes / 1e6).toFixed(1)} MB of text; median of ${rounds} rounds, each beside an analyze() pass:`,
  );
  console.log(`  analyze() in process   ${a.toFixed(2).padStart(6)} MB/s   (runs: ${all(runs.analyze)})`);
  console.log(
    `  classify, whole        ${c.toFixed(2).padStart(6)} MB/s   ${((c / a) * 100).toFixed(0)}% of analyze()   ${(c / theirs.mbps).toFixed(0)}× alex   (floor: 50×)   (${hasWorkers ? `workers: auto, ${availableParallelism()} cores` : 'one thread'}; runs: ${all(runs.classify)})`,
  );
  if (hasWorkers) {
    const o = medianOf(runs.one);
    console.log(
      `  classify, 1 worker     ${o.toFixed(2).padStart(6)} MB/s   ${((o / a) * 100).toFixed(0)}% of analyze()   (floor: 75%)   ${(o / theirs.mbps).toFixed(0)}× alex   (--workers 1; runs: ${all(runs.one)})`,
    );
  }
}

// ---- The CLI on a JSON Lines batch: one core against two (the built binary, as users run it) ----
//
// "One core" is the one-worker run confined to one core with taskset: that is the one-core
// throughput the floor speaks of. Left free on a two-core machine, the same one-worker run also
// borrows the second core for V8's own background threads (garbage collection, compilation),
// so it is shown too, and the pool is compared with both. Two independent one-worker processes,
// each on half the file, show what this machine gives any two analyzers at once. The four runs
// take turns, several times, and each figure is the median (decision 004, "Measuring the pool").
if (process.env.PEERLENS_BENCH_POOL_MB !== '0') {
  const { spawn, spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-bench-'));
  const file = join(dir, 'notes.jsonl');
  const half = join(dir, 'half.jsonl');
  const target = Number(process.env.PEERLENS_BENCH_POOL_MB ?? '40') * 1e6;
  const rounds = Math.max(1, Number(process.env.PEERLENS_BENCH_POOL_ROUNDS ?? '3'));
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const line = JSON.stringify({ id: i, text: docs[i % docs.length] });
    lines.push(line);
    size += line.length + 1;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(half, `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
  const pinnable = process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

  /** Seconds for one `peerlens check` run, from its own --stats line (startup included). */
  const check = (input: string, workers: number, pin: boolean): Promise<number> =>
    new Promise((resolve, reject) => {
      const out = join(dir, `out-${Math.random()}.jsonl`);
      const args = [bin, 'check', input, '-f', 'jsonl', '-o', out, '-q', '--stats', '--workers', String(workers)];
      const child = pin ? spawn('taskset', ['-c', '0', process.execPath, ...args]) : spawn(process.execPath, args);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', () => {
        // gone before the kernel writes it back, so one run's output does not slow the next
        rmSync(out, { force: true });
        const m = /MB in ([\d.]+) s/.exec(stderr);
        if (m?.[1] === undefined) reject(new Error(`peerlens check failed: ${stderr}`));
        else resolve(Number(m[1]));
      });
    });
  const mbps = (seconds: number): number => size / 1e6 / seconds;
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  };
  const runs = { pinned: [] as number[], free: [] as number[], pool: [] as number[], pair: [] as number[] };
  const analyzeRuns: number[] = [];
  for (let r = 0; r < rounds; r++) {
    analyzeRuns.push(analyzePass());
    if (pinnable) runs.pinned.push(mbps(await check(file, 1, true)));
    runs.free.push(mbps(await check(file, 1, false)));
    runs.pool.push(mbps(await check(file, 2, false)));
    runs.pair.push(mbps(Math.max(...(await Promise.all([check(half, 1, false), check(half, 1, false)])))));
  }
  rmSync(dir, { recursive: true, force: true });
  const one = pinnable ? median(runs.pinned) : median(runs.free);
  const free = median(runs.free);
  const pool = median(runs.pool);
  const pair = median(runs.pair);
  const all = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
  console.log('');
  console.log(
    `peerlens check, ${(size / 1e6).toFixed(1)} MB of JSON Lines (${lines.length} notes), ${availableParallelism()} cores; median of ${rounds} rounds, taken in turn:`,
  );
  const inProcess = median(analyzeRuns);
  console.log(
    `  analyze() in process   ${inProcess.toFixed(2).padStart(6)} MB/s   (one pass over the documents each round, beside the runs below; runs: ${all(analyzeRuns)})`,
  );
  if (pinnable)
    console.log(
      `  1 worker, 1 core       ${one.toFixed(2).padStart(6)} MB/s   ${((one / inProcess) * 100).toFixed(0)}% of analyze()   (floor: 75%; taskset -c 0; runs: ${all(runs.pinned)})`,
    );
  else console.log('  1 worker, 1 core       not measured: taskset is not available here, so the free one-worker run stands in for it');
  console.log(
    `  1 worker, cores free   ${free.toFixed(2).padStart(6)} MB/s   ${(free / one).toFixed(2)}× one core   ${((free / inProcess) * 100).toFixed(0)}% of analyze()   (V8's background threads use the second core; runs: ${all(runs.free)})`,
  );
  console.log(
    `  2 workers              ${pool.toFixed(2).padStart(6)} MB/s   ${(pool / one).toFixed(2)}× one core   (floor: 1.8×)   ${(pool / free).toFixed(2)}× the free one-worker run   (runs: ${all(runs.pool)})`,
  );
  console.log(
    `  2 processes            ${pair.toFixed(2).padStart(6)} MB/s   ${(pair / one).toFixed(2)}× one core   the pool is ${((pool / pair) * 100).toFixed(0)}% of this (floor: 95%)   (two independent one-worker runs on halves: what this machine gives two analyzers; runs: ${all(runs.pair)})`,
  );
}
