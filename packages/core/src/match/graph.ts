/**
 * The phrase graph: every expanded phrase of the lexicon in one token trie whose equal
 * subtrees are merged (a minimal acyclic automaton). Alternatives multiply phrase forms —
 * `[give|administer|pass] [meds|medication] to [members|clients|…]` — but not graph nodes,
 * so the compiled lexicon stays small enough to ship to the browser.
 *
 * Serialized form: a string table and, per node, `[endCount, …entries, edgeCount, …(token,
 * child) pairs]`; node 0 is the root.
 */

export interface PhraseGraph {
  readonly strings: readonly string[];
  readonly nodes: readonly (readonly number[])[];
  /** The longest phrase, in tokens. */
  readonly maxLength: number;
}

interface BuildNode {
  readonly next: Map<string, BuildNode>;
  readonly ends: Set<number>;
  id: number;
}

/** Builds the minimal graph of a list of token sequences with their entry indexes. */
export function buildGraph(phrases: Iterable<readonly [readonly string[], number]>): PhraseGraph {
  const root: BuildNode = { next: new Map(), ends: new Set(), id: -1 };
  let maxLength = 0;
  for (const [tokens, entry] of phrases) {
    maxLength = Math.max(maxLength, tokens.length);
    let at = root;
    for (const t of tokens) {
      let child = at.next.get(t);
      if (!child) {
        child = { next: new Map(), ends: new Set(), id: -1 };
        at.next.set(t, child);
      }
      at = child;
    }
    at.ends.add(entry);
  }
  // Merge equal subtrees bottom-up: a node's signature is its ends and its (token, child) edges.
  const canonical = new Map<string, BuildNode>();
  const unique: BuildNode[] = [];
  const minimize = (node: BuildNode): BuildNode => {
    for (const [t, child] of node.next) node.next.set(t, minimize(child));
    const sig =
      [...node.ends].sort((a, b) => a - b).join(',') +
      '|' +
      [...node.next]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([t, c]) => `${t}>${c.id}`)
        .join(' ');
    const found = canonical.get(sig);
    if (found) return found;
    node.id = unique.length;
    unique.push(node);
    canonical.set(sig, node);
    return node;
  };
  const top = minimize(root);
  // Renumber breadth-first from the root so that the root is node 0.
  const order: BuildNode[] = [top];
  const index = new Map<BuildNode, number>([[top, 0]]);
  for (let i = 0; i < order.length; i++) {
    for (const child of (order[i] as BuildNode).next.values()) {
      if (!index.has(child)) {
        index.set(child, order.length);
        order.push(child);
      }
    }
  }
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const nodes = order.map((n) => {
    const ends = [...n.ends].sort((a, b) => a - b);
    const out: number[] = [ends.length, ...ends, n.next.size];
    for (const [t, c] of n.next) out.push(intern(t), index.get(c) as number);
    return out;
  });
  return { strings, nodes, maxLength };
}
