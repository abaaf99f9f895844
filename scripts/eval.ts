/**
 * Accuracy on the labelled corpus: precision, recall and F1 per label, macro-F1 and the
 * confusions for notes and duties; sentence-level precision, recall and F1 and term recall
 * for language. Classifies through classifyRecord, the function `peerlens classify` uses.
 *
 *   npm run eval                 both parts, test part last
 *   npm run eval -- --part tune --errors    the tuning part with its mistakes listed
 *   npm run eval -- --json       figures as JSON
 */
import { parseArgs } from 'node:util';
import { classifyRecord } from '../packages/core/src/index.js';
import { readPart, type DutyItem, type LanguageItem, type NoteItem, type Part } from './corpus.js';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'both' },
    errors: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const parts: Part[] = values.part === 'both' ? ['tune', 'test'] : [values.part as Part];
if (values.errors && parts.includes('test')) {
  console.error('eval: --errors lists mistakes of the tuning part only (use --part tune); the test part is not tuned on.');
  process.exit(2);
}

interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

function scoreLabels(
  labels: readonly string[],
  gold: string[],
  predicted: string[],
): { perLabel: LabelScore[]; macroF1: number; accuracy: number; confusion: Record<string, Record<string, number>> } {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  gold.forEach((g, i) => {
    const row = confusion[g];
    const p = predicted[i] as string;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  const perLabel = labels.map((l) => {
    const tp = gold.filter((g, i) => g === l && predicted[i] === l).length;
    const fp = gold.filter((g, i) => g !== l && predicted[i] === l).length;
    const fn = gold.filter((g, i) => g === l && predicted[i] !== l).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label: l, precision, recall, f1, support: tp + fn };
  });
  const present = perLabel.filter((s) => s.support > 0);
  const macroF1 = present.reduce((a, s) => a + s.f1, 0) / Math.max(1, present.length);
  const accuracy = gold.filter((g, i) => g === predicted[i]).length / Math.max(1, gold.length);
  return { perLabel, macroF1, accuracy, confusion };
}

const f = (x: number): string => x.toFixed(3);

function printLabels(title: string, labels: readonly string[], r: ReturnType<typeof scoreLabels>, n: number): void {
  console.log(`\n${title} (${n} items)`);
  console.log(`  ${'label'.padEnd(10)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`);
  for (const s of r.perLabel)
    console.log(
      `  ${s.label.padEnd(10)} ${f(s.precision).padStart(6)} ${f(s.recall).padStart(6)} ${f(s.f1).padStart(6)} ${String(s.support).padStart(5)}`,
    );
  console.log(`  macro-F1 ${f(r.macroF1)}   accuracy ${f(r.accuracy)}`);
  console.log(`  confusions (gold → predicted):`);
  console.log(`    ${''.padEnd(10)}${labels.map((l) => l.slice(0, 8).padStart(9)).join('')}`);
  for (const g of labels) console.log(`    ${g.padEnd(10)}${labels.map((p) => String(r.confusion[g]?.[p] ?? 0).padStart(9)).join('')}`);
}

const NOTE_LABELS = ['peer', 'overlap', 'clinical', 'neutral'] as const;
const DUTY_LABELS = ['peer', 'overlap', 'clinical', 'conflict', 'errand'] as const;
const report: Record<string, unknown> = {};

for (const part of parts) {
  if (!values.json) {
    console.log(`\n=== ${part} part ===`);
    if (part === 'tune')
      console.log('(the tuning part also trained the corpus evidence, so these figures are optimistic; the test part is the measure)');
  }
  // Notes
  const notes = readPart<NoteItem>('notes', part);
  const notePred = notes.map((n) => classifyRecord(n.id, n.text, 'note'));
  const noteScore = scoreLabels(
    NOTE_LABELS,
    notes.map((n) => n.label),
    notePred.map((p) => p.label),
  );
  // Duties
  const duties = readPart<DutyItem>('duties', part);
  const dutyPred = duties.map((d) => classifyRecord(d.id, d.text, 'duty'));
  const dutyScore = scoreLabels(
    DUTY_LABELS,
    duties.map((d) => d.label),
    dutyPred.map((p) => p.label),
  );
  // Language
  const language = readPart<LanguageItem>('language', part);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let terms = 0;
  let termsFound = 0;
  const languageErrors: string[] = [];
  for (const item of language) {
    const found = classifyRecord(item.id, item.text, 'note').findings.filter((x) => x.category === 'language');
    const flagged = found.length > 0;
    if (flagged && item.flag) tp++;
    else if (flagged && !item.flag) fp++;
    else if (!flagged && item.flag) fn++;
    if (item.flag) {
      for (const term of item.terms) {
        terms++;
        const at = item.text.indexOf(term);
        const hit = found.some((x) => x.start.offset < at + term.length && at < x.end.offset);
        if (hit) termsFound++;
        else if (values.errors) languageErrors.push(`  missed term "${term}": ${item.text}`);
      }
    }
    if (values.errors && flagged && !item.flag)
      languageErrors.push(`  false flag ${found.map((x) => `"${x.actual}" (${x.ruleId})`).join(', ')}: ${item.text}`);
  }
  const lp = tp + fp === 0 ? 0 : tp / (tp + fp);
  const lr = tp + fn === 0 ? 0 : tp / (tp + fn);
  const lf = lp + lr === 0 ? 0 : (2 * lp * lr) / (lp + lr);
  const termRecall = terms === 0 ? 0 : termsFound / terms;
  report[part] = {
    notes: {
      n: notes.length,
      macroF1: noteScore.macroF1,
      accuracy: noteScore.accuracy,
      perLabel: noteScore.perLabel,
      confusion: noteScore.confusion,
    },
    duties: {
      n: duties.length,
      macroF1: dutyScore.macroF1,
      accuracy: dutyScore.accuracy,
      perLabel: dutyScore.perLabel,
      confusion: dutyScore.confusion,
    },
    language: { n: language.length, precision: lp, recall: lr, f1: lf, termRecall, terms },
  };
  if (values.json) continue;
  printLabels('Notes', NOTE_LABELS, noteScore, notes.length);
  printLabels('Duties', DUTY_LABELS, dutyScore, duties.length);
  console.log(`\nLanguage (${language.length} sentences, ${terms} terms)`);
  console.log(`  sentence-level  P ${f(lp)}  R ${f(lr)}  F1 ${f(lf)}`);
  console.log(`  term recall     ${f(termRecall)} (${termsFound}/${terms})`);
  if (values.errors) {
    console.log('\nNote mistakes (gold → predicted):');
    notes.forEach((n, i) => {
      const p = notePred[i];
      if (p && p.label !== n.label) console.log(`  ${n.label} → ${p.label}  [${n.id}] ${n.text.slice(0, 160).replace(/\n/g, ' ')}`);
    });
    console.log('\nDuty mistakes (gold → predicted):');
    duties.forEach((d, i) => {
      const p = dutyPred[i];
      if (p && p.label !== d.label) console.log(`  ${d.label} → ${p.label}  [${d.id}] ${d.text.slice(0, 160)}`);
    });
    console.log('\nLanguage mistakes:');
    for (const e of languageErrors) console.log(e);
  }
}
if (values.json) console.log(JSON.stringify(report, null, 2));
