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

  private readonly stackNodes: TrieNode[] = [];
  private readonly stackAt: number[] = [];

  /** Every match that starts in [from, to) and ends before `to`, over folded token texts. */
  match(words: readonly string[], from: number, to: number, known?: Uint8Array): Match[] {
    const out: Match[] = [];
    const root = this.root;
    const nodes = this.stackNodes;
    const at = this.stackAt;
    const maxLength = this.maxLength;
    for (let first = from; first < to; first++) {
      // a word outside the lexicon's vocabulary starts no exact edge: skip the look-up
      const start = known && known[first] === 0 ? undefined : root.next.get(words[first] as string);
      let top = 0;
      if (start) {
        if (start.ends) for (const entry of start.ends) out.push({ entry, first, last: first });
        if (start.next.size > 0 || start.classes) {
          nodes[top] = start;
          at[top++] = first + 1;
        }
      }
      if (root.classes) {
        // only <any> could match a word without a digit, and no phrase starts with <any>
        const w = words[first] as string;
        if (w.charCodeAt(0) <= 0x39 || w.charCodeAt(1) <= 0x39) {
          nodes[top] = root;
          at[top++] = -first - 1; // a marker: only the class edges of the root at `first`
        }
      }
      while (top > 0) {
        top--;
        const node = nodes[top] as TrieNode;
        let i = at[top] as number;
        const classesOnly = i < 0;
        if (classesOnly) i = -i - 1;
        if (i >= to || i - first >= maxLength) continue;
        const w = words[i] as string;
        if (!classesOnly && !(known && known[i] === 0)) {
          const exact = node.next.get(w);
          if (exact) {
            if (exact.ends) for (const entry of exact.ends) out.push({ entry, first, last: i });
            if (exact.next.size > 0 || exact.classes) {
              nodes[top] = exact;
              at[top++] = i + 1;
            }
          }
        }
        if (node.classes) {
          // every class but <any> needs a digit in its first two characters
          const digit = w.charCodeAt(0) <= 0x39 || w.charCodeAt(1) <= 0x39;
          for (const [cls, child] of node.classes) {
            if (cls !== '<any>' && (!digit || !inClass(cls, w))) continue;
            if (child.ends) for (const entry of child.ends) out.push({ entry, first, last: i });
            if (child.next.size > 0 || child.classes) {
              nodes[top] = child;
              at[top++] = i + 1;
            }
          }
        }
      }
    }
    return out;
  }
}
