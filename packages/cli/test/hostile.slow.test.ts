/**
 * Issue 12's hostile files through `peerlens check`, as a user runs it: each is generated into a
 * temporary folder, and the CLI exits 2 within 10 s naming the file and why it was not read. A
 * CSV with bytes that are not UTF-8 is reported line by line, and those rows are not checked.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../../inputs/test/hostile.js';
import { folder, jsonLines, peerlens } from './helpers.js';

const dir = folder({});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES: readonly { name: string; make: () => Buffer; reason: RegExp }[] = [
  { name: 'paragraphs-95mb.docx', make: HOSTILE.docxParagraphs95MB, reason: /more than 2,000,000 characters/ },
  { name: 'nested-10k.docx', make: () => HOSTILE.docxNested(10_000), reason: /nests deeper than 200 levels/ },
  { name: 'nested-2m.docx', make: () => HOSTILE.docxNested(2_000_000), reason: /nests deeper than 200 levels/ },
  { name: 'paragraph-20mb.docx', make: HOSTILE.docxParagraph20MB, reason: /more than 2,000,000 characters/ },
  { name: 'text-stream-200mb.pdf', make: () => HOSTILE.pdfTextStream(200), reason: /decodes to over 32 MB/ },
  { name: 'whitespace-1gb.pdf', make: () => HOSTILE.pdfWhitespace(1024), reason: /decodes to over 32 MB/ },
];

describe('peerlens check on hostile files', () => {
  for (const file of FILES) {
    it(`${file.name}: exit 2 within 10 s, naming the file and the limit`, () => {
      writeFileSync(join(dir, file.name), file.make());
      const started = performance.now();
      const r = peerlens(['check', file.name], { cwd: dir });
      const took = performance.now() - started;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${file.name.replace('.', '\\.')}: .*\\(skipped\\)`));
      expect(r.stderr).toMatch(file.reason);
      expect(took).toBeLessThan(10_000);
    });
  }

  it('all of them at once, beside an ordinary note: each named, the note still checked', () => {
    writeFileSync(join(dir, 'note.txt'), 'We talked about her week and what she wants next.\n');
    const r = peerlens(['check', ...FILES.map((f) => f.name), 'note.txt', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    for (const f of FILES) expect(r.stderr).toContain(`${f.name}: `);
    const report = JSON.parse(r.stdout) as { files: { file: string }[]; summary: { skipped: number } };
    expect(report.files.map((f) => f.file)).toContain('note.txt');
    expect(report.summary.skipped).toBe(FILES.length);
  });
});

describe('peerlens check on a CSV that is not all UTF-8', () => {
  it('names each line with bytes that are not UTF-8 and checks the other rows (none with U+FFFD)', () => {
    const csv = Buffer.concat([
      Buffer.from('id,text\n1,We talked about her week.\n2,Caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from(' at noon with the member.\n3,She set her own goal.\n4,"A note over\ntwo lines '),
      Buffer.from([0xff]),
      Buffer.from('"\n5,The last note.\n'),
    ]);
    writeFileSync(join(dir, 'latin1.csv'), csv);
    const r = peerlens(['check', 'latin1.csv', '-f', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('latin1.csv:3: not valid UTF-8 (byte 0xe9)');
    expect(r.stderr).toContain('latin1.csv:6: not valid UTF-8 (byte 0xff)');
    const records = jsonLines(r.stdout).filter((l) => 'label' in l);
    expect(records.map((l) => l.id)).toEqual(['1', '3', '5']);
    expect(r.stdout).not.toContain('\ufffd');
  });
});
