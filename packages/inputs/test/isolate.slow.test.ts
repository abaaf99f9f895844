/**
 * Reading in a child process, the slow part (`npm run test:slow`): a parse that outruns the wall
 * clock (with bounds on time), a child past its heap or resident memory, and issue 12's hostile
 * files ended in the child's pre-check (figures printed). The rest is isolate.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLI_LIMITS, readIsolated, SERVER_LIMITS, type InputEvent, type IsolatedRead, type ReadStats } from '@peerlens/inputs';
import { describe, expect, it } from 'vitest';
import { HOSTILE } from './hostile.js';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../../cli/test/fixtures/${name}`, import.meta.url)));

async function all(events: AsyncIterable<InputEvent>): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const codes = (events: InputEvent[]): (string | undefined)[] => events.map((e) => (e.type === 'problem' ? e.problem.code : e.type));

describe('readIsolated', () => {
  it('ends a parse that outruns the wall clock, and this thread keeps its time meanwhile', async () => {
    // past its pre-check (streams of any size allowed), one page of 16 MB of text keeps pdf.js busy for
    // seconds; 8 MB against 1.5 s once finished in time on a quiet CI machine, so the margin is now wide
    const limits = { ...SERVER_LIMITS, maxStreamBytes: 1e9, timeoutMs: 700 };
    const bytes = HOSTILE.pdfTextStream(16);
    let worst = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const events = await all(readIsolated({ name: 'page.pdf', format: 'pdf', bytes, limits }));
    const took = performance.now() - started;
    clearInterval(tick);
    expect(codes(events)).toEqual(['time']);
    expect(events[0]?.type === 'problem' && events[0].problem.file).toBe('page.pdf');
    expect(took).toBeLessThan(3000);
    expect(worst).toBeLessThan(250);
  });

  it("ends a child that runs out of its heap ('memory'), and one past its resident-memory ceiling", async () => {
    // 95 MB of XML let through every pre-check: mammoth cannot hold it in 32 MB
    const open = { maxChars: 1e9, maxXmlBytes: 1e9, maxExpanded: 1e9, maxElements: 1e9, maxHeapMb: 32, timeoutMs: 60_000 };
    const heap = await all(
      readIsolated({ name: 'big.docx', format: 'docx', bytes: HOSTILE.docxParagraphs95MB(), limits: { ...SERVER_LIMITS, ...open } }),
    );
    expect(codes(heap)).toEqual(['memory']);
    const rss = await all(
      readIsolated({ name: 'a.pdf', format: 'pdf', bytes: fixture('jobs/peer-specialist.pdf'), limits: { ...SERVER_LIMITS, maxRssMb: 1 } }),
    );
    expect(codes(rss)).toEqual(['memory']);
  });

  it("ends each of issue 12's files in its child's pre-check, the child far under its memory cap (figures printed)", async () => {
    const files: [string, IsolatedRead['format'], () => Buffer][] = [
      ['DOCX, ~95 MB of valid paragraphs in its XML', 'docx', HOSTILE.docxParagraphs95MB],
      ['DOCX, 10,000 nested <w:p>', 'docx', () => HOSTILE.docxNested(10_000)],
      ['DOCX, 2,000,000 nested <w:p>', 'docx', () => HOSTILE.docxNested(2_000_000)],
      ['DOCX, one 20 MB paragraph', 'docx', HOSTILE.docxParagraph20MB],
      ['PDF, one page with a 200 MB text stream', 'pdf', () => HOSTILE.pdfTextStream(200)],
      ['PDF, one page of 1 GB of whitespace', 'pdf', () => HOSTILE.pdfWhitespace(1024)],
    ];
    const lines: string[] = [];
    for (const [what, format, make] of files) {
      let generated = performance.now();
      const bytes = make();
      generated = performance.now() - generated;
      for (const [label, limits] of [
        ['server', SERVER_LIMITS],
        ['cli', CLI_LIMITS],
      ] as const) {
        let stats: ReadStats | undefined;
        const events = await all(readIsolated({ name: what, format, bytes, limits }, undefined, (s) => (stats = s)));
        const code = codes(events)[0];
        lines.push(
          `${label.padEnd(6)} ${what} (${(bytes.length / 1024).toFixed(0)} KB, made in ${generated.toFixed(0)} ms): ${code} in ${stats?.ms.toFixed(0)} ms, child peak RSS ${stats?.peakRssMb.toFixed(0)} MB`,
        );
        expect(events).toHaveLength(1);
        expect(['chars', 'depth', 'expansion']).toContain(code);
        expect(stats?.ms).toBeLessThan(10_000);
        expect(stats?.peakRssMb).toBeLessThan(limits.maxRssMb);
      }
    }
    process.stdout.write(`\nissue 12's files, read in a child process:\n${lines.join('\n')}\n`);
  });
});
