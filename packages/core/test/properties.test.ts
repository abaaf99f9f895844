/**
 * Properties that hold for any string: no throw, every offset inside the text and in order,
 * positions that agree with the offsets. That time grows in proportion to the input is
 * linear-time.slow.test.ts (`npm run test:slow`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, classifyDuty, reviewRole } from '../src/index.js';
import { segment } from '../src/text/segment.js';
import { tokenize } from '../src/text/tokenize.js';

// Strings built from pieces that matter to the analyzer, plus any Unicode at all.
const pieces = [
  'Pt',
  ' ',
  '. ',
  '\n',
  '\n\n',
  '"',
  '“',
  '”',
  "'",
  '’',
  '-',
  '•',
  '1. ',
  'S: ',
  'A:',
  'not ',
  'the word ',
  'denies SI/HI',
  'frequent flyer',
  'noncompliant',
  'I shared my own experience',
  'administer meds',
  '500mg',
  'F20.9',
  '😀',
  '\u0301',
  '\u200b',
  '\u202e',
  'İ',
  '\uD800',
  '\r\n',
];
const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((xs) => xs.join('')),
);

describe('for any string', () => {
  it('tokens and units lie inside the text, in order', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        let last = 0;
        for (const t of tokenize(text)) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(text.length);
          last = t.end;
        }
        last = 0;
        for (const u of segment(text)) {
          expect(u.start).toBeGreaterThanOrEqual(last);
          expect(u.end).toBeGreaterThan(u.start);
          expect(u.end).toBeLessThanOrEqual(text.length);
          last = u.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('analyze never throws, and every finding points at its own text with matching line and column', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const a = analyze(text);
        let previous = -1;
        for (const f of a.findings) {
          expect(f.start.offset).toBeGreaterThanOrEqual(0);
          expect(f.end.offset).toBeGreaterThan(f.start.offset);
          expect(f.end.offset).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start.offset, f.end.offset)).toBe(f.actual);
          const before = text.slice(0, f.start.offset).split(/\r\n|\r|\n|\u2028|\u2029/);
          expect(f.start.line).toBe(before.length);
          expect(f.start.column).toBe((before.at(-1) ?? '').length + 1);
          // one finding per place: a finding starts where the one before it ended, or later
          expect(f.start.offset).toBeGreaterThanOrEqual(previous);
          previous = f.end.offset;
          for (const r of f.expected) expect(r.length).toBeGreaterThan(0);
        }
        for (const s of a.sentences) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(['peer', 'overlap', 'clinical', 'neutral']).toContain(s.label);
          expect(s.confidence).toBeGreaterThan(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
        }
        const shares = Object.values(a.profile.shares).reduce((x, y) => x + y, 0);
        if (a.profile.units > 0) expect(shares).toBeCloseTo(1, 2);
      }),
      { numRuns: 400 },
    );
  });

  it('classifyDuty and reviewRole never throw and give a known label', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(['peer', 'overlap', 'clinical', 'conflict', 'errand']).toContain(classifyDuty(text).label);
        for (const d of reviewRole(text).duties) expect(text.slice(d.start, d.end)).toBe(d.text);
      }),
      { numRuns: 200 },
    );
  });
});
