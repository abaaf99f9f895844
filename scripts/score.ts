/** Scoring a labelled dataset: per-label precision, recall and F1, confusions, language term recall. */
import type { ClassifiedRecord } from '../packages/core/src/index.js';
import type { Dataset } from './corpus.js';

export const NOTE_LABELS = ['peer', 'overlap', 'clinical', 'neutral'] as const;
export const DUTY_LABELS = ['peer', 'overlap', 'clinical', 'conflict', 'errand'] as const;

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}
export interface LabelsScore {
  n: number;
  labels: readonly string[];
  perLabel: LabelScore[];
  macroF1: number;
  accuracy: number;
  confusion: Record<string, Record<string, number>>;
}
export interface LanguageScore {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  termRecall: number;
  terms: number;
  termsFound: number;
}
export interface DatasetScore {
  name: string;
  notes: LabelsScore;
  duties: LabelsScore;
  language: LanguageScore;
  errors: string[];
}

export function scoreLabels(labels: readonly string[], gold: readonly string[], predicted: readonly string[]): LabelsScore {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  gold.forEach((g, i) => {
    const row = confusion[g];
    const p = predicted[i] as string;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  const perLabel = labels.map((l) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === l && p === l) tp++;
      else if (p === l) fp++;
      else if (g === l) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label: l, precision, recall, f1, support: tp + fn };
  });
  const present = perLabel.filter((s) => s.support > 0);
  const macroF1 = present.reduce((a, s) => a + s.f1, 0) / Math.max(1, present.length);
  const accuracy = gold.filter((g, i) => g === predicted[i]).length / Math.max(1, gold.length);
  return { n: gold.length, labels, perLabel, macroF1, accuracy, confusion };
}

export type Classify = (text: string, as: 'note' | 'duty') => ClassifiedRecord;

/** Scores one dataset; with `listErrors`, lists its mistakes (never do so for a held-out set). */
export function scoreDataset(d: Dataset, classify: Classify, listErrors = false): DatasetScore {
  const errors: string[] = [];
  const notePred = d.notes.map((n) => classify(n.text, 'note').label);
  const dutyPred = d.duties.map((x) => classify(x.text, 'duty').label);
  if (listErrors) {
    d.notes.forEach((n, i) => {
      if (notePred[i] !== n.label) errors.push(`note ${n.label} → ${notePred[i]}  [${n.id}] ${n.text.slice(0, 200).replace(/\n/g, ' ')}`);
    });
    d.duties.forEach((x, i) => {
      if (dutyPred[i] !== x.label) errors.push(`duty ${x.label} → ${dutyPred[i]}  [${x.id}] ${x.text.slice(0, 200)}`);
    });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let terms = 0;
  let termsFound = 0;
  for (const item of d.language) {
    // a flag is a language finding shown as a warning or an error; information (a person's own words) is not one
    // a language finding counts whether it leads or rides with another on the same words (`also`)
    const found = classify(item.text, 'note')
      .findings.flatMap((x) => [x, ...(x.also ?? [])])
      .filter((x) => x.category === 'language' && x.severity !== 'info');
    const flagged = found.length > 0;
    if (flagged && item.flag) tp++;
    else if (flagged && !item.flag) fp++;
    else if (!flagged && item.flag) fn++;
    if (item.flag) {
      for (const term of item.terms) {
        terms++;
        const at = termAt(item.text, term);
        const hit = found.some((x) => x.start.offset < at + term.length && at < x.end.offset);
        if (hit) termsFound++;
        else if (listErrors) errors.push(`language missed "${term}"  [${item.id}] ${item.text}`);
      }
    }
    if (listErrors && flagged && !item.flag)
      errors.push(`language false flag ${found.map((x) => `"${x.actual}" (${x.ruleId})`).join(', ')}  [${item.id}] ${item.text}`);
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    name: d.name,
    notes: scoreLabels(
      NOTE_LABELS,
      d.notes.map((n) => n.label),
      notePred,
    ),
    duties: scoreLabels(
      DUTY_LABELS,
      d.duties.map((x) => x.label),
      dutyPred,
    ),
    language: { n: d.language.length, precision, recall, f1, termRecall: terms === 0 ? 0 : termsFound / terms, terms, termsFound },
    errors,
  };
}

/**
 * Where a labelled term stands in its sentence: its first whole-word occurrence ("addict" in
 * "the addiction made the addict …" is the second), else its first occurrence at all.
 */
export function termAt(text: string, term: string): number {
  const letter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1))
    if (!(letter(term[0]) && letter(text[at - 1])) && !(letter(term[term.length - 1]) && letter(text[at + term.length]))) return at;
  return text.indexOf(term);
}
