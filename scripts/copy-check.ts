/**
 * Finds copied text: any run of ten or more words that the corpus, the lexicon or the docs
 * share with a folder of real text read for learning (kept outside the repository). The
 * project holds only its own words; facts and counts may go in, sentences may not. Ten words,
 * so that stock phrases of the trade ("alert and oriented to person, place and time") do not
 * count; addresses (a source's URL, whose slug repeats its title) are not read.
 *
 *   npm run copy-check -- ../realtext            every .jsonl "text" and every .md/.txt in it
 *
 * Exit 0 when nothing is shared, 1 when something is (each listed with file and line), 2 on a
 * usage problem.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const N = 10;
const against = process.argv[2];
if (!against) {
  console.error('usage: npm run copy-check -- PATH   (a folder or file of real text kept outside the repository)');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');

function files(path: string, keep: (f: string) => boolean): string[] {
  if (!statSync(path).isDirectory()) return keep(path) ? [path] : [];
  return readdirSync(path, { recursive: true })
    .map(String)
    .filter((f) => !f.includes('node_modules') && keep(f))
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
}

const words = (s: string): string[] =>
  s
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .toLowerCase()
    .match(/[a-z0-9']+/g) ?? [];
function grams(s: string): string[] {
  const w = words(s);
  const out: string[] = [];
  for (let i = 0; i + N <= w.length; i++) out.push(w.slice(i, i + N).join(' '));
  return out;
}

// the real text: each .jsonl record's text, and the prose of .md / .txt files
const real = new Set<string>();
for (const f of files(against, (x) => /\.(jsonl|md|txt)$/.test(x))) {
  const body = readFileSync(f, 'utf8');
  if (f.endsWith('.jsonl')) {
    for (const line of body.split('\n')) {
      if (!line.trim()) continue;
      try {
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text === 'string') for (const g of grams(text)) real.add(g);
      } catch {
        // a line that is not JSON is not text we read
      }
    }
  }
}

let shared = 0;
const mine = [
  ...files(join(root, 'corpus'), (x) => x.endsWith('.jsonl')),
  ...files(join(root, 'packages/core/lexicon'), (x) => x.endsWith('.yml')),
  ...files(join(root, 'docs'), (x) => x.endsWith('.md')),
];
for (const f of mine) {
  readFileSync(f, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const g of grams(line))
        if (real.has(g)) {
          shared++;
          console.log(`${relative(root, f)}:${i + 1}: shares "${g}"`);
          break;
        }
    });
}
console.log(
  `${shared === 0 ? 'no' : shared} line${shared === 1 ? '' : 's'} sharing ${N} words in a row with ${against} (${real.size} word runs read)`,
);
process.exit(shared === 0 ? 0 : 1);
