/**
 * A token trie over every phrase of the lexicon. Matching walks the trie from each token,
 * so the time is linear in the number of tokens (times the longest phrase), whatever the
 * number of phrases. Token classes (`<num>`, `<dose>`, `<icd>`) are edges tried after the
 * exact ones.
 */
import { inClass } from '../lexicon/expand.js';
import type { PhraseGraph } from './graph.js';

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  classes: [string, TrieNode][] | null;
  ends: number[] | null;
}

function node(): TrieNode {
  return { next: new Map(), classes: null, ends: null };
}

export interface Match {
  /** Index of the entry (or of the allow phrase). */
  readonly entry: number;
  /** First and last token, inclusive. */
  readonly first: number;
  readonly last: number;
}

export class Matcher {
  private readonly root = node();
  readonly vocabulary = new Set<string>();
  private maxLength = 0;

  constructor(phrases: readonly (readonly [readonly string[], number])[] = [], graph?: PhraseGraph) {
    if (graph) this.load(graph);
    for (const [tokens, entry] of phrases) this.add(tokens, entry);
  }

  /** Loads a compiled phrase graph (match/graph.ts) as the root of this matcher. */
  private load(graph: PhraseGraph): void {
    const built: TrieNode[] = graph.nodes.map((_, i) => (i === 0 ? this.root : node()));
    graph.nodes.forEach((data, i) => {
      const at = built[i] as TrieNode;
      let k = 0;
      const endCount = data[k++] as number;
      if (endCount > 0) at.ends = data.slice(k, k + endCount) as number[];
      k += endCount;
      const edgeCount = data[k++] as number;
      for (let e = 0; e < edgeCount; e++) {
        const token = graph.strings[data[k++] as number] as string;
        const childIndex = data[k++] as number;
        const child = built[childIndex] as TrieNode;
        if (token.startsWith('<')) (at.classes ??= []).push([token, child]);
        else {
          at.next.set(token, child);
          this.vocabulary.add(token);
        }
      }
    });
    this.maxLength = Math.max(this.maxLength, graph.maxLength);
  }

  private add(tokens: readonly string[], entry: number): void {
    let at = this.root;
    for (const t of tokens) {
      if (t.startsWith('<')) {
        at.classes ??= [];
        let child = at.classes.find(([c]) => c === t)?.[1];
        if (!child) {
          child = node();
          at.classes.push([t, child]);
        }
        at = child;
      } else {
        this.vocabulary.add(t);
        let child = at.next.get(t);
        if (!child) {
          child = node();
          at.next.set(t, child);
        }
        at = child;
      }
    }
    at.ends ??= [];
    if (!at.ends.includes(entry)) at.ends.push(entry);
    this.maxLength = Math.max(this.maxLength, tokens.length);
  }

  /** Every match that starts in [from, to) and ends before `to`, over folded token texts. */
  match(words: readonly string[], from: number, to: number): Match[] {
    const out: Match[] = [];
    const root = this.root;
    const stack: [TrieNode, number][] = [];
    for (let first = from; first < to; first++) {
      if (!root.classes && !root.next.has(words[first] as string)) continue;
      stack.push([root, first]);
      while (stack.length > 0) {
        const [at, i] = stack.pop() as [TrieNode, number];
        if (i >= to || i - first >= this.maxLength) continue;
        const w = words[i] as string;
        const exact = at.next.get(w);
        if (exact) {
          if (exact.ends) for (const entry of exact.ends) out.push({ entry, first, last: i });
          if (exact.next.size > 0 || exact.classes) stack.push([exact, i + 1]);
        }
        if (at.classes) {
          // every class but <any> needs a digit in its first two characters
          const digit = w.charCodeAt(0) <= 0x39 || w.charCodeAt(1) <= 0x39;
          for (const [cls, child] of at.classes) {
            if (cls !== '<any>' && (!digit || !inClass(cls, w))) continue;
            if (child.ends) for (const entry of child.ends) out.push({ entry, first, last: i });
            if (child.next.size > 0 || child.classes) stack.push([child, i + 1]);
          }
        }
      }
    }
    return out;
  }
}
