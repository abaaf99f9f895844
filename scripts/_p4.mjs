import { analyze } from '@peerlens/core';
import { readFileSync } from 'node:fs';
const notes = readFileSync('corpus/notes/tune.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);
const docs = [];
for (let i = 0; i < 40; i++) {
  docs.push(notes.slice(i * 9, i * 9 + 9).join(' '));
}
for (let i = 0; i < 200; i++) analyze(docs[i % 40]);
let best = 0;
for (let k = 0; k < 4; k++) {
  let t = performance.now();
  let n = 0;
  for (let r = 0; r < 60; r++)
    for (const d of docs) {
      analyze(d);
      n += d.length;
    }
  const dt = (performance.now() - t) / 1000;
  best = Math.max(best, n / 1e6 / dt);
}
console.log(best.toFixed(2), 'MB/s best of 4');
