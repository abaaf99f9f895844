/** Reading the labelled corpus (corpus/README.md). */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface NoteItem {
  id: string;
  style: string;
  text: string;
  label: 'peer' | 'overlap' | 'clinical' | 'neutral';
}
export interface DutyItem {
  id: string;
  style: string;
  text: string;
  label: 'peer' | 'overlap' | 'clinical' | 'conflict' | 'errand';
}
export interface LanguageItem {
  id: string;
  style: string;
  text: string;
  flag: boolean;
  terms: string[];
}

export type Part = 'tune' | 'test';
export const CORPUS = join(import.meta.dirname, '..', 'corpus');

export function readJsonl<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${(e as Error).message}`, { cause: e });
      }
    });
}

export function readPart<T>(kind: 'notes' | 'duties' | 'language', part: Part): T[] {
  return readJsonl<T>(join(CORPUS, kind, `${part}.jsonl`));
}

/** FNV-1a: a stable hash of an id, for the one-time split. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface Labelled {
  /** The source an item was read from, for leaving whole sources out. */
  group?: string;
}
export interface Dataset {
  name: string;
  notes: (NoteItem & Labelled)[];
  duties: (DutyItem & Labelled)[];
  language: (LanguageItem & Labelled)[];
}

const NOTE_LABELS = new Set(['peer', 'overlap', 'clinical', 'neutral']);
const DUTY_LABELS = new Set(['peer', 'overlap', 'clinical', 'conflict', 'errand']);

/**
 * A labelled file (or every .jsonl file of a folder) of one's own: records in the corpus shapes,
 * each with `type` note | duty | language (inferred from its fields when missing). Throws with
 * file and line on a record that cannot be scored.
 */
export function readLabelled(path: string): Dataset {
  const paths = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const d: Dataset = { name: path.replace(/\/+$/, ''), notes: [], duties: [], language: [] };
  for (const p of paths) {
    readJsonl<Record<string, unknown>>(p).forEach((r, i) => {
      const where = `${p}:${i + 1}`;
      if (typeof r.text !== 'string') throw new Error(`${where}: no "text"`);
      const id = typeof r.id === 'string' ? r.id : where;
      const group = typeof r.group === 'string' ? r.group : undefined;
      const base = { id, style: typeof r.kind === 'string' ? r.kind : String(r.style ?? ''), text: r.text, ...(group ? { group } : {}) };
      const type = r.type ?? (typeof r.flag === 'boolean' ? 'language' : r.label === 'conflict' || r.label === 'errand' ? 'duty' : 'note');
      if (type === 'language') {
        if (typeof r.flag !== 'boolean') throw new Error(`${where}: a language item needs "flag": true or false`);
        const terms = Array.isArray(r.terms) ? r.terms.map(String) : [];
        d.language.push({ ...base, flag: r.flag, terms });
      } else if (type === 'duty') {
        if (!DUTY_LABELS.has(String(r.label)))
          throw new Error(`${where}: duty label "${String(r.label)}" is not one of ${[...DUTY_LABELS].join(', ')}`);
        d.duties.push({ ...base, label: r.label as DutyItem['label'] });
      } else if (type === 'note') {
        if (!NOTE_LABELS.has(String(r.label)))
          throw new Error(`${where}: note label "${String(r.label)}" is not one of ${[...NOTE_LABELS].join(', ')}`);
        d.notes.push({ ...base, label: r.label as NoteItem['label'] });
      } else throw new Error(`${where}: type "${String(type)}" is not note, duty or language`);
    });
  }
  return d;
}
