/** Reading the labelled corpus (corpus/README.md). */
import { readFileSync, existsSync } from 'node:fs';
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
