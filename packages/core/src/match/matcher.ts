/**
 * A token trie over every phrase of the lexicon. Matching walks the trie from each token,
 * so the time is linear in the number of tokens (times the longest phrase), whatever the
 * number of phrases. Token classes (`<num>`, `<dose>`, `<icd>`) are edges tried after the
 * exact ones.
 *
 * The trie is built from nodes with string-keyed edges, then frozen into integer tables: each
 * vocabulary word has an id (`ids`), the root's edges are an array indexed by id, and every
 * other exact edge sits in one open-addressing table keyed by (node, word id). Matching then
 * hashes no strings.
 */
import { inClass } from '../lexicon/expand.js';
import type { PhraseGraph } from './graph.js';

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  classes: [string, TrieNode][] | null;
  ends: number[] | null;
  index: number;
}

function node(): TrieNode {
  return { next: new Map(), classes: null, ends: null, index: -1 };
}

export interface Match {
  /** Index of the entry (or of the allow phrase). */
  readonly entry: number;
  /** First and last token, inclusive. */
  readonly first: number;
  readonly last: number;
}

function edgeHash(node: number, id: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(id, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

export class Matcher {
  private readonly root = node();
  readonly vocabulary = new Set<string>();
  /** The id of each vocabulary word (0 … size − 1), in order of first appearance. */
  readonly ids = new Map<string, number>();
  private maxLength = 0;

  // The frozen trie (see the top of the file).
  private rootChild = new Int32Array(0);
  private endsStart = new Int32Array(1);
  private ends = new Int32Array(0);
  /** 1 where a node has any edge, exact or class. */
  private more = new Uint8Array(0);
  private classStart = new Int32Array(1);
  private classNames: string[] = [];
  private classChild = new Int32Array(0);
  private edgeNode = new Int32Array(0);
  private edgeId = new Int32Array(0);
  private edgeChild = new Int32Array(0);
  private edgeMask = 0;

  constructor(phrases: readonly (readonly [readonly string[], number])[] = [], graph?: PhraseGraph) {
    if (graph && phrases.length === 0) {
      // the built-in lexicon alone: its graph goes straight into the tables
      this.loadFrozen(graph);
      return;
    }
    if (graph) this.load(graph);
    for (const [tokens, entry] of phrases) this.add(tokens, entry);
    this.freeze();
  }

  /** The tables straight from a compiled graph, its nodes keeping their numbers (the root is 0). */
  private loadFrozen(graph: PhraseGraph): void {
    const { nodes, strings } = graph;
    const count = nodes.length;
    // word ids for the string table, in the order `load` would give them (−2: a class)
    const stringId = new Int32Array(strings.length).fill(-1);
    let endTotal = 0;
    let edges = 0;
    let classTotal = 0;
    for (let i = 0; i < count; i++) {
      const data = nodes[i] as readonly number[];
      const endCount = data[0] as number;
      endTotal += endCount;
      const edgeCount = data[endCount + 1] as number;
      for (let e = 0, k = endCount + 2; e < edgeCount; e++, k += 2) {
        const s = data[k] as number;
        if (stringId[s] === -1) {
          const token = strings[s] as string;
          if (token.startsWith('<')) stringId[s] = -2;
          else {
            this.word(token);
            stringId[s] = this.ids.get(token) as number;
          }
        }
        if (stringId[s] === -2) classTotal++;
        else if (i > 0) edges++;
      }
    }
    this.endsStart = new Int32Array(count + 1);
    this.classStart = new Int32Array(count + 1);
    this.more = new Uint8Array(count);
    this.ends = new Int32Array(endTotal);
    this.classChild = new Int32Array(classTotal);
    this.classNames = [];
    this.allocateEdges(edges);
    let endAt = 0;
    let classAt = 0;
    for (let i = 0; i < count; i++) {
      const data = nodes[i] as readonly number[];
      const endCount = data[0] as number;
      this.endsStart[i] = endAt;
      for (let e = 0; e < endCount; e++) this.ends[endAt++] = data[1 + e] as number;
      const edgeCount = data[endCount + 1] as number;
      this.classStart[i] = classAt;
      this.more[i] = edgeCount > 0 ? 1 : 0;
      for (let e = 0, k = endCount + 2; e < edgeCount; e++, k += 2) {
        const s = data[k] as number;
        const child = data[k + 1] as number;
        const id = stringId[s] as number;
        if (id === -2) {
          this.classNames.push(strings[s] as string);
          this.classChild[classAt++] = child;
        } else if (i === 0) this.rootChild[id] = child;
        else this.addEdge(i, id, child);
      }
    }
    this.endsStart[count] = endAt;
    this.classStart[count] = classAt;
    this.maxLength = graph.maxLength;
  }

  private allocateEdges(edges: number): void {
    let cap = 16;
    while (cap < edges * 2) cap *= 2;
    this.edgeMask = cap - 1;
    this.edgeNode = new Int32Array(cap).fill(-1);
    this.edgeId = new Int32Array(cap);
    this.edgeChild = new Int32Array(cap);
    this.rootChild = new Int32Array(this.ids.size).fill(-1);
  }

  private addEdge(node: number, id: number, child: number): void {
    let slot = edgeHash(node, id) & this.edgeMask;
    while (this.edgeNode[slot] !== -1) slot = (slot + 1) & this.edgeMask;
    this.edgeNode[slot] = node;
    this.edgeId[slot] = id;
    this.edgeChild[slot] = child;
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
          this.word(token);
        }
      }
    });
    this.maxLength = Math.max(this.maxLength, graph.maxLength);
  }

  private word(t: string): void {
    if (this.vocabulary.has(t)) return;
    this.vocabulary.add(t);
    this.ids.set(t, this.ids.size);
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
        this.word(t);
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

  /** Numbers the nodes and copies the trie into the integer tables. */
  private freeze(): void {
    const order: TrieNode[] = [this.root];
    this.root.index = 0;
    let edges = 0;
    for (let i = 0; i < order.length; i++) {
      const n = order[i] as TrieNode;
      const visit = (c: TrieNode): void => {
        if (c.index < 0) {
          c.index = order.length;
          order.push(c);
        }
      };
      for (const c of n.next.values()) visit(c);
      if (n.classes) for (const [, c] of n.classes) visit(c);
      if (i > 0) edges += n.next.size;
    }
    const count = order.length;
    this.endsStart = new Int32Array(count + 1);
    this.classStart = new Int32Array(count + 1);
    this.more = new Uint8Array(count);
    const ends: number[] = [];
    const classChild: number[] = [];
    this.classNames = [];
    this.allocateEdges(edges);
    order.forEach((n, i) => {
      this.endsStart[i] = ends.length;
      if (n.ends) ends.push(...n.ends);
      this.classStart[i] = classChild.length;
      if (n.classes) {
        for (const [name, c] of n.classes) {
          this.classNames.push(name);
          classChild.push(c.index);
        }
      }
      this.more[i] = n.next.size > 0 || n.classes ? 1 : 0;
      for (const [t, c] of n.next) {
        const id = this.ids.get(t) as number;
        if (i === 0) this.rootChild[id] = c.index;
        else this.addEdge(i, id, c.index);
      }
    });
    this.endsStart[count] = ends.length;
    this.classStart[count] = classChild.length;
    this.ends = Int32Array.from(ends);
    this.classChild = Int32Array.from(classChild);
  }

  /** The child of a (non-root) node along word `id`, or −1. */
  private child(n: number, id: number): number {
    const edgeNode = this.edgeNode;
    const mask = this.edgeMask;
    let slot = edgeHash(n, id) & mask;
    for (;;) {
      const at = edgeNode[slot] as number;
      if (at === -1) return -1;
      if (at === n && this.edgeId[slot] === id) return this.edgeChild[slot] as number;
      slot = (slot + 1) & mask;
    }
  }

  /** The ids of words (−1 for a word outside the vocabulary). */
  idsOf(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.ids.get(words[i] as string) ?? -1;
    return out;
  }

  private readonly stackNodes: number[] = [];
  private readonly stackAt: number[] = [];

  /**
   * Every match that starts in [from, to) and ends before `to`. `ids` are the words' ids in this
   * matcher's vocabulary (any id outside 0 … size − 1 is a word it does not know); `words` are
   * the folded words themselves, read by the class edges.
   */
  match(ids: ArrayLike<number>, words: readonly string[], from: number, to: number): Match[] {
    const out: Match[] = [];
    const nodes = this.stackNodes;
    const at = this.stackAt;
    const maxLength = this.maxLength;
    const size = this.ids.size;
    const rootChild = this.rootChild;
    const endsStart = this.endsStart;
    const ends = this.ends;
    const more = this.more;
    const classStart = this.classStart;
    const rootClasses = (classStart[1] as number) > 0;
    for (let first = from; first < to; first++) {
      // a word outside the lexicon's vocabulary starts no exact edge
      const id0 = ids[first] as number;
      const start = id0 >>> 0 < size ? (rootChild[id0] as number) : -1;
      let top = 0;
      if (start >= 0) {
        for (let e = endsStart[start] as number, end = endsStart[start + 1] as number; e < end; e++) {
          out.push({ entry: ends[e] as number, first, last: first });
        }
        if (more[start] === 1) {
          nodes[top] = start;
          at[top++] = first + 1;
        }
      }
      if (rootClasses) {
        // only <any> could match a word without a digit, and no phrase starts with <any>
        const w = words[first] as string;
        if (w.charCodeAt(0) <= 0x39 || w.charCodeAt(1) <= 0x39) {
          nodes[top] = 0;
          at[top++] = -first - 1; // a marker: only the class edges of the root at `first`
        }
      }
      while (top > 0) {
        top--;
        const n = nodes[top] as number;
        let i = at[top] as number;
        const classesOnly = i < 0;
        if (classesOnly) i = -i - 1;
        if (i >= to || i - first >= maxLength) continue;
        const id = ids[i] as number;
        if (!classesOnly && id >>> 0 < size) {
          const exact = n === 0 ? (rootChild[id] as number) : this.child(n, id);
          if (exact >= 0) {
            for (let e = endsStart[exact] as number, end = endsStart[exact + 1] as number; e < end; e++) {
              out.push({ entry: ends[e] as number, first, last: i });
            }
            if (more[exact] === 1) {
              nodes[top] = exact;
              at[top++] = i + 1;
            }
          }
        }
        const c0 = classStart[n] as number;
        const c1 = classStart[n + 1] as number;
        if (c1 > c0) {
          // every class but <any> needs a digit in its first two characters
          const w = words[i] as string;
          const digit = w.charCodeAt(0) <= 0x39 || w.charCodeAt(1) <= 0x39;
          for (let c = c0; c < c1; c++) {
            const cls = this.classNames[c] as string;
            if (cls !== '<any>' && (!digit || !inClass(cls, w))) continue;
            const child = this.classChild[c] as number;
            for (let e = endsStart[child] as number, end = endsStart[child + 1] as number; e < end; e++) {
              out.push({ entry: ends[e] as number, first, last: i });
            }
            if (more[child] === 1) {
              nodes[top] = child;
              at[top++] = i + 1;
            }
          }
        }
      }
    }
    return out;
  }

  /** `match` over words alone (their ids looked up here). */
  matchWords(words: readonly string[], from: number, to: number): Match[] {
    return this.match(this.idsOf(words), words, from, to);
  }
}
