/**
 * Accuracy on the labelled corpus and on any labelled file of one's own: precision, recall and
 * F1 per label, macro-F1 and the confusions for notes and duties; sentence-level precision,
 * recall and F1 and term recall for language. Classifies through classifyRecord, the function
 * `peerlens classify` uses.
 *
 *   npm run eval                              both corpus parts, test part last
 *   npm run eval -- --part tune --errors      the tuning part with its mistakes listed
 *   npm run eval -- --file ../realtext        the test part and a labelled file (or folder of
 *                                             .jsonl files) side by side; repeat --file for more
 *   npm run eval -- --file F --split          a file's sources halved by a hash of their group:
 *                                             `dev` (may be looked at) and `held` (may not)
 *   npm run eval -- --json                    figures as JSON
 *
 * A labelled file holds JSON Lines in the corpus shapes (corpus/README.md), each with `type`
 * (`note`, `duty` or `language`; inferred when missing) and optionally `group`, its source.
 */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { classifyRecord } from '../packages/core/src/index.js';
import { hash, readLabelled, readPart, type Dataset, type Part } from './corpus.js';
import { scoreDataset, type DatasetScore } from './score.js';

const { values } = parseArgs({
  options: {
    part: { type: 'string' },
    file: { type: 'string', multiple: true, default: [] },
    split: { type: 'boolean', default: false },
    errors: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const files = values.file ?? [];
const part = values.part ?? (files.length > 0 ? 'test' : 'both');
const parts: Part[] = part === 'both' ? ['tune', 'test'] : part === 'none' ? [] : [part as Part];
if (values.errors && parts.includes('test')) {
  console.error(
    'eval: --errors lists mistakes of the tuning part or of a dev half only (use --part tune, or --part none --file F --split); the test part is not tuned on.',
  );
  process.exit(2);
}

const datasets: Dataset[] = parts.map((p) => ({
  name: p,
  notes: readPart('notes', p),
  duties: readPart('duties', p),
  language: readPart('language', p),
}));
for (const f of files) {
  let d: Dataset;
  try {
    d = readLabelled(f);
  } catch (e) {
    console.error(`eval: ${(e as Error).message}`);
    process.exit(2);
  }
  if (!values.split) {
    datasets.push(d);
    continue;
  }
  // halves by source, so that no source is on both sides
  const half = (g: string | undefined, id: string): 'dev' | 'held' => ((hash(`half:${g ?? id}`) & 1) === 0 ? 'dev' : 'held');
  for (const h of ['dev', 'held'] as const)
    datasets.push({
      name: `${d.name}:${h}`,
      notes: d.notes.filter((x) => half(x.group, x.id) === h),
      duties: d.duties.filter((x) => half(x.group, x.id) === h),
      language: d.language.filter((x) => half(x.group, x.id) === h),
    });
}
if (values.errors && datasets.some((d) => d.name.endsWith(':held'))) {
  // mistakes of a held half are not shown: it is scored, not read
  for (let i = datasets.length - 1; i >= 0; i--) if ((datasets[i] as Dataset).name.endsWith(':held')) datasets.splice(i, 1);
}

const scores: DatasetScore[] = datasets.map((d) =>
  scoreDataset(d, (text, as) => classifyRecord(undefined, text, as), values.errors && !d.name.endsWith(':held')),
);

if (values.json) {
  console.log(JSON.stringify(Object.fromEntries(scores.map((s) => [s.name, s])), null, 2));
} else {
  for (const s of scores) printDataset(s);
  if (scores.length > 1) printSideBySide(scores);
}

function printDataset(s: DatasetScore): void {
  console.log(`\n=== ${s.name} ===`);
  if (s.name === 'tune')
    console.log('(the tuning part also trained the corpus evidence, so these figures are optimistic; the test part is the measure)');
  const f = (x: number): string => x.toFixed(3);
  for (const [title, r] of [
    ['Notes', s.notes],
    ['Duties', s.duties],
  ] as const) {
    if (r.n === 0) continue;
    console.log(`\n${title} (${r.n} items)`);
    console.log(`  ${'label'.padEnd(10)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`);
    for (const l of r.perLabel)
      console.log(
        `  ${l.label.padEnd(10)} ${f(l.precision).padStart(6)} ${f(l.recall).padStart(6)} ${f(l.f1).padStart(6)} ${String(l.support).padStart(5)}`,
      );
    console.log(`  macro-F1 ${f(r.macroF1)}   accuracy ${f(r.accuracy)}`);
    console.log(`  confusions (gold → predicted):`);
    console.log(`    ${''.padEnd(10)}${r.labels.map((l) => l.slice(0, 8).padStart(9)).join('')}`);
    for (const g of r.labels)
      console.log(`    ${g.padEnd(10)}${r.labels.map((p) => String(r.confusion[g]?.[p] ?? 0).padStart(9)).join('')}`);
  }
  const l = s.language;
  if (l.n > 0) {
    console.log(`\nLanguage (${l.n} sentences, ${l.terms} terms)`);
    console.log(`  sentence-level  P ${f(l.precision)}  R ${f(l.recall)}  F1 ${f(l.f1)}`);
    console.log(`  term recall     ${f(l.termRecall)} (${l.termsFound}/${l.terms})`);
  }
  if (s.errors.length > 0) {
    console.log('\nMistakes:');
    for (const e of s.errors) console.log(`  ${e}`);
  }
}

function printSideBySide(all: readonly DatasetScore[]): void {
  const w = Math.max(8, ...all.map((s) => s.name.length)) + 1;
  const cell = (x: number | undefined, n: number): string =>
    (n === 0 || x === undefined ? '—' : Number.isInteger(x) && n === -1 ? String(x) : x.toFixed(3)).padStart(w);
  console.log(`\n=== side by side ===`);
  console.log(`${''.padEnd(22)}${all.map((s) => basename(s.name).padStart(w)).join('')}`);
  const row = (title: string, get: (s: DatasetScore) => [number | undefined, number]): void =>
    console.log(`${title.padEnd(22)}${all.map((s) => cell(...get(s))).join('')}`);
  row('notes n', (s) => [s.notes.n, -1]);
  row('notes macro-F1', (s) => [s.notes.macroF1, s.notes.n]);
  for (const l of ['peer', 'overlap', 'clinical', 'neutral'])
    row(`  ${l} F1`, (s) => {
      const x = s.notes.perLabel.find((p) => p.label === l);
      return [x?.f1, x?.support ?? 0];
    });
  row('duties n', (s) => [s.duties.n, -1]);
  row('duties macro-F1', (s) => [s.duties.macroF1, s.duties.n]);
  for (const l of ['peer', 'overlap', 'clinical', 'conflict', 'errand'])
    row(`  ${l} F1`, (s) => {
      const x = s.duties.perLabel.find((p) => p.label === l);
      return [x?.f1, x?.support ?? 0];
    });
  row('language n', (s) => [s.language.n, -1]);
  row('language F1', (s) => [s.language.f1, s.language.n]);
  row('  precision', (s) => [s.language.precision, s.language.n]);
  row('  recall', (s) => [s.language.recall, s.language.n]);
  row('  term recall', (s) => [s.language.termRecall, s.language.terms]);
}
