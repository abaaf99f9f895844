/** The built `peerlens classify` binary, run as a user runs it. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/peerlens.js', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function peerlens(
  args: string[],
  input?: string,
): { code: number | null; stdout: string; stderr: string; lines: Record<string, unknown>[] } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
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
