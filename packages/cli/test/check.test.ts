/** `peerlens check` end to end: every input format, every reporter, the exit codes and bad input. */
import { describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { folder, jsonLines, peerlens, ruleFor } from './helpers.js';

const FLYER = ruleFor('frequent flyer');
const NONCOMPLIANT = ruleFor('noncompliant');

describe('peerlens check: formats', () => {
  it('plain text: findings as line:col severity message ruleId, with the replacement, the hint and a summary', () => {
    const r = peerlens(['check', 'notes/visit-1.txt']);
    expect(r.code).toBe(0); // warnings only
    expect(r.stdout).toMatch(/^notes\/visit-1\.txt {2}peer \d+% · overlap \d+% · clinical \d+% · neutral \d+% · 3 units$/m);
    expect(r.stdout).toMatch(new RegExp(`^ {2}2:17 +warning +'noncompliant' .* ${NONCOMPLIANT}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ {2}2:50 +warning +'frequent flyer' .* ${FLYER}$`, 'm'));
    expect(r.stdout).toMatch(/^ +replace with: frequent visitor$/m);
    expect(r.stdout).toMatch(/^ +hint: Say what the person is doing and why/m);
    expect(r.stdout).toMatch(/^✖ 2 findings \(0 errors, 2 warnings, 0 info\) in 1 of 1 file/m);
    expect(r.stdout).not.toContain('\x1b['); // no colour when not a terminal
  });

  it('Markdown: code blocks and ignored blocks are not read; positions are those of the file', () => {
    const r = peerlens(['check', 'notes/visit-2.md', '-f', 'json']);
    const file = (JSON.parse(r.stdout) as { files: { findings: { category: string; ruleId: string; start: { line: number } }[] }[] })
      .files[0]!;
    // line 6 is turned off inline, line 11 is in a code block, line 15 under <!-- peerlens ignore -->
    const language = file.findings.filter((f) => f.category === 'language');
    expect(language.map((f) => `${f.ruleId}@${f.start.line}`)).toEqual([`${NONCOMPLIANT}@8`]);
    expect(file.findings.every((f) => f.start.line !== 11 && f.start.line !== 15)).toBe(true);
  });

  it('JSON: every sentence carries its label and why (the cues for it, the words that carried it)', () => {
    const r = peerlens(['check', 'notes/visit-2.md', '-f', 'json']);
    type Why = { cues: { ruleId: string; actual: string }[]; against: unknown[]; words: string[] };
    const file = (JSON.parse(r.stdout) as { files: { sentences: { start: number; label: string; why: Why }[] }[] }).files[0]!;
    expect(file.sentences.length).toBeGreaterThan(3);
    for (const s of file.sentences)
      expect(s.why).toEqual({ cues: expect.any(Array), against: expect.any(Array), words: expect.any(Array) });
    // the walk to the food pantry together reads peer, and says which words made it so
    const walk = file.sentences.find((s) => s.start === 'Visit with Sam'.length + 4)!;
    expect(walk.label).toBe('peer');
    expect(walk.why.cues.length + walk.why.words.length).toBeGreaterThan(0);
  });

  it('CSV: guesses the columns and says so; each row is a record with id, author, date and line', () => {
    const r = peerlens(['check', 'records/notes.csv', '-f', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'records/notes.csv: text from "narrative", id from "note_id", author from "staff", date from "service_date" (guessed;',
    );
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => [l.id, l.line, l.author, l.date])).toEqual([
      ['n1', 2, 'A. Rivera', '2024-03-01'],
      ['n2', 3, 'A. Rivera', '2024-03-04'],
      ['n3', 4, 'B. Osei', '2024-03-05'],
    ]);
    expect(
      (lines[1]!.findings as { category: string; ruleId: string }[]).filter((f) => f.category === 'language').map((f) => f.ruleId),
    ).toEqual([NONCOMPLIANT]);
  });

  it('CSV: named columns are used without a guess; a column that is not there is an input error', () => {
    const ok = peerlens([
      'check',
      'records/notes.csv',
      '-f',
      'jsonl',
      '--text-column',
      'narrative',
      '--id-column',
      'service_date',
      '--author-column',
      'staff',
      '--date-column',
      'service_date',
      '-q',
    ]);
    expect(ok.stderr).toBe('');
    expect(jsonLines(ok.stdout)[0]).toMatchObject({ id: '2024-03-01' });
    const bad = peerlens(['check', 'records/notes.csv', '--text-column', 'body']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('records/notes.csv:1: no column "body" in the header (columns: note_id, staff, service_date, narrative)');
  });

  it('JSON Lines: each line is a record; malformed lines are reported with their line and skipped; exit 2', () => {
    const r = peerlens(['check', 'records/notes.jsonl', '-f', 'jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records/notes.jsonl:2: not valid JSON');
    expect(r.stderr).toContain('records/notes.jsonl:4: expected a JSON object, found an array (skipped)');
    expect(r.stderr).toContain('records/notes.jsonl:5: "text" must be a string, found a number (skipped)');
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.id ?? `error@${String(l.line)}`)).toEqual(['j1', 'error@2', 'j3', 'error@4', 'error@5']);
    expect(lines[2]).toMatchObject({ author: 'Kim', line: 3 });
  });

  it('DOCX and PDF: the text is extracted and checked', () => {
    const r = peerlens(['check', 'jobs/peer-specialist.docx', 'jobs/peer-specialist.pdf', '-f', 'json']);
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { file: string; format: string; profile: { units: number } }[] }).files;
    expect(files.map((f) => [f.file, f.format])).toEqual([
      ['jobs/peer-specialist.docx', 'docx'],
      ['jobs/peer-specialist.pdf', 'pdf'],
    ]);
    // a title, a heading and seven duties: the duties are units
    for (const f of files) expect(f.profile.units).toBeGreaterThanOrEqual(7);
  });

  it('folders recursively, honouring .peerlensignore; an ignored file named on the command line is said to be ignored', () => {
    const dir = folder({
      '.peerlensignore': 'private/\n*.draft.md\n',
      'a.txt': 'He is a frequent flyer.',
      'sub/b.md': '# B\n\nShe is noncompliant.',
      'sub/c.draft.md': 'He is noncompliant.',
      'private/d.txt': 'He is noncompliant.',
      'sub/notes.bin': 'not checked: unknown extension in a folder',
    });
    const r = peerlens(['check', '.', '-f', 'json'], { cwd: dir });
    expect((JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['a.txt', 'sub/b.md']);
    const named = peerlens(['check', 'private/d.txt', 'a.txt'], { cwd: dir });
    expect(named.stderr).toContain('private/d.txt: ignored by .peerlensignore');
    expect(named.code).toBe(0);
    const all = peerlens(['check', '.', '--no-ignore', '-f', 'json'], { cwd: dir });
    expect((JSON.parse(all.stdout) as { files: unknown[] }).files).toHaveLength(4);
  });

  it('globs, and - for standard input (with --input-format)', () => {
    const r = peerlens(['check', 'records/*.csv', '-f', 'json', '-q']);
    expect((JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([
      'records/notes.csv',
      'records/ragged.csv',
    ]);
    const s = peerlens(['check', '-', '-f', 'jsonl', '--input-format', 'jsonl'], { input: '{"id":"s1","text":"He is noncompliant."}\n' });
    expect(s.code).toBe(0);
    expect(jsonLines(s.stdout)[0]).toMatchObject({ file: '<stdin>', id: 's1' });
    const t = peerlens(['check'], { input: 'She is a frequent flyer.' });
    expect(t.stdout).toContain('<stdin>');
    expect(t.stdout).toContain(FLYER);
  });
});

describe('peerlens check: bad input, and the rest of the batch goes on', () => {
  it('a missing, binary, undecodable file, a broken DOCX and PDF, a scanned PDF: each named with its reason; exit 2', () => {
    const r = peerlens(['check', 'missing.txt', 'bad', 'jobs/scanned.pdf', 'notes/visit-1.txt', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.txt: no such file or folder (ENOENT) (skipped)');
    expect(r.stderr).toContain('bad/binary.txt: binary file, not text (skipped)');
    expect(r.stderr).toContain('bad/latin1.txt:2: not valid UTF-8');
    expect(r.stderr).toMatch(/bad\/broken\.docx: a broken DOCX: .+ \(skipped\)/);
    expect(r.stderr).toMatch(/bad\/broken\.pdf: a broken PDF: .+ \(skipped\)/);
    expect(r.stderr).toContain('jobs/scanned.pdf: no text layer in 1 page (a scanned PDF?); run OCR on it first');
    const report = JSON.parse(r.stdout) as {
      files: { file: string; findings?: unknown[]; problems: unknown[] }[];
      summary: { skipped: number };
    };
    expect(report.files.find((f) => f.file === 'notes/visit-1.txt')?.findings).toHaveLength(2);
    expect(report.summary.skipped).toBe(5);
  });

  it('a ragged CSV row is reported with its line; the other rows are checked', () => {
    const r = peerlens(['check', 'records/ragged.csv', '-f', 'jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records/ragged.csv:3: ragged row: 3 fields, the header has 2 (skipped)');
    expect(jsonLines(r.stdout).map((l) => l.id ?? l.error)).toEqual(['r1', 'ragged row: 3 fields, the header has 2', 'r3']);
  });

  it('an unreadable file (no permission) is reported and skipped', () => {
    const dir = folder({ 'locked.txt': 'x', 'ok.txt': 'We met for lunch.' });
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const r = peerlens(['check', 'locked.txt', 'ok.txt'], { cwd: dir });
    // root can read anything; everyone else is told why
    if (process.getuid?.() !== 0) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('locked.txt: permission denied (EACCES) (skipped)');
    } else expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings in');
  });

  it('usage errors exit 2 with help: an unknown reporter, nothing to check on a terminal-less empty input is fine', () => {
    const r = peerlens(['check', 'notes/visit-1.txt', '-f', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are stylish, json, jsonl, markdown, html/);
    const w = peerlens(['check', 'notes/visit-1.txt', '--workers', '0']);
    expect(w.code).toBe(2);
  });
});

describe('peerlens check: exit codes', () => {
  it('0 with warnings only; 1 with --max-warnings exceeded; 1 with an error-severity finding', () => {
    expect(peerlens(['check', 'notes/visit-1.txt', '--max-warnings', '2']).code).toBe(0);
    const over = peerlens(['check', 'notes/visit-1.txt', '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('2 warnings, more than --max-warnings 1 (exit 1)');
    const dir = folder({ '.peerlensrc.json': JSON.stringify({ rules: { [FLYER]: 'error' } }), 'n.txt': 'He is a frequent flyer.' });
    const err = peerlens(['check', 'n.txt'], { cwd: dir });
    expect(err.code).toBe(1);
    expect(err.stdout).toMatch(new RegExp(`1:9 +error +.*${FLYER}`));
  });
});

describe('peerlens check: reporters', () => {
  it('json: the finding shape of docs/design.md and each file profile; records for CSV and JSON Lines', () => {
    const r = peerlens(['check', 'notes/visit-1.txt', 'records/notes.csv', '-f', 'json', '-q']);
    const report = JSON.parse(r.stdout) as {
      command: string;
      files: {
        file: string;
        label?: string;
        profile: { units: number; shares: Record<string, number> };
        findings?: Record<string, unknown>[];
        records?: { id: string; findings: unknown[] }[];
      }[];
      summary: { files: number; warnings: number };
    };
    expect(report.command).toBe('check');
    const [text, csv] = report.files;
    expect(text!.profile.units).toBe(3);
    expect(text!.findings![0]).toMatchObject({
      category: 'language',
      severity: 'warning',
      ruleId: NONCOMPLIANT,
      start: { line: 2, column: 17, offset: expect.any(Number) },
      end: { line: 2, column: 29 },
      actual: 'noncompliant',
      message: expect.any(String),
      // no words fit in place of "noncompliant" alone: the advice is a hint, never text to insert
      expected: [],
      hints: [expect.stringMatching(/^Say what the person is doing and why/)],
      note: expect.any(String),
      dimension: 'language',
    });
    expect(text!.findings![1]).toMatchObject({ actual: 'frequent flyer', expected: ['frequent visitor'] });
    expect(csv!.records!.map((x) => x.id)).toEqual(['n1', 'n2', 'n3']);
    expect(csv!.profile.units).toBe(3);
    expect(report.summary).toMatchObject({ files: 2, warnings: 3 });
  });

  it('markdown: a shareable report with the profile, findings by dimension and role conflicts', () => {
    const r = peerlens(['check', 'notes/visit-1.txt', 'jobs/tasks.txt', '-f', 'markdown']);
    expect(r.stdout).toMatch(/^# PeerLens report$/m);
    expect(r.stdout).toContain('## notes/visit-1.txt');
    expect(r.stdout).toMatch(/\| perspective \| units \| share \|/);
    expect(r.stdout).toMatch(/^#### Language \(2\)$/m);
    expect(r.stdout).toMatch(
      new RegExp(
        `^- line 2:50 — \\*\\*warning\\*\\* 'frequent flyer' .*\\(\`${FLYER}\`\\)\\. Replace with: \\*frequent visitor\\*\\.`,
        'm',
      ),
    );
    expect(r.stdout).toContain('## jobs/tasks.txt');
  });

  it('html: one self-contained page, the text highlighted and the findings in the margin', () => {
    const dir = folder({});
    const out = join(dir, 'report.html');
    const r = peerlens(['check', 'notes/visit-1.txt', '-f', 'html', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const page = readFileSync(out, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|https?:\/\//);
    expect(page).toMatch(/<mark class="warning">noncompliant<\/mark><sup>1<\/sup>/);
    expect(page).toMatch(/<aside class="margin"><ol><li value="1">/);
    expect(page).toContain('class="s-');
  });

  it('html escapes the text it shows', () => {
    const dir = folder({ 'x.txt': 'We met <b>today</b> & he is noncompliant.' });
    const page = peerlens(['check', 'x.txt', '-f', 'html'], { cwd: dir }).stdout;
    expect(page).toContain('&lt;b&gt;today&lt;/b&gt; &amp;');
    expect(page).not.toContain('<b>today');
  });

  it('colour only when asked or on a terminal', () => {
    expect(peerlens(['check', 'notes/visit-1.txt', '--color']).stdout).toContain('\x1b[');
    expect(peerlens(['check', 'notes/visit-1.txt']).stdout).not.toContain('\x1b[');
  });
});

describe('peerlens check: big batches', () => {
  it('a worker pool gives the same results, in input order, as one thread', () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++)
      lines.push(JSON.stringify({ id: i, text: i % 3 === 0 ? `Note ${i}: he is noncompliant.` : `Note ${i}: we met at the park.` }));
    const dir = folder({ 'many.jsonl': `${lines.join('\n')}\n` });
    const one = peerlens(['check', 'many.jsonl', '-f', 'jsonl', '--workers', '1'], { cwd: dir });
    const two = peerlens(['check', 'many.jsonl', '-f', 'jsonl', '--workers', '2', '--batch-size', '16'], { cwd: dir });
    expect(two.code).toBe(0);
    expect(jsonLines(two.stdout).map((l) => l.id)).toEqual(Array.from({ length: 400 }, (_, i) => i));
    expect(two.stdout).toBe(one.stdout);
  });

  it('a JSON Lines file read in chunks by the workers gives the same lines, problems and exit code as one thread', () => {
    // over 1 MB, so the workers read several chunks; a byte-order mark, CRLF line ends, a guessed
    // text column, bad lines scattered through it, and no line feed after the last line
    const lines: string[] = [];
    const pad = 'We walked to the library and talked about what she wants from the week. '.repeat(4);
    for (let i = 0; i < 3000; i++) {
      if (i % 401 === 7) lines.push('{"broken');
      else if (i % 503 === 11) lines.push('[1, 2]');
      else if (i % 211 === 5) lines.push('');
      else
        lines.push(JSON.stringify({ note_id: `n${i}`, narrative: i % 3 === 0 ? `${pad} He is noncompliant.` : pad, staff: `s${i % 4}` }));
    }
    const dir = folder({ 'big.jsonl': `\ufeff${lines.join('\r\n')}` });
    const one = peerlens(['check', 'big.jsonl', '-f', 'jsonl', '--workers', '1'], { cwd: dir });
    const two = peerlens(['check', 'big.jsonl', '-f', 'jsonl', '--workers', '2'], { cwd: dir });
    expect(one.code).toBe(2);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr).toContain('reading the text from "narrative"');
    expect(two.stderr).toContain('big.jsonl:8: not valid JSON');
    const out = jsonLines(two.stdout);
    expect(out.filter((l) => 'error' in l)).toHaveLength(two.stderr.split('(skipped)').length - 1);
    expect(out.at(-1)).toMatchObject({ id: 'n2999', line: 3000 });
    // the chunked reader agrees with the record-by-record one the other reporters use
    const json = JSON.parse(peerlens(['check', 'big.jsonl', '-f', 'json'], { cwd: dir }).stdout) as {
      files: { records: { id: unknown; line: number; label: string; findings: unknown[] }[] }[];
    };
    const records = out.filter((l) => !('error' in l)) as { id: unknown; line: number; label: string; findings: unknown[] }[];
    const pick = (r: { id: unknown; line: number; label: string; findings: unknown[] }) => [r.id, r.line, r.label, r.findings.length];
    expect(json.files[0]?.records.map(pick)).toEqual(records.map(pick));
  });

  it('--stats reports throughput and memory; --progress draws items, MB/s and time left on stderr', () => {
    const dir = folder({ 'n.jsonl': '{"id":1,"text":"We met."}\n{"id":2,"text":"He is noncompliant."}\n' });
    const r = peerlens(['check', 'n.jsonl', '--stats', '--progress', '-f', 'jsonl'], { cwd: dir });
    expect(r.stderr).toMatch(
      /peerlens: stats: 1 files, 2 records, [\d.]+ MB in [\d.]+ s \([\d.]+ MB\/s, \d+ records\/s\), 1 worker, peak RSS \d+ MB/,
    );
    expect(r.stderr).toMatch(/2 items · [\d.]+ MB\/s · 100% · [\d:-]+ left/);
    const q = peerlens(['check', 'n.jsonl', '-q', '-f', 'jsonl'], { cwd: dir });
    expect(q.stderr).toBe('');
  });

  it('writes large output without losing any of it', () => {
    const dir = folder({});
    const big = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: 'He is noncompliant and a frequent flyer.' })).join(
      '\n',
    );
    writeFileSync(join(dir, 'big.jsonl'), big);
    const r = peerlens(['check', 'big.jsonl', '-f', 'jsonl'], { cwd: dir });
    expect(jsonLines(r.stdout)).toHaveLength(3000);
  });
});
