/** Big JSON Lines files are streamed: memory stays flat as the input grows tenfold. */
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { folder, peerlens } from './helpers.js';

const SENTENCES = [
  'We met at the library and talked about her plans for the spring.',
  'He is noncompliant with his meds per staff.',
  'I shared what helped me when I first moved into my own place.',
  'Pt presents w/ flat affect, denies SI/HI.',
  'She asked me to come with her to the housing office next week.',
];

function writeJsonl(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  let written = 0;
  let i = 0;
  while (written < megabytes * 1e6) {
    const text = Array.from({ length: 12 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
    const line = `${JSON.stringify({ id: i++, text })}\n`;
    writeSync(fd, line);
    written += line.length;
  }
  closeSync(fd);
}

const peakRss = (stderr: string): number => Number(/peak RSS (\d+) MB/.exec(stderr)?.[1]);

describe('streaming', () => {
  it('20 MB of JSON Lines peaks within 80 MB of the memory of 2 MB (a 512 MB heap cap)', () => {
    const dir = folder({});
    writeJsonl(join(dir, 'small.jsonl'), 2);
    writeJsonl(join(dir, 'big.jsonl'), 20);
    const args = ['-f', 'jsonl', '-o', join(dir, 'out.jsonl'), '--stats', '--workers', '1', '-q'];
    const env = { NODE_OPTIONS: '--max-old-space-size=512' };
    const small = peerlens(['check', 'small.jsonl', ...args], { cwd: dir, env });
    const big = peerlens(['check', 'big.jsonl', ...args], { cwd: dir, env });
    expect(big.code).toBe(0);
    expect(big.stderr).toMatch(/stats: 1 files, \d{5,} records, 2\d\.\d\d MB/);
    expect(peakRss(big.stderr) - peakRss(small.stderr)).toBeLessThan(80);
  }, 300_000);
});
