/** `peerlens check` and `peerlens roles`: options in, sources found, configuration resolved, the batch run, an exit code out. */
import { availableParallelism } from 'node:os';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { discover } from '../inputs/discover.js';
import type { Format } from '@peerlens/inputs';
import { ConfigResolver, formatConfigProblem } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { run } from '../check/run.js';
import { REPORTERS } from '../reporters/index.js';
import { EXIT } from './exit.js';

export interface CheckOptions {
  readonly format: string;
  readonly outputFile?: string;
  readonly inputFormat?: Format;
  readonly textColumn?: string;
  readonly idColumn?: string;
  readonly authorColumn?: string;
  readonly dateColumn?: string;
  /** A path, or false for --no-config. */
  readonly config?: string | false;
  readonly ignorePath?: string;
  readonly ignore: boolean;
  readonly as?: 'note' | 'role';
  readonly maxWarnings?: number;
  readonly workers: string;
  readonly batchSize: number;
  readonly quiet: boolean;
  readonly stats: boolean;
  readonly progress?: boolean;
  readonly color?: boolean;
}

export interface Io {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

function workerCount(value: string, totalBytes: number): number {
  if (value === 'auto') {
    const cores = availableParallelism();
    return totalBytes >= 4e6 && cores > 1 ? Math.min(cores, 4) : 1;
  }
  return Math.max(1, Math.floor(Number(value)));
}

export async function check(command: 'check' | 'roles', inputs: readonly string[], options: CheckOptions, io: Io): Promise<number> {
  const say = (s: string): void => {
    io.stderr.write(`peerlens: ${s}\n`);
  };
  const reporter = REPORTERS[options.format];
  if (!reporter) {
    say(`unknown format "${options.format}" (choose ${Object.keys(REPORTERS).join(', ')})`);
    return EXIT.input;
  }
  let args = inputs;
  if (args.length === 0) {
    if (io.stdin.isTTY) {
      say(`nothing to ${command}: give files, folders or globs, or - for standard input (peerlens ${command} --help)`);
      return EXIT.input;
    }
    args = ['-'];
  }
  const found = await discover(args, {
    cwd: io.cwd,
    useIgnore: options.ignore,
    ...(options.ignorePath !== undefined ? { ignorePath: options.ignorePath } : {}),
    ...(options.inputFormat !== undefined ? { inputFormat: options.inputFormat } : {}),
  });
  for (const p of found.problems) say(`${p.file}: ${p.reason} (skipped)`);
  if (!options.quiet) {
    for (const n of found.notices) say(n);
    for (const f of found.ignored) say(`${f}: ignored by .peerlensignore (--no-ignore checks it)`);
  }

  const resolver = new ConfigResolver({
    cwd: io.cwd,
    ...(typeof options.config === 'string' ? { configPath: options.config } : {}),
    ...(options.config === false ? { noConfig: true } : {}),
    ...(command === 'roles' ? { as: 'role' as const } : options.as !== undefined ? { as: options.as } : {}),
  });
  const settings: Settings[] = [];
  for (const s of found.sources) settings.push(await resolver.settingsFor(s.path));
  if (resolver.problems.length > 0) {
    for (const p of resolver.problems) io.stderr.write(`peerlens: configuration: ${formatConfigProblem(p)}\n`);
    say(`fix the configuration above; nothing was checked (exit 2)`);
    return EXIT.input;
  }

  const totalBytes = found.sources.reduce((a, s) => a + (s.size ?? 0), 0);
  const workers = workerCount(options.workers, totalBytes);
  let out: Writable & { isTTY?: boolean; columns?: number } = io.stdout;
  let file: ReturnType<typeof createWriteStream> | undefined;
  if (options.outputFile !== undefined) {
    file = createWriteStream(options.outputFile);
    try {
      await new Promise<void>((resolve, reject) => {
        file?.once('open', () => resolve());
        file?.once('error', reject);
      });
    } catch (e) {
      say(`cannot write ${options.outputFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return EXIT.input;
    }
    out = file;
  }
  const colorAuto = out.isTTY === true && io.env.NO_COLOR === undefined;
  const color = options.color ?? (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' ? true : colorAuto);
  const result = await run({
    command,
    sources: found.sources,
    settings,
    reporter,
    reporterOptions: { color, width: io.stdout.columns ?? 100 },
    out,
    err: io.stderr,
    stdin: io.stdin,
    columns: {
      ...(options.textColumn !== undefined ? { textColumn: options.textColumn } : {}),
      ...(options.idColumn !== undefined ? { idColumn: options.idColumn } : {}),
      ...(options.authorColumn !== undefined ? { authorColumn: options.authorColumn } : {}),
      ...(options.dateColumn !== undefined ? { dateColumn: options.dateColumn } : {}),
    },
    workers,
    batchSize: options.batchSize,
    quiet: options.quiet,
    progress: options.progress ?? (io.stderr.isTTY === true && !options.quiet),
  });
  if (file) await new Promise<void>((resolve) => file?.end(resolve));
  const s = result.summary;
  if (options.stats) {
    const mb = result.bytes / 1e6;
    const rss = process.resourceUsage().maxRSS / 1024;
    say(
      `stats: ${s.files} files, ${s.records} records, ${mb.toFixed(2)} MB in ${result.seconds.toFixed(2)} s ` +
        `(${(mb / result.seconds).toFixed(2)} MB/s, ${Math.round(s.records / result.seconds)} records/s), ` +
        `${result.workers} worker${result.workers === 1 ? '' : 's'}, peak RSS ${rss.toFixed(0)} MB`,
    );
  }
  const skipped = s.skipped + found.problems.length;
  if (skipped > 0) return EXIT.input;
  if (s.errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && s.warnings > options.maxWarnings) {
    say(`${s.warnings} warnings, more than --max-warnings ${options.maxWarnings} (exit 1)`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
