/** The built `peerlens classify` binary, run as a user runs it. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = fileURLToPath(new URL('../bin/peerlens.js', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function peerlens(
  args: string[],
  input?: string,
): { code: number | null; stdout: string; stderr: string; lines: Record<string, unknown>[] } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

describe('peerlens classify', () => {
  it('writes one JSON line per input line, in order, with labels and findings in the shared shape', () => {
    const input = ['{"id":1,"text":"Pt is noncompliant with his meds."}', '{"id":"two","text":"We met at the library at noon."}'].join(
      '\n',
    );
    const r = peerlens(['classify'], input);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.lines.map((l) => l.id)).toEqual([1, 'two']);
    for (const l of r.lines) {
      expect(['peer', 'overlap', 'clinical', 'neutral']).toContain(l.label);
      expect(typeof l.confidence).toBe('number');
      expect(Array.isArray(l.dimensions)).toBe(true);
    }
    const finding = (r.lines[0]!.findings as Record<string, unknown>[]).find((f) => f.category === 'language');
    expect(finding).toMatchObject({
      severity: expect.stringMatching(/^(error|warning|info)$/),
      ruleId: expect.any(String),
      actual: 'noncompliant',
      start: { line: 1, column: 7, offset: 6 },
      end: { line: 1, column: 19, offset: 18 },
      message: expect.any(String),
      expected: expect.any(Array),
      hints: expect.arrayContaining([expect.any(String)]),
      note: expect.any(String),
      dimension: 'language',
    });
    expect(r.lines[1]!.label).toBe('neutral');
  });

  it('labels a passage as a whole and gives each sentence its own label', () => {
    const r = peerlens(['classify'], '{"id":"p","text":"Pt presents with flat affect. Denies SI/HI. Oriented x3."}\n');
    expect(r.lines[0]!.label).toBe('clinical');
    expect((r.lines[0]!.sentences as unknown[]).length).toBe(3);
  });

  it('reports malformed lines with their numbers, keeps going, and exits 2', () => {
    const r = peerlens(['classify', fixture('mixed.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mixed.jsonl:2: not valid JSON');
    expect(r.stderr).toContain('mixed.jsonl:4: "text" must be a string, found a number');
    expect(r.lines.map((l) => l.id ?? `line ${String(l.line)}`)).toEqual(['a', 'line 2', 'line 4', 'c']);
    expect(r.lines[0]!.label).toBe('peer');
    expect(r.lines[3]!.label).toBe('clinical');
  });

  it('classifies duties with --as duty', () => {
    const input = [
      '{"id":1,"text":"Administer and document medications per MAP."}',
      '{"id":2,"text":"Transport members to appointments and run errands for staff."}',
      '{"id":3,"text":"Share lived experience of recovery to build hope and mutual support."}',
    ].join('\n');
    const r = peerlens(['classify', '--as', 'duty'], input);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.label)).toEqual(['conflict', 'errand', 'peer']);
  });

  it('says clearly when the file cannot be read, and exits 2', () => {
    const r = peerlens(['classify', 'no-such-file.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read no-such-file.jsonl: ENOENT');
  });

  it('rejects an unknown --as with exit 2 and help', () => {
    const r = peerlens(['classify', '--as', 'poem'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are note, duty/);
  });

  it('writes exactly JSON.stringify of each classified record, the same with one worker and with two', async () => {
    const { classifyRecord } = await import('@peerlens/core');
    // notes, duties-like lines and awkward text: quotes, typographic quotes, emoji, a lone surrogate, control characters
    const texts = [
      'Pt presents w/ flat affect, denies SI/HI, A&Ox3. Plan: f/u next week, continue to monitor for decompensation.',
      'We both laughed about how hard the bus schedule is to read.\n\nShe said "I\'m tired of being treated like a diagnosis" and I said I have felt that too.',
      'He is a frequent flyer at the ED and has been manipulative with staff. Counted his meds and logged them in the MAR.',
      'The word “noncompliant” came up 😀; she wants her own apartment.\tTab, \u0001 control, lone \ud800 surrogate.',
      'MENTAL STATUS EXAM:\n- Insight and judgment fair.\n- Thought process linear and goal-directed.',
    ];
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: i % 7 === 0 ? { n: i, tags: ['a', i] } : i,
      text: texts[i % texts.length],
    }));
    const input = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
    const expected = records.map((r) => `${JSON.stringify(classifyRecord(r.id, r.text))}\n`).join('');
    const dir = mkdtempSync(join(tmpdir(), 'peerlens-classify-'));
    try {
      // over 256 KB, so two workers share it in chunks
      const file = join(dir, 'notes.jsonl');
      writeFileSync(file, input.repeat(4));
      const one = peerlens(['classify', '--workers', '1', file]);
      expect(one.code).toBe(0);
      expect(one.stdout).toBe(expected.repeat(4));
      const two = peerlens(['classify', '--workers', '2', file]);
      expect(two.code).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      const piped = peerlens(['classify'], input);
      expect(piped.stdout).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends lines as readline does (\\n, \\r\\n, a lone \\r), skips a BOM and blank lines, and numbers bad lines alike with one worker or two', () => {
    const lines = [
      '\ufeff{"id":"bom","text":"We met at the library."}',
      '',
      '   ',
      '{not json',
      '{"id":2}',
      '{"id":"split",\r"text":"by a lone CR"}',
      '{"id":"last","text":"Plan: continue to monitor for decompensation."}',
    ];
    const lf = peerlens(['classify'], lines.join('\n'));
    expect(lf.code).toBe(2);
    expect(lf.lines.map((l) => l.id ?? `line ${String(l.line)}`)).toEqual(['bom', 'line 4', 'line 5', 'line 6', 'line 7', 'last']);
    expect(lf.stderr).toContain('stdin:4: not valid JSON');
    expect(lf.stderr).toContain('stdin:5: "text" must be a string, found none');
    expect(lf.stderr).toContain('stdin:7: not valid JSON');
    expect(lf.stderr).toContain('4 malformed lines skipped (exit 2)');
    const crlf = peerlens(['classify'], `${lines.join('\r\n')}\r\n`);
    expect(crlf.stdout).toBe(lf.stdout);
    expect(crlf.stderr).toBe(lf.stderr);
    const dir = mkdtempSync(join(tmpdir(), 'peerlens-classify-'));
    try {
      const file = join(dir, 'mixed.jsonl');
      // bad lines on both sides of the chunks' edges
      const many: string[] = [];
      const long = 'We practiced what she wants to say to her psychiatrist about the side effects. '.repeat(3);
      for (let i = 0; i < 1500; i++)
        many.push(
          i % 97 === 0
            ? `{broken ${i}`
            : i % 89 === 0
              ? ''
              : i % 3 === 0
                ? (lines[i % lines.length] as string)
                : JSON.stringify({ id: i, text: long }),
        );
      writeFileSync(file, many.join('\r\n'));
      const one = peerlens(['classify', '--workers', '1', file]);
      const two = peerlens(['classify', '--workers', '2', file]);
      expect(one.code).toBe(2);
      expect(two.code).toBe(2);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr.replaceAll(file, 'F')).toBe(one.stderr.replaceAll(file, 'F'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops quietly, exit 0, when the reader closes the pipe early (| head)', () => {
    const input = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: 'He is noncompliant with meds today.' })).join('\n');
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" classify | head -c 100 > /dev/null`], {
      input,
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.status).toBe(0);
  });
});
