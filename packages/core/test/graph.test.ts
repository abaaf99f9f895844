/** The compiled phrase graph matches exactly what the plain trie of every expanded phrase matches. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildGraph } from '../src/match/graph.js';
import { Matcher } from '../src/match/matcher.js';

const phrases: [string[], number][] = [];
const verbs = ['give', 'gives', 'administer', 'administers', 'pass'];
const objects = ['meds', 'medication', 'medications'];
const people = ['members', 'clients', 'residents'];
for (const v of verbs) for (const o of objects) for (const p of people) phrases.push([[v, o, 'to', p], 0]);
for (const v of verbs) for (const o of objects) phrases.push([[v, o], 1]);
phrases.push([['frequent', 'flyer'], 2], [['<num>', 'mg'], 3], [['denies', 'si', 'hi'], 4], [['si'], 5]);

const vocabulary = [
  'give',
  'pass',
  'meds',
  'to',
  'members',
  'clients',
  'frequent',
  'flyer',
  '10',
  'mg',
  'denies',
  'si',
  'hi',
  'the',
  'administer',
  'medication',
];

describe('phrase graph', () => {
  it('merges the shared tails of a product of alternatives', () => {
    const graph = buildGraph(phrases);
    expect(graph.nodes.length).toBeLessThan(20);
    expect(graph.maxLength).toBe(4);
  });

  it('finds the same matches as the plain trie on any token sequence', () => {
    const plain = new Matcher(phrases);
    const compiled = new Matcher([], buildGraph(phrases));
    const key = (m: { entry: number; first: number; last: number }): string => `${m.entry}@${m.first}-${m.last}`;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }), (words) => {
        const a = plain.matchWords(words, 0, words.length).map(key).sort();
        const b = compiled.matchWords(words, 0, words.length).map(key).sort();
        expect(b).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });
});
