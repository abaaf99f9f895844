/**
 * Chooses the training constants of the deciding models (src/tuning.ts) by cross-validation on
 * the TUNING part only, with whole groups left out: an item's group is its style (the register
 * and, for the later rounds, the writer), so a fold is scored on registers it did not train on.
 * For each setting tried beside the one in src/tuning.ts, prints the folds' pooled macro-F1 for
 * notes and duties.
 *
 *   npm run cv                       the settings in src/tuning.ts and a few around them
 *   npm run cv -- --file ../realtext --split   also the dev half of a labelled real-text file
 *                                    (trained on the whole tuning part; the held half is not read)
 */
import { parseArgs } from 'node:util';
import { LEXICON } from '../packages/core/src/generated/lexicon.js';
import { Engine, classifyRecord } from '../packages/core/src/index.js';
import { TUNING } from '../packages/core/src/tuning.js';
import { trainLinear, type LinearOptions } from '../packages/core/scripts/train-linear.js';
import { NOTE_LABELS, DUTY_LABELS, scoreLabels } from './score.js';
import { hash, readLabelled, readPart, type DutyItem, type NoteItem } from './corpus.js';

const { values } = parseArgs({
  options: { file: { type: 'string' }, split: { type: 'boolean', default: false }, folds: { type: 'string', default: '5' } },
});
const FOLDS = Number(values.folds);
const cues = new Engine(LEXICON);
const notes = readPart<NoteItem>('notes', 'tune');
const duties = readPart<DutyItem>('duties', 'tune');
const groupOf = (x: { id: string; style: string }): string => `${x.id.split('-').slice(0, 2).join('-')}:${x.style}`;
const fold = (x: { id: string; style: string }): number => hash(`cv:${groupOf(x)}`) % FOLDS;

const dev = values.file ? readLabelled(values.file) : undefined;
if (dev && values.split)
  for (const k of ['notes', 'duties'] as const)
    (dev[k] as { group?: string; id: string }[]) = dev[k].filter((x) => (hash(`half:${x.group ?? x.id}`) & 1) === 0);

type Setting = { name: string; note: LinearOptions; duty: LinearOptions };
const base: Setting = { name: 'src/tuning.ts', note: TUNING.train.note, duty: TUNING.train.duty };
const vary = (name: string, change: Partial<LinearOptions>): Setting => ({
  name,
  note: { ...base.note, ...change },
  duty: { ...base.duty, ...change },
});
const settings: Setting[] = [
  base,
  vary('l2 ÷ 4', { l2: base.note.l2 / 4 }),
  vary('l2 × 4', { l2: base.note.l2 * 4 }),
  vary('balance 0', { balance: 0 }),
  vary('balance 1', { balance: 1 }),
  vary('minCount 1', { minCount: 1 }),
  vary('minCount 3', { minCount: 3 }),
  vary('norm 8', { norm: 8 }),
  vary('norm 15', { norm: 15 }),
  vary(base.note.stems ? 'no stems' : 'stems', { stems: !base.note.stems }),
  vary('bayes 0', { bayes: 0 }),
  vary('bayes × 2', { bayes: (base.note.bayes ?? 0.05) * 2 }),
  vary('no ignored words', { ignore: [] }),
];

console.log(`${FOLDS}-fold cross-validation by group on the tuning part (${notes.length} notes, ${duties.length} duties)`);
console.log(
  `${'setting'.padEnd(16)} ${'notes'.padStart(6)} ${'duties'.padStart(6)}${dev ? `  ${'dev notes'.padStart(9)} ${'dev duties'.padStart(10)}` : ''}`,
);
for (const s of settings) {
  const noteGold: string[] = [];
  const notePred: string[] = [];
  const dutyGold: string[] = [];
  const dutyPred: string[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const note = trainLinear(
      notes.filter((n) => fold(n) !== k),
      NOTE_LABELS,
      cues,
      'note',
      s.note,
    );
    const duty = trainLinear(
      duties.filter((d) => fold(d) !== k),
      DUTY_LABELS,
      cues,
      'duty',
      s.duty,
    );
    const engine = new Engine(LEXICON, { note, duty });
    for (const n of notes.filter((x) => fold(x) === k)) {
      noteGold.push(n.label);
      notePred.push(classifyRecord(n.id, n.text, 'note', {}, engine).label);
    }
    for (const d of duties.filter((x) => fold(x) === k)) {
      dutyGold.push(d.label);
      dutyPred.push(classifyRecord(d.id, d.text, 'duty', {}, engine).label);
    }
  }
  let extra = '';
  if (dev) {
    const engine = new Engine(LEXICON, {
      note: trainLinear(notes, NOTE_LABELS, cues, 'note', s.note),
      duty: trainLinear(duties, DUTY_LABELS, cues, 'duty', s.duty),
    });
    const n = scoreLabels(
      NOTE_LABELS,
      dev.notes.map((x) => x.label),
      dev.notes.map((x) => classifyRecord(x.id, x.text, 'note', {}, engine).label),
    );
    const d = scoreLabels(
      DUTY_LABELS,
      dev.duties.map((x) => x.label),
      dev.duties.map((x) => classifyRecord(x.id, x.text, 'duty', {}, engine).label),
    );
    extra = `  ${n.macroF1.toFixed(3).padStart(9)} ${d.macroF1.toFixed(3).padStart(10)}`;
  }
  console.log(
    `${s.name.padEnd(16)} ${scoreLabels(NOTE_LABELS, noteGold, notePred).macroF1.toFixed(3).padStart(6)} ${scoreLabels(DUTY_LABELS, dutyGold, dutyPred).macroF1.toFixed(3).padStart(6)}${extra}`,
  );
}
