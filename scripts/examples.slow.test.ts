/**
 * Every example command that `peerlens --help`, each command's `--help` and the READMEs show
 * (issue 14's floor), run as a person runs it, in a folder holding the files it names: each exits
 * with the code the help documents ("0 no error-severity findings; 1 error-severity findings …;
 * 2 a usage or configuration error …") and does what it says. A new example fails this test until
 * it is added to EXPECTED with its exit code, so an example cannot be shown without being run.
 *
 * In the commands as run, `npx peerlens` is the built binary, `/srv/peerlens/data` is a folder
 * of the test's, and `pbpaste` prints a note (no clipboard here). README commands that start or
 * install the whole app (`npm install && npm start`, `npm run test:all`) are not run here: CI runs
 * them (.ci/run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../packages/server/src/db/database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/peerlens.js');
const FIXTURES = join(ROOT, 'packages/cli/test/fixtures');

/** Each example: the exit code documented for what it does here, and what else must hold after it. */
const EXPECTED: Record<string, { code: number; before?: (dir: string) => void; then?: (dir: string, out: string) => void }> = {
  'npx peerlens check notes/': { code: 0, then: (_, out) => expect(out).toMatch(/^✔ No findings in 1 file · 2 units/) },
  'npx peerlens check notes/ jobs/': { code: 0, then: (_, out) => expect(out).toMatch(/^✔ No findings in 2 files/) },
  'npx peerlens roles job-description.docx': { code: 0, then: (_, out) => expect(out).toMatch(/duties to rethink/) },
  'npx peerlens roles peer-specialist-jd.docx': { code: 0, then: (_, out) => expect(out).toMatch(/duties to rethink/) },
  'npx peerlens explain blame-frequent-flyer': { code: 0, then: (_, out) => expect(out).toMatch(/frequent flyer/i) },
  'npx peerlens explain blame-noncompliant --format json': { code: 0, then: (_, out) => expect(JSON.parse(out)).toHaveProperty('id') },
  'npx peerlens check notes/ jobs/peer-specialist.md': { code: 0, then: (_, out) => expect(out).toMatch(/^✔ No findings in 2 files/) },
  'npx peerlens check "exports/**/*.csv" --text-column narrative --id-column note_id': {
    code: 0,
    then: (_, out) => expect(out).toMatch(/^✔ No findings in 1 file · 1 unit: peer 100%/),
  },
  'npx peerlens check notes.jsonl -f jsonl --quiet --stats > findings.jsonl': {
    code: 0,
    then: (dir) => expect(readFileSync(join(dir, 'findings.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2),
  },
  // an error-severity finding: exit 1, and the report is written all the same
  'npx peerlens check visit.md -f html -o report.html': {
    code: 1,
    then: (dir) => expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*druggies/i),
  },
  'pbpaste | npx peerlens check - --input-format markdown': { code: 0, then: (_, out) => expect(out).toMatch(/^✔ No findings in 1 file/) },
  'npx peerlens roles postings/*.pdf -f markdown -o role-review.md': {
    code: 0,
    then: (dir) => expect(readFileSync(join(dir, 'role-review.md'), 'utf8')).toMatch(/\| *# *\|/),
  },
  'npx peerlens roles tasks.csv --text-column task': { code: 0, then: (_, out) => expect(out).toMatch(/Drive members/) },
  'npx peerlens framework': { code: 0, then: (_, out) => expect(out).toMatch(/Relationship/i) },
  'npx peerlens framework --format json > framework.json': {
    code: 0,
    then: (dir) => expect(JSON.parse(readFileSync(join(dir, 'framework.json'), 'utf8')).dimensions).toHaveLength(9),
  },
  'npx peerlens classify notes.jsonl > labels.jsonl': {
    code: 0,
    then: (dir) => expect(readFileSync(join(dir, 'labels.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2),
  },
  'echo \'{"id":1,"text":"Pt presents w/ flat affect."}\' | npx peerlens classify': {
    code: 0,
    then: (_, out) => expect(JSON.parse(out)).toMatchObject({ id: 1, label: 'clinical' }),
  },
  'npx peerlens classify --as duty duties.jsonl > labels.jsonl': {
    code: 0,
    then: (dir) => expect(readFileSync(join(dir, 'labels.jsonl'), 'utf8')).toMatch(/"label":"errand"/),
  },
  'npx peerlens backup --data-dir /srv/peerlens/data backups/peerlens-$(date +%F).sqlite': {
    code: 0,
    then: (dir) => expect(readdirSync(join(dir, 'backups')).some((f) => /^peerlens-\d{4}-\d\d-\d\d\.sqlite$/.test(f))).toBe(true),
  },
  'DATA_DIR=./data npx peerlens backup peerlens-backup.sqlite': {
    code: 0,
    then: (dir) => expect(existsSync(join(dir, 'peerlens-backup.sqlite'))).toBe(true),
  },
  'npx peerlens restore backups/peerlens-2026-11-22.sqlite --data-dir /srv/peerlens/data': {
    code: 0,
    then: (dir) => expect(readdirSync(join(dir, 'srv-data')).some((f) => f.startsWith('peerlens.sqlite.before-restore-'))).toBe(true),
  },
  'npx peerlens restore peerlens-backup.sqlite --force': {
    before: (dir) => copyFileSync(join(dir, 'backups/peerlens-2026-11-22.sqlite'), join(dir, 'peerlens-backup.sqlite')),
    code: 0,
    then: (dir) => expect(existsSync(join(dir, 'data', 'peerlens.sqlite'))).toBe(true),
  },
};

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function shellOf(command: string): [string, string[], { env: NodeJS.ProcessEnv }] {
  const shell = command.replaceAll('npx peerlens', `"${process.execPath}" "${BIN}"`).replaceAll('/srv/peerlens/data', './srv-data');
  const script = `pbpaste() { printf 'We walked to the library; she chose the route.\\n'; }\n${shell}`;
  return ['sh', ['-c', script], { env: { ...process.env, NO_COLOR: '1', DATA_DIR: '' } }];
}

function run(command: string, cwd: string): Ran {
  const [file, args, options] = shellOf(command);
  const r = spawnSync(file, args, { ...options, cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runAsync(command: string, cwd: string): Promise<Ran> {
  const [file, args, options] = shellOf(command);
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...options, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The example lines of a help text: the indented `… peerlens …` lines after "Examples:". */
function helpExamples(help: string): string[] {
  const at = help.search(/^Examples?:$/m);
  if (at < 0) return [];
  return help
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l) => /^ {2}\S/.test(l) && l.includes('peerlens'))
    .map((l) => l.trim().split(/ {2,}/)[0] as string);
}

/** The `npx peerlens …` lines of a README's shell blocks, without their comments. */
function readmeExamples(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string)
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => /(^|\| )npx peerlens /.test(l)),
  );
}

let dir = '';
const examples: { command: string; from: string }[] = [];

beforeAll(async () => {
  const top = run('npx peerlens --help', ROOT).stdout;
  for (const c of helpExamples(top)) examples.push({ command: c, from: 'peerlens --help' });
  const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}([a-z]+)\b/gm)]
    .map((m) => m[1] as string)
    .filter((c) => c !== 'help');
  expect(commands.length).toBeGreaterThan(5);
  for (const c of commands)
    for (const e of helpExamples(run(`npx peerlens ${c} --help`, ROOT).stdout)) examples.push({ command: e, from: `peerlens ${c} --help` });
  for (const readme of ['README.md', ...readdirSync(join(ROOT, 'packages')).map((p) => `packages/${p}/README.md`)])
    if (existsSync(join(ROOT, readme))) for (const e of readmeExamples(join(ROOT, readme))) examples.push({ command: e, from: readme });

  // a folder holding every file the examples name
  dir = mkdtempSync(join(tmpdir(), 'peerlens-examples-'));
  const write = (name: string, text: string | Buffer): void => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  write('notes/visit-1.md', 'We walked to the library together. She chose the route and told me about her week.\n');
  write('jobs/peer-specialist.md', '- Share your own recovery story when it can help someone feel less alone.\n');
  write('exports/2026/notes.csv', 'note_id,narrative\nn-101,We met at the park and she chose where to sit.\n');
  write('notes.jsonl', '{"id":"a","text":"We walked to the library together."}\n{"id":"b","text":"She told me about her garden."}\n');
  write('visit.md', 'We met at the café she picked. She said the druggies hang out behind the library.\n');
  write(
    'tasks.csv',
    'task\nWalk alongside members as they set goals that matter to them.\nDrive members to appointments and run errands for staff.\n',
  );
  write('duties.jsonl', '{"id":1,"text":"Drive members to appointments and run errands for staff."}\n');
  copyFileSync(join(FIXTURES, 'jobs/peer-specialist.docx'), join(dir, 'job-description.docx'));
  copyFileSync(join(FIXTURES, 'jobs/peer-specialist.docx'), join(dir, 'peer-specialist-jd.docx'));
  mkdirSync(join(dir, 'postings'));
  copyFileSync(join(FIXTURES, 'jobs/peer-specialist.pdf'), join(dir, 'postings/peer-specialist.pdf'));
  // the web app's databases the backup examples copy, and a backup to restore
  for (const data of ['srv-data', 'data']) {
    const db = openDatabase(join(dir, data));
    await migrate(db);
    await db.destroy();
  }
  mkdirSync(join(dir, 'backups'));
  expect(run(`npx peerlens backup --data-dir ./data backups/peerlens-2026-11-22.sqlite`, dir).code).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('every README and --help example', () => {
  it('is known here with its documented exit code', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(examples.filter((e) => !(e.command in EXPECTED)).map((e) => `${e.from}: ${e.command}`)).toEqual([]);
    // and nothing is kept here that no help or README shows any more
    expect(Object.keys(EXPECTED).filter((c) => !examples.some((e) => e.command === c))).toEqual([]);
  });

  it('exits as documented and does what it says', async () => {
    // each in a copy of the folder, two at a time (what one example writes, another does not see)
    const queue = [...new Map(examples.map((e) => [e.command, e])).values()].filter((e) => e.command in EXPECTED);
    const results: { from: string; command: string; cwd: string; ran: Ran }[] = [];
    const worker = async (): Promise<void> => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const cwd = `${dir}-${results.length}-${Math.random().toString(36).slice(2)}`;
        cpSync(dir, cwd, { recursive: true });
        EXPECTED[e.command]?.before?.(cwd);
        results.push({ ...e, cwd, ran: await runAsync(e.command, cwd) });
      }
    };
    await Promise.all([worker(), worker()]);
    for (const { from, command, cwd, ran } of results) {
      const want = EXPECTED[command] as (typeof EXPECTED)[string];
      expect({ from, command, code: ran.code, stderr: ran.code === want.code ? '' : ran.stderr }).toEqual({
        from,
        command,
        code: want.code,
        stderr: '',
      });
      want.then?.(cwd, ran.stdout);
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 180_000);
});
