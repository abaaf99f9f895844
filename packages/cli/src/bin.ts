#!/usr/bin/env node
import { createReadStream, createWriteStream, fstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from './commands/exit.js';
import type { CheckOptions } from './commands/check.js';
import { REPORTER_NAMES } from './reporters/names.js';
import { FORMATS } from '@peerlens/inputs';

// Each command's modules are loaded when that command runs, not all of them up front: a run of
// `classify` need not load the checker's pool, configuration, readers and reporters (decision 020).

// A reader that stops early (`peerlens classify … | head`) closes the pipe: stop quietly, as
// other command-line tools do, instead of failing with EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/**
 * Standard output for a command that writes big blocks (`classify`). Written to a file, Node's
 * stdout writes synchronously, so this thread would wait on each block while the system copies
 * it; a file stream on the same descriptor writes in the background, in order, while the next
 * block is made (decision 020). A pipe or a terminal stays process.stdout.
 */
function stdoutForBlocks(): import('node:stream').Writable {
  let file = false;
  try {
    file = fstatSync(1).isFile();
  } catch {
    // no descriptor 1 to look at: leave stdout as it is
  }
  if (!file) return process.stdout;
  const out = createWriteStream('/dev/stdout', { fd: 1, autoClose: false, highWaterMark: 4 * 1024 * 1024 });
  out.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return out;
}

const workers = (value: string): string => {
  if (value === 'auto') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--workers is "auto" or a whole number, 1 or more');
  return value;
};

const program = new Command();
program
  .name('peerlens')
  .description('PeerLens: see where notes, job descriptions and task lists speak from a peer, shared or clinical perspective.')
  .version('0.1.0')
  .showHelpAfterError()
  .configureOutput({ outputError: (s, write) => write(s) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT.input);
  })
  .addHelpText(
    'after',
    `
Exit codes: 0 no error-severity findings; 1 error-severity findings, or more warnings than
--max-warnings; 2 a usage or configuration error, or an input that could not be read (skipped).

Examples:
  npx peerlens check notes/                      check a folder of notes
  npx peerlens roles job-description.docx        a job description, duty by duty
  npx peerlens explain blame-frequent-flyer      what a rule flags and why`,
  );

program
  .command('classify')
  .description('Label each JSON Lines record {"id","text"} as a note unit or a duty; one JSON line out per line in.')
  .argument('[file]', 'a JSON Lines file; "-" or nothing reads standard input')
  .addOption(new Option('--as <kind>', 'what each text is: a note unit or passage, or a duty').choices(['note', 'duty']).default('note'))
  .option('--workers <n>', 'worker threads: a number, or auto (several cores for a file of 4 MB or more)', workers, 'auto')
  .addHelpText(
    'after',
    `
Output, one line per input line, in order:
  {"id":…,"label":"peer|overlap|clinical|neutral","confidence":0.82,"dimensions":[…],"findings":[…],"sentences":[…]}
  with --as duty the label is peer|overlap|clinical|conflict|errand.
A malformed line is reported on stderr with its line number and written as {"line":N,"error":"…"}.

Exit codes: 0 all lines classified; 2 a malformed line, or a file that cannot be read.

Examples:
  echo '{"id":1,"text":"Pt presents w/ flat affect."}' | npx peerlens classify
  npx peerlens classify --as duty duties.jsonl > labels.jsonl`,
  )
  .action(async (file: string | undefined, opts: { as: 'note' | 'duty'; workers: string }) => {
    let input: NodeJS.ReadableStream = process.stdin;
    let name = 'stdin';
    let size = 0;
    if (file !== undefined && file !== '-') {
      try {
        const s = await stat(file);
        size = s.size;
        if (s.isDirectory()) throw new InvalidArgumentError(`${file} is a folder; classify reads one JSON Lines file`);
      } catch (e) {
        const reason =
          e instanceof InvalidArgumentError
            ? e.message
            : `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
        process.stderr.write(`peerlens classify: ${reason}\n`);
        process.exitCode = EXIT.input;
        return;
      }
      input = createReadStream(file);
      name = file;
    }
    // like check: a pool pays off on a big file and more than one core (decision 020)
    const cores = availableParallelism();
    const n = opts.workers === 'auto' ? (size >= 4e6 && cores > 1 ? Math.min(cores, 4) : 1) : Number(opts.workers);
    const { classifyStream } = await import('./commands/classify.js');
    process.exitCode = await classifyStream(input as import('node:stream').Readable, stdoutForBlocks(), process.stderr, {
      as: opts.as,
      name,
      workers: n,
    });
  });

const count = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} is a whole number, 0 or more`);
  return n;
};

/** The options `check` and `roles` share. */
function inputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <reporter>', 'how to report').choices(REPORTER_NAMES).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--input-format <format>', 'read every input (and standard input) as this format, whatever its extension').choices([
        ...FORMATS,
      ]),
    )
    .option('--text-column <name>', 'CSV column or JSON key with the text (guessed when not given)')
    .option('--id-column <name>', 'CSV column or JSON key with the record id')
    .option('--author-column <name>', 'CSV column or JSON key with the author')
    .option('--date-column <name>', 'CSV column or JSON key with the date')
    .option('-c, --config <file>', 'use this configuration file instead of looking for one')
    .option('--no-config', 'use no configuration file')
    .option('--ignore-path <file>', 'ignore rules from this file instead of ./.peerlensignore')
    .option('--no-ignore', 'check files that .peerlensignore leaves out')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', count('--max-warnings'))
    .option('--workers <n>', 'worker threads: a number, or auto (several cores for big inputs)', workers, 'auto')
    .addOption(new Option('--batch-size <n>', 'records per worker task').argParser(count('--batch-size')).default(32).hideHelp())
    .option('-q, --quiet', 'no progress bar and no notices (problems with inputs are still reported)', false)
    .option('--stats', 'print throughput and memory on stderr at the end', false)
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never show the progress bar')
    .option('--color', 'colour the report even when not writing to a terminal')
    .option('--no-color', 'never colour the report');
}

type RawCheckOptions = Omit<CheckOptions, 'ignore'> & { ignore?: boolean };

const io = () => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env });
const normal = (o: RawCheckOptions): CheckOptions => ({ ...o, ignore: o.ignore !== false }) as CheckOptions;

const FORMAT_HELP = `
Inputs: files, folders (walked for .txt .md .csv .tsv .jsonl .ndjson .docx .pdf), globs in quotes,
or - for standard input. Folders and globs honour .peerlensignore (gitignore rules) in the working folder.
CSV and JSON Lines are read as a stream, record by record; --text-column and friends name the
columns, or PeerLens guesses and says so.

Configuration: .peerlensrc.json, .peerlensrc.yaml or package.json#peerlens, looked for upward from
each file: rules (off | error | warning | info, by id), allow, deny, lexicon, as, overrides per glob.

Inline controls (text and Markdown):
  <!-- peerlens-disable-next-line RULE-ID -->   <!-- peerlens-disable -->…<!-- peerlens-enable -->
  <!-- peerlens ignore -->  (the next block is not read)

Exit codes: 0 no error-severity findings; 1 error-severity findings, or more warnings than
--max-warnings; 2 a usage or configuration error, or an input that was skipped (missing,
unreadable, binary, not UTF-8, a broken DOCX or PDF, a PDF without text, a ragged CSV row,
a malformed JSON line). The rest of the batch is still checked.`;

inputOptions(
  program
    .command('check')
    .description(
      'Check notes and other prose: each sentence labelled peer, overlap, clinical or neutral; devaluing language, clinical register and role conflicts flagged.',
    )
    .argument('[inputs...]', 'files, folders, globs, or - for standard input'),
)
  .addOption(new Option('--as <kind>', 'read documents as notes (prose) or as job descriptions (duty by duty)').choices(['note', 'role']))
  .addHelpText(
    'after',
    `${FORMAT_HELP}

Examples:
  npx peerlens check notes/ jobs/peer-specialist.md
  npx peerlens check "exports/**/*.csv" --text-column narrative --id-column note_id
  npx peerlens check notes.jsonl -f jsonl --quiet --stats > findings.jsonl
  npx peerlens check visit.md -f html -o report.html
  pbpaste | npx peerlens check - --input-format markdown`,
  )
  .action(async (inputs: string[], opts: RawCheckOptions) => {
    const { check } = await import('./commands/check.js');
    process.exitCode = await check('check', inputs, normal(opts), io());
  });

inputOptions(
  program
    .command('roles')
    .description(
      'Review job descriptions or task lists duty by duty: peer, overlap, clinical, conflict or errand, with reasons and a suggestion for each conflict and errand.',
    )
    .argument('<inputs...>', 'job descriptions or task lists: .txt .md .docx .pdf; in CSV or JSON Lines each record is one duty'),
)
  .addHelpText(
    'after',
    `${FORMAT_HELP}

Examples:
  npx peerlens roles peer-specialist-jd.docx
  npx peerlens roles postings/*.pdf -f markdown -o role-review.md
  npx peerlens roles tasks.csv --text-column task`,
  )
  .action(async (inputs: string[], opts: RawCheckOptions) => {
    const { check } = await import('./commands/check.js');
    process.exitCode = await check('roles', inputs, normal(opts), io());
  });

program
  .command('explain')
  .description('Explain a rule: what it flags, why, its source, its replacements, hints and examples.')
  .argument('<rule-id>', 'a rule id, as shown at the end of each finding')
  .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
  .addHelpText(
    'after',
    '\nExit codes: 0 explained; 2 no such rule.\n\nExamples:\n  npx peerlens explain blame-frequent-flyer\n  npx peerlens explain blame-noncompliant --format json',
  )
  .action(async (id: string, opts: { format: 'text' | 'json' }) => {
    const { explain } = await import('./commands/explain.js');
    const r = explain(id, opts.format);
    process.stdout.write(r.out);
    process.stderr.write(r.err);
    process.exitCode = r.code;
  });

program
  .command('framework')
  .description('Show the framework: nine dimensions from a peer, shared and clinical perspective; role boundaries; training areas.')
  .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
  .addHelpText('after', '\nExamples:\n  npx peerlens framework\n  npx peerlens framework --format json > framework.json')
  .action(async (opts: { format: 'text' | 'json' }) => {
    const { frameworkJson, frameworkText } = await import('./commands/framework.js');
    process.stdout.write(opts.format === 'json' ? frameworkJson() : frameworkText(process.stdout.columns ?? 120));
  });

program
  .command('backup')
  .description("Copy the web app's database to a file, safely while the server runs (SQLite's online backup).")
  .argument('<out>', 'the backup file to write (a new file; an existing one is not overwritten)')
  .option('--data-dir <dir>', "the server's data folder (default: $DATA_DIR, or ./data)")
  .addHelpText(
    'after',
    `
The copy is one consistent moment of the database, checked with SQLite's integrity check, and
written under a temporary name then renamed, so the file named is never half written.

Exit codes: 0 backed up; 2 no database in the data folder, the file exists, or the copy failed.

Examples:
  npx peerlens backup --data-dir /srv/peerlens/data backups/peerlens-$(date +%F).sqlite
  DATA_DIR=./data npx peerlens backup peerlens-backup.sqlite`,
  )
  .action(async (out: string, opts: { dataDir?: string }) => {
    const { backup } = await import('./commands/backup.js');
    process.exitCode = await backup(out, opts, io());
  });

program
  .command('restore')
  .description("Put a backup in place as the web app's database (stop the server first).")
  .argument('<file>', 'a backup made by `peerlens backup` (or a copy of peerlens.sqlite)')
  .option('--data-dir <dir>', "the server's data folder (default: $DATA_DIR, or ./data)")
  .option('--force', 'restore even though the server may have the database open (see below)', false)
  .addHelpText(
    'after',
    `
The file is checked first: SQLite's integrity check, the migrations table and PeerLens's tables,
and no migration newer than this version. It is then copied into the data folder under a
temporary name and renamed over peerlens.sqlite, in one step. The database that was there is not
deleted: it is kept, with its -wal and -shm files, as peerlens.sqlite.before-restore-<time>.

Restore refuses while peerlens.sqlite-wal or -shm is beside the database: a running server keeps
them (one that stopped cleanly leaves neither). Stop the server and run restore again. --force
restores anyway; a server still running would keep writing into the old, moved database, and
those changes would not be in the restored one. Restart the server after restoring.

Exit codes: 0 restored; 2 the file is not a sound PeerLens database, the server may have the
database open (without --force), or the copy failed.

Examples:
  npx peerlens restore backups/peerlens-2026-11-22.sqlite --data-dir /srv/peerlens/data
  npx peerlens restore peerlens-backup.sqlite --force`,
  )
  .action(async (file: string, opts: { dataDir?: string; force: boolean }) => {
    const { restore } = await import('./commands/backup.js');
    process.exitCode = await restore(file, opts, io());
  });

await program.parseAsync(process.argv);
