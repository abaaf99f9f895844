/**
 * Chooses how much corpus evidence weighs against lexicon cues, by five-fold cross-validation
 * on the TUNING part only: for each fold, the evidence is trained on the other four and the
 * fold is classified. Prints macro-F1 per weight for notes and duties.
 *
 *   npm run cv
 */
import { LEXICON } from '../packages/core/src/generated/lexicon.js';
import { Engine, classifyRecord } from '../packages/core/src/index.js';
import { train, NOTE_LABELS, DUTY_LABELS } from '../packages/core/scripts/train-evidence.js';
import { hash, readPart, type DutyItem, type NoteItem } from './corpus.js';

const FOLDS = 5;
const WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];

function macroF1(labels: readonly string[], gold: string[], predicted: string[]): number {
  let sum = 0;
  let n = 0;
  for (const l of labels) {
    const tp = gold.filter((g, i) => g === l && predicted[i] === l).length;
    const fp = gold.filter((g, i) => g !== l && predicted[i] === l).length;
    const fn = gold.filter((g, i) => g === l && predicted[i] !== l).length;
    if (tp + fn === 0) continue;
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp / (tp + fn);
    sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
    n++;
  }
  return sum / Math.max(1, n);
}

const notes = readPart<NoteItem>('notes', 'tune');
const duties = readPart<DutyItem>('duties', 'tune');
const fold = (id: string): number => (hash(`cv:${id}`) >>> 0) % FOLDS;

console.log(`five-fold cross-validation on the tuning part (${notes.length} notes, ${duties.length} duties)`);
console.log(`${'weight'.padStart(6)}  ${'notes'.padStart(6)}  ${'duties'.padStart(6)}`);
for (const weight of WEIGHTS) {
  const noteGold: string[] = [];
  const notePred: string[] = [];
  const dutyGold: string[] = [];
  const dutyPred: string[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const note = train(
      notes.filter((n) => fold(n.id) !== k),
      NOTE_LABELS,
    );
    const duty = train(
      duties.filter((d) => fold(d.id) !== k),
      DUTY_LABELS,
    );
    const engine = new Engine(LEXICON, { note, duty, weights: { note: weight, duty: weight } });
    for (const n of notes.filter((x) => fold(x.id) === k)) {
      noteGold.push(n.label);
      notePred.push(classifyRecord(n.id, n.text, 'note', {}, engine).label);
    }
    for (const d of duties.filter((x) => fold(x.id) === k)) {
      dutyGold.push(d.label);
      dutyPred.push(classifyRecord(d.id, d.text, 'duty', {}, engine).label);
    }
  }
  console.log(
    `${weight.toFixed(2).padStart(6)}  ${macroF1(NOTE_LABELS, noteGold, notePred).toFixed(3).padStart(6)}  ${macroF1(DUTY_LABELS, dutyGold, dutyPred).toFixed(3).padStart(6)}`,
  );
}
