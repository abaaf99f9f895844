/**
 * Reading in a child process (the built package, as the CLI and the server use it): the same
 * text as in this thread, and every limit the child cannot check itself (time, heap, resident
 * memory, the characters it sends back) ends the read with one problem naming it, while this
 * process goes on. The limits that take long to reach (time, heap, resident memory, issue 12's
 * hostile files) are isolate.slow.test.ts.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CLI_LIMITS, readInThread, readIsolated, SERVER_LIMITS, Slots, type InputEvent, type IsolatedRead } from '@peerlens/inputs';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../../cli/test/fixtures/${name}`, import.meta.url)));

async function all(events: AsyncIterable<InputEvent>): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const codes = (events: InputEvent[]): (string | undefined)[] => events.map((e) => (e.type === 'problem' ? e.problem.code : e.type));

describe('readIsolated', () => {
  it('reads DOCX, PDF, CSV and text exactly as the readers do in this thread', async () => {
    const cases: [string, IsolatedRead['format'], Buffer][] = [
      ['jobs/peer-specialist.docx', 'docx', fixture('jobs/peer-specialist.docx')],
      ['jobs/peer-specialist.pdf', 'pdf', fixture('jobs/peer-specialist.pdf')],
      ['records/notes.csv', 'csv', fixture('records/notes.csv')],
      ['notes/visit-2.md', 'markdown', fixture('notes/visit-2.md')],
    ];
    for (const [name, format, bytes] of cases) {
      const isolated = await all(readIsolated({ name, format, bytes, keepFields: true }));
      const inThread = await all(readInThread({ name, format }, { stdin: Readable.from([bytes]), keepFields: true, limits: CLI_LIMITS }));
      expect(isolated, name).toEqual(inThread);
      expect(isolated.some((e) => e.type === 'record')).toBe(true);
    }
  });

  it('leaves the bytes it was given as they were (it reads a copy)', async () => {
    const bytes = fixture('jobs/peer-specialist.docx');
    const before = Buffer.from(bytes);
    await all(readIsolated({ name: 'a.docx', format: 'docx', bytes }));
    expect(bytes.equals(before)).toBe(true);
  });

  it('stops a document at the character cap, whatever its format', async () => {
    const text = Buffer.from('A line of a note.\n'.repeat(40_000)); // 720,000 characters
    expect(codes(await all(readIsolated({ name: 'long.txt', format: 'text', bytes: text, limits: SERVER_LIMITS })))).toEqual(['chars']);
    expect(codes(await all(readIsolated({ name: 'long.txt', format: 'text', bytes: text, limits: CLI_LIMITS })))).toEqual(['record']);
  });

  it('runs at most as many children at once as its slots allow', async () => {
    const slots = new Slots(1);
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, slots.busy)), 5);
    const read = (): Promise<InputEvent[]> => all(readIsolated({ name: 'a.txt', format: 'text', bytes: Buffer.from('hello') }, slots));
    const results = await Promise.all([read(), read(), read()]);
    clearInterval(watch);
    expect(results.map(codes)).toEqual([['record'], ['record'], ['record']]);
    expect(most).toBe(1);
    expect(slots.busy).toBe(0);
  });
});
