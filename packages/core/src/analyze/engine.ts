/**
 * The analyzer's engine: one pass over the tokens of a text, matching the lexicon, reading
 * each match in its context and adding it up per unit. Everything the public functions
 * (analyze, classifyDuty, reviewRole) return is built from `scanUnit`.
 */
import type { AnalyzeOptions, DimensionId, DutyLabel, Finding, Reason, Severity } from '../types.js';
import type { Lexicon, LexiconEntry } from '../lexicon/types.js';

type StructuralCue = NonNullable<LexiconEntry['structural']>;
import { phraseVariants } from '../lexicon/expand.js';
import { Matcher, type Match } from '../match/matcher.js';
import { EvidenceTable, probabilitiesOf, type EvidenceModel, type Logits } from '../match/evidence.js';
import type { Scores, UnitScan, WordEvidence } from './scan.js';

export type { Scores, UnitScan } from './scan.js';
import { cueFeatures } from './judge.js';
import { TUNING } from '../tuning.js';
import { TypoIndex } from '../match/typo.js';
import { tokenizeWithIds, type Token } from '../text/tokenize.js';
import { Vocabulary } from '../text/vocabulary.js';
import { LineIndex } from '../text/positions.js';
import { structureCues } from './structure.js';
import { replacementsFor } from './replace.js';
import {
  actorOf,
  carriesNegation,
  continuesList,
  ruledOut,
  isTopic,
  definesTerm,
  isMention,
  mentionedBefore,
  isNegated,
  isOwnWords,
  quoteKind,
  quotesExactly,
  quoteSpans,
  spanOf,
  type Span,
} from './context.js';

/** A word followed by what follows an author's name in a citation: "& Ward", "and Lee", "et al", ", 1995". */
const CITATION_AFTER = /^[A-Za-z'’-]+(?:\s+(?:&|and\s+[A-Z]|et\s+al)|,\s*(?:1[89]|20)\d\d)/;

/** Whether the word at `start` opens with a capital and is not the first word of its sentence or line. */
function isNameLike(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  if (c < 0x41 || c > 0x5a) return false;
  let j = start - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j--;
  if (j < 0) return false;
  const p = text.charCodeAt(j);
  // "(Maxmen & Ward, 1995)", "(Lee et al., 2019)": a capitalized word opening a citation is a name
  if (p === 0x28 && CITATION_AFTER.test(text.slice(start, start + 60))) return true;
  // after a stop, a colon, a line break, a bullet or an opening quote, a capital is the sentence's
  return !(
    p === 0x2e ||
    p === 0x21 ||
    p === 0x3f ||
    p === 0x3a ||
    p === 0x0a ||
    p === 0x0d ||
    p === 0x2d ||
    p === 0x2022 ||
    p === 0x22 ||
    p === 0x201c ||
    p === 0x28
  );
}

export function emptyScores(): Scores {
  return { peer: 0, overlap: 0, clinical: 0, conflict: 0, errand: 0 };
}

/** A text made ready for matching: its tokens, their folded (typo-corrected) words, its lines. */
export interface Prepared {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly words: readonly string[];
  readonly fuzzy: readonly boolean[];
  /** The id of each token's own folded text in the engine's vocabulary, or −1. */
  readonly ids: Int32Array;
  /** The id of each word (after typo correction) in the matcher's vocabulary, or −1. */
  readonly matchIds: Int32Array;
  readonly lines: LineIndex;
  readonly allowed: readonly Span[];
}

/** How a cue's label counts toward a note unit's label (role cues in a note). */
const NOTE_LABEL: Record<DutyLabel, DutyLabel | null> = {
  peer: 'peer',
  overlap: 'overlap',
  clinical: 'clinical',
  conflict: 'clinical',
  errand: null,
};

/** A negated clinical action ("did not assess", "rather than diagnosing") states a peer boundary. */
const NEGATED_BOUNDARY_FACTOR = TUNING.context.negatedBoundary;
/** A clinical act done by another professional, reported by the writer, counts for less. */
const REPORTED_FACTOR = TUNING.context.reported;

export class Engine {
  private readonly matcher: Matcher;
  private readonly typos: TypoIndex;
  /** The entry that explains each structural cue (its `structural` field). */
  private readonly structural = new Map<StructuralCue, number>();
  /** Every word the matcher or the evidence models know, with its id; the matcher's words come first. */
  private readonly vocabulary: Vocabulary;
  private readonly tables: { readonly note?: EvidenceTable; readonly duty?: EvidenceTable };

  constructor(
    readonly lexicon: Lexicon,
    /** Corpus-evidence models for notes and duties (match/evidence.ts); none means cues alone. */
    readonly evidence: {
      readonly note?: EvidenceModel;
      readonly duty?: EvidenceModel;
      readonly weights?: { readonly note: number; readonly duty: number };
    } = {},
  ) {
    this.matcher = new Matcher(lexicon.phrases, lexicon.graph);
    this.typos = new TypoIndex(this.matcher.vocabulary, lexicon.protectedWords);
    this.vocabulary = new Vocabulary(this.matcher.ids.keys());
    for (const model of [evidence.note, evidence.duty]) if (model) for (const w of EvidenceTable.words(model)) this.vocabulary.add(w);

    this.tables = {
      ...(evidence.note ? { note: new EvidenceTable(evidence.note, this.vocabulary.ids) } : {}),
      ...(evidence.duty ? { duty: new EvidenceTable(evidence.duty, this.vocabulary.ids) } : {}),
    };
    lexicon.entries.forEach((e, i) => {
      if (e.structural !== undefined && !this.structural.has(e.structural)) this.structural.set(e.structural, i);
    });
  }

  entry(index: number): LexiconEntry {
    return this.lexicon.entries[index] as LexiconEntry;
  }

  prepare(text: string, options: AnalyzeOptions = {}): Prepared {
    const { tokens, ids } = tokenizeWithIds(text, this.vocabulary);
    const words: string[] = new Array<string>(tokens.length);
    const fuzzy: boolean[] = new Array<boolean>(tokens.length);
    const matchIds = new Int32Array(tokens.length);
    const matcherIds = this.matcher.ids;
    const matcherSize = matcherIds.size;
    for (let i = 0; i < tokens.length; i++) {
      const w = (tokens[i] as Token).text;
      const id = ids[i] as number;
      if (id >>> 0 < matcherSize) {
        words[i] = w;
        fuzzy[i] = false;
        matchIds[i] = id;
      } else {
        // a capital inside a sentence is a name ("Schilz"), not a misspelt word
        const corrected = isNameLike(text, (tokens[i] as Token).start) ? undefined : this.typos.correct(w);
        words[i] = corrected ?? w;
        fuzzy[i] = corrected !== undefined;
        matchIds[i] = corrected !== undefined ? (matcherIds.get(corrected) as number) : -1;
      }
    }
    const allowed: Span[] = [];
    if (options.allow && options.allow.length > 0) {
      const phrases: [string[], number][] = [];
      options.allow.forEach((phrase, i) => {
        try {
          for (const v of phraseVariants(phrase)) phrases.push([[...v.tokens], i]);
        } catch {
          // a malformed allow phrase allows nothing
        }
      });
      const allow = new Matcher(phrases);
      const plain = tokens.map((t) => t.text);
      for (const m of allow.matchWords(plain, 0, tokens.length)) {
        allowed.push({ start: (tokens[m.first] as Token).start, end: (tokens[m.last] as Token).end });
      }
    }
    return { text, tokens, words, fuzzy, ids, matchIds, lines: new LineIndex(text), allowed };
  }

  /** Whether the model for `mode` is trained to decide (it reads the cues too), not only to weigh in. */
  decides(mode: 'note' | 'duty'): boolean {
    return (mode === 'note' ? this.evidence.note : this.evidence.duty)?.cues !== undefined;
  }

  /**
   * Evidence for tokens [first, last), as probabilities in the model's label order: the words,
   * and, for a model that decides, the cues of the unit's scan.
   */
  weigh(prepared: Prepared, first: number, last: number, mode: 'note' | 'duty', scan?: UnitScan): WordEvidence | undefined {
    const table = mode === 'note' ? this.tables.note : this.tables.duty;
    if (!table || last <= first) return undefined;
    const cues = scan && this.decides(mode) ? cueFeatures(scan) : undefined;
    return this.evidenceOf(table.score(prepared.tokens, prepared.ids, first, last, cues), mode);
  }

  /** Word evidence for a whole text from the raw scores of its units (each unit's prior counted once). */
  combine(units: readonly Logits[], mode: 'note' | 'duty'): WordEvidence | undefined {
    const model = mode === 'note' ? this.evidence.note : this.evidence.duty;
    if (!model || units.length === 0) return undefined;
    const logits = [...model.prior];
    const hits: Logits['hits'] = [];
    for (const u of units) {
      u.logits.forEach((x, i) => (logits[i] = (logits[i] as number) + x - (model.prior[i] as number)));
      hits.push(...u.hits);
    }
    return this.evidenceOf({ logits, hits }, mode);
  }

  private evidenceOf(raw: Logits, mode: 'note' | 'duty'): WordEvidence {
    const model = (mode === 'note' ? this.evidence.note : this.evidence.duty) as EvidenceModel;
    const weight = this.evidence.weights?.[mode];
    const evidence: WordEvidence = {
      labels: model.labels,
      probabilities: probabilitiesOf(raw.logits),
      raw,
      ...(model.cues ? { decides: true } : {}),
    };
    return weight === undefined ? evidence : { ...evidence, weight };
  }

  /** Token index range [first, last) of the tokens inside [start, end). */
  tokenRange(prepared: Prepared, start: number, end: number, fromToken = 0): [number, number] {
    const { tokens } = prepared;
    let a = fromToken;
    while (a < tokens.length && (tokens[a] as Token).start < start) a++;
    let b = a;
    while (b < tokens.length && (tokens[b] as Token).end <= end) b++;
    return [a, b];
  }

  /**
   * Reads one unit (tokens [first, last)) in `mode`: `note` adds up peer / overlap / clinical,
   * `duty` adds up all five duty labels.
   */
  scanUnit(
    prepared: Prepared,
    first: number,
    last: number,
    unitStart: number,
    unitEnd: number,
    mode: 'note' | 'duty',
    options: AnalyzeOptions,
  ): UnitScan {
    const scores = emptyScores();
    const reasons: Reason[] = [];
    const findings: Finding[] = [];
    if (last <= first) return { scores, reasons, findings };
    const { text, tokens, words } = prepared;
    // Scope and guards first, so that a match that will not count does not hide one that would.
    const matches = this.resolve(
      this.matcher.match(prepared.matchIds, words, first, last).filter((m) => {
        const entry = this.entry(m.entry);
        return (entry.scope === undefined || entry.scope === mode) && this.guardsPass(entry, words, m, first, last);
      }),
    );
    let quotes: Span[] | null = null;
    let mentioned: Match | undefined;
    /** The last token of the latest language term read as a mention: a list after it is named too. */
    let mentionEnd = -1;
    /** The last token of the latest negated clinical, conflict or errand cue: a list after it stays negated. */
    let negatedEnd = -1;
    for (const m of matches) {
      const entry = this.entry(m.entry);
      const setting = options.rules?.[entry.id];
      if (setting === 'off') continue;
      const start = (tokens[m.first] as Token).start;
      const end = (tokens[m.last] as Token).end;
      if (prepared.allowed.length > 0 && prepared.allowed.some((s) => s.start < end && start < s.end)) continue;
      quotes ??= quoteSpans(text, unitStart, unitEnd);
      const quote = spanOf(quotes, start, end);
      const quoted = quote !== undefined;
      const severity: Severity = setting ?? entry.severity;
      if (entry.category === 'language') {
        // a scare-quoted symptom doubts the person: the one kind of rule that fires only in quotes
        if (entry.quoted) {
          if (!quote || !quotesExactly(quote, tokens, m.first, m.last) || mentionedBefore(text, tokens, words, m.first, first)) continue;
        }
        // a quoted term alone is a mention; quoted speech is the speaker's (own words about themselves are theirs)
        else if (
          (quote && quoteKind(quote, tokens, m.first, m.last) === 'mention') ||
          isMention(text, tokens, words, m.first, first) ||
          definesTerm(text, end) ||
          (mentionEnd >= 0 && continuesList(text, tokens, words, mentionEnd, m.first))
        ) {
          // naming a devaluing term is a peer cue; a phrase on an organization's own list is not one
          if (!entry.source.includes('organization')) mentioned ??= m;
          mentionEnd = m.last;
          continue;
        }
        // "no evidence of manipulation": an observer recording that a trait is absent
        if (ruledOut(text, tokens, words, m.first, first)) continue;
        // a person's own words about themselves are theirs: shown, at most, as information
        if (isOwnWords(text, tokens, words, m.first, first)) {
          findings.push(this.finding(prepared, entry, m, first, 'info', 'own-words'));
          continue;
        }
        findings.push(this.finding(prepared, entry, m, first, severity));
        if (entry.label && entry.weight > 0) {
          scores[entry.label] += entry.weight;
          reasons.push(this.reason(prepared, entry, m, entry.label, entry.weight));
        }
        continue;
      }
      if (quoted) {
        // a clinical word held up in quotation marks is being discussed; other quoted words are the person's voice
        if (entry.label === 'clinical' && quoteKind(quote, tokens, m.first, m.last) === 'mention') mentioned ??= m;
        continue;
      }
      const label = entry.label as DutyLabel;
      if (
        entry.negatable &&
        (isNegated(text, tokens, words, m.first, first) ||
          (negatedEnd >= 0 &&
            label !== 'peer' &&
            label !== 'overlap' &&
            (m.first <= negatedEnd || carriesNegation(text, tokens, words, negatedEnd, m.first))))
      ) {
        if (label === 'clinical' || label === 'conflict' || label === 'errand') {
          const w = entry.weight * NEGATED_BOUNDARY_FACTOR;
          scores.peer += w;
          reasons.push(this.reason(prepared, entry, m, 'peer', w, 'negated'));
          negatedEnd = Math.max(negatedEnd, m.last);
        }
        continue;
      }
      // "a grievance about the seclusion": coercion named as a topic, not done
      if (entry.topical && isTopic(words, m.first, first)) continue;
      const actor = entry.actorSensitive ? actorOf(text, tokens, words, m.first, first) : 'none';
      const factor = actor === 'other' ? REPORTED_FACTOR : 1;
      const counted = mode === 'note' ? NOTE_LABEL[label] : label;
      if (counted) {
        const w = entry.weight * factor;
        scores[counted] += w;
        reasons.push(this.reason(prepared, entry, m, counted, w, actor === 'other' ? 'reported' : undefined));
      }
      const flags =
        (entry.category === 'perspective' && label === 'clinical') ||
        (entry.category === 'role' && (label === 'conflict' || label === 'errand'));
      if (flags && actor !== 'other') findings.push(this.finding(prepared, entry, m, first, severity));
    }
    this.addStructure(prepared, first, last, unitStart, unitEnd, quotes, mentioned, scores, reasons);
    return { scores, reasons, findings: findings.length > 1 ? mergeOverlapping(findings) : findings };
  }

  /** Peer cues from the shape of the unit (analyze/structure.ts), each explained by its lexicon entry. */
  private addStructure(
    prepared: Prepared,
    first: number,
    last: number,
    unitStart: number,
    unitEnd: number,
    quotes: Span[] | null,
    mentioned: Match | undefined,
    scores: Scores,
    reasons: Reason[],
  ): void {
    const add = (cue: StructuralCue, m: Match): void => {
      const index = this.structural.get(cue);
      if (index === undefined) return;
      const entry = this.entry(index);
      if (reasons.some((r) => r.ruleId === entry.id)) return;
      scores.peer += entry.weight;
      reasons.push(this.reason(prepared, entry, m, 'peer', entry.weight));
    };
    if (mentioned) add('naming-language', mentioned);
    const hits = structureCues(prepared.words, prepared.tokens, first, last, () => quotes ?? quoteSpans(prepared.text, unitStart, unitEnd));
    for (const h of hits) add(h.cue, { entry: -1, first: h.first, last: h.last });
  }

  private guardsPass(entry: LexiconEntry, words: readonly string[], m: Match, first: number, last: number): boolean {
    const before = m.first > first ? words[m.first - 1] : undefined;
    const after = m.last + 1 < last ? words[m.last + 1] : undefined;
    if (entry.notBefore && after !== undefined && entry.notBefore.includes(after)) return false;
    if (entry.notAfter && before !== undefined && entry.notAfter.includes(before)) return false;
    // `<start>` and `<end>` in a guard list stand for the unit's edges
    if (
      entry.onlyAfter &&
      !entry.onlyAfter.includes(before === undefined ? '<start>' : before) &&
      !entry.orBefore?.includes(after === undefined ? '<end>' : after)
    )
      return false;
    if (entry.onlyBefore && !entry.onlyBefore.includes(after === undefined ? '<end>' : after)) return false;
    return true;
  }

  /** Within each category, longer matches win over the shorter ones they overlap. */
  private resolve(matches: Match[]): Match[] {
    if (matches.length <= 1) return matches;
    const sorted = sortStable([...matches], (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
    const kept: Match[] = [];
    for (const m of sorted) {
      const category = this.entry(m.entry).category;
      let clash = false;
      for (const k of kept) {
        if (k.first <= m.last && m.first <= k.last && this.entry(k.entry).category === category) {
          clash = true;
          break;
        }
      }
      if (!clash) kept.push(m);
    }
    return sortStable(kept, (a, b) => a.first - b.first || a.last - b.last);
  }

  /** Per entry, its message split at its `{actual}` placeholders, or null when it has none. */
  private readonly messageParts = new Map<LexiconEntry, string[] | null>();

  /** The entry's message with `{actual}` replaced by the text matched. */
  private messageOf(entry: LexiconEntry, actual: string): string {
    let parts = this.messageParts.get(entry);
    if (parts === undefined) {
      parts = entry.message.includes('{actual}') ? entry.message.split('{actual}') : null;
      this.messageParts.set(entry, parts);
    }
    if (parts === null) return entry.message;
    // replace() reads $ patterns in the replacement; without a $ it is a split and a join
    if (actual.includes('$')) return entry.message.replace(/\{actual\}/g, actual);
    return parts.join(actual);
  }

  private fuzzyIn(prepared: Prepared, m: Match): boolean {
    for (let i = m.first; i <= m.last; i++) if (prepared.fuzzy[i]) return true;
    return false;
  }

  private finding(
    prepared: Prepared,
    entry: LexiconEntry,
    m: Match,
    unitFirst: number,
    severity: Severity,
    situation?: 'own-words',
  ): Finding {
    const start = (prepared.tokens[m.first] as Token).start;
    const end = (prepared.tokens[m.last] as Token).end;
    const actual = prepared.text.slice(start, end);
    const { category, id: ruleId, hints, note, source, dimension } = entry;
    const expected = replacementsFor(
      entry.replacements,
      prepared.text,
      prepared.tokens,
      prepared.words,
      m.first,
      m.last,
      m.first === unitFirst,
      m.first > unitFirst ? prepared.words[m.first - 1] : undefined,
      prepared.words[m.last + 1],
    );
    const from = prepared.lines.point(start);
    const to = prepared.lines.point(end);
    const message = this.messageOf(entry, actual);
    // plain object literals (not a spread), with the keys always in this order
    const finding: Finding = this.fuzzyIn(prepared, m)
      ? { category, severity, ruleId, start: from, end: to, actual, message, expected, hints, note, source, dimension, fuzzy: true }
      : { category, severity, ruleId, start: from, end: to, actual, message, expected, hints, note, source, dimension };
    return situation ? { ...finding, situation } : finding;
  }

  private reason(
    prepared: Prepared,
    entry: LexiconEntry,
    m: Match,
    label: DutyLabel,
    weight: number,
    context?: 'negated' | 'reported',
  ): Reason {
    const start = (prepared.tokens[m.first] as Token).start;
    const end = (prepared.tokens[m.last] as Token).end;
    const actual = prepared.text.slice(start, end);
    const ruleId = entry.id;
    const dimension = entry.dimension;
    const message = this.messageOf(entry, actual);
    // plain object literals (not a spread), with the keys always in this order
    return context
      ? { ruleId, label, actual, start, end, weight, dimension, context, message }
      : { ruleId, label, actual, start, end, weight, dimension, message };
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const CATEGORY_RANK: Record<Finding['category'], number> = { language: 3, role: 2, perspective: 1 };

/** Which of two findings on the same words leads: the more severe, then language before role before perspective, then the longer. */
function leads(a: Finding, b: Finding): boolean {
  return (
    (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] ||
      a.end.offset - a.start.offset - (b.end.offset - b.start.offset) ||
      b.start.offset - a.start.offset) > 0
  );
}

/**
 * One finding per place in the text: findings whose words overlap (a language rule and a
 * clinical-register cue on "med compliance") become the leading one, carrying the others in
 * `also` with their own span, message and why. Findings arrive in text order per category.
 */
export function mergeOverlapping(findings: readonly Finding[]): Finding[] {
  const sorted = sortStable([...findings], (a, b) => a.start.offset - b.start.offset || b.end.offset - a.end.offset);
  const out: Finding[] = [];
  let group: Finding[] = [];
  let groupEnd = -1;
  const flush = (): void => {
    if (group.length === 1) out.push(group[0] as Finding);
    else if (group.length > 1) {
      let lead = group[0] as Finding;
      for (const f of group) if (leads(f, lead)) lead = f;
      out.push({ ...lead, also: group.filter((f) => f !== lead) });
    }
    group = [];
  };
  for (const f of sorted) {
    if (group.length > 0 && f.start.offset >= groupEnd) flush();
    group.push(f);
    groupEnd = group.length === 1 ? f.end.offset : Math.max(groupEnd, f.end.offset);
  }
  flush();
  return out;
}

/**
 * Sorts in place, stably, as Array.prototype.sort does (equal elements keep their order): an
 * insertion sort, for the few matches of a unit, without the cost of calling into the builtin.
 */
function sortStable<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(xs[j] as T, x) > 0) {
      xs[j + 1] = xs[j] as T;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}

/** The dimensions behind a label, strongest first. */
export function dimensionsOf(reasons: readonly Reason[], label: DutyLabel): DimensionId[] {
  if (reasons.length === 0) return [];
  // in order of first appearance, summed in the order of the reasons; dimensions are few
  const dims: DimensionId[] = [];
  const sums: number[] = [];
  for (const r of reasons) {
    if (r.label !== label) continue;
    const k = dims.indexOf(r.dimension);
    if (k < 0) {
      dims.push(r.dimension);
      sums.push(0 + r.weight);
    } else sums[k] = (sums[k] as number) + r.weight;
  }
  // a stable insertion sort, strongest first (ties keep their order, as Array.prototype.sort does)
  for (let i = 1; i < dims.length; i++) {
    const d = dims[i] as DimensionId;
    const s = sums[i] as number;
    let j = i - 1;
    while (j >= 0 && (sums[j] as number) < s) {
      dims[j + 1] = dims[j] as DimensionId;
      sums[j + 1] = sums[j] as number;
      j--;
    }
    dims[j + 1] = d;
    sums[j + 1] = s;
  }
  return dims;
}
