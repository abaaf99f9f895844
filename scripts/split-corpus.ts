/**
 * Splits corpus/<kind>/draft/*.jsonl into tune.jsonl and test.jsonl by a hash of each id
 * (half and half), once, before any rule is measured on them; then the drafts can go.
 *
 *   npm run split-corpus -- notes
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hash, readJsonl } from './corpus.js';

const kinds = process.argv.slice(2);
if (kinds.length === 0) {
  console.error('usage: npm run split-corpus -- <notes|duties|language> …');
  process.exit(2);
}
for (const kind of kinds) {
  const dir = join(CORPUS, kind, 'draft');
  const items: { id: string }[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort())
    items.push(...readJsonl<{ id: string }>(join(dir, f)));
  const ids = new Set<string>();
  for (const i of items) {
    if (ids.has(i.id)) throw new Error(`duplicate id ${i.id} in ${kind}`);
    ids.add(i.id);
  }
  const test = items.filter((i) => hash(i.id) % 2 === 0);
  const tune = items.filter((i) => hash(i.id) % 2 === 1);
  const lines = (xs: object[]): string => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
  writeFileSync(join(CORPUS, kind, 'tune.jsonl'), lines(tune));
  writeFileSync(join(CORPUS, kind, 'test.jsonl'), lines(test));
  console.log(`${kind}: ${tune.length} tune, ${test.length} test`);
}
