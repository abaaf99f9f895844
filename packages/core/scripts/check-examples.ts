/**
 * Every lexicon entry carries sentences that must fire it and sentences that must not
 * (docs/lexicon-format.md). This checks them against the real engine.
 *
 *   npm run check-examples -w @peerlens/core
 */
import { fileURLToPath } from 'node:url';
import type { LexiconEntry } from '../src/lexicon/types.js';
import { Engine } from '../src/analyze/engine.js';
import { analyze } from '../src/analyze/analyze.js';
import { classifyDuty } from '../src/analyze/duty.js';
import { loadLexicon, protectedWordsFor } from '../loader/load.js';
import { replacementsFor, fitsBefore } from '../src/analyze/replace.js';
import type { Finding } from '../src/types.js';
import { replacementText } from './rules-reference.js';

export interface ExampleFailure {
  readonly id: string;
  readonly file: string;
  readonly kind: 'fire' | 'pass';
  readonly sentence: string;
}

/** Whether `entry` fires on `sentence`: a finding, or a cue that counted as itself (not negated). */
export function fires(engine: Engine, entry: LexiconEntry, sentence: string): boolean {
  if (entry.category === 'language') return analyze(sentence, {}, engine).findings.some((f) => f.ruleId === entry.id);
  if (entry.category === 'role')
    return classifyDuty(sentence, {}, engine).reasons.some((r) => r.ruleId === entry.id && r.context !== 'negated');
  return analyze(sentence, {}, engine).sentences.some((s) => s.reasons.some((r) => r.ruleId === entry.id && r.context !== 'negated'));
}

export function checkExamples(engine: Engine): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const entry of engine.lexicon.entries) {
    for (const sentence of entry.examples.fire) {
      if (!fires(engine, entry, sentence)) failures.push({ id: entry.id, file: entry.file, kind: 'fire', sentence });
    }
    for (const sentence of entry.examples.pass) {
      if (fires(engine, entry, sentence)) failures.push({ id: entry.id, file: entry.file, kind: 'pass', sentence });
    }
  }
  return failures;
}

export interface ReplacementFailure {
  readonly id: string;
  readonly file: string;
  /** The fire example, or '' when the failure is about the replacement as a whole. */
  readonly sentence: string;
  readonly replacement: string;
  readonly problem: string;
}

/** A finding and the findings merged into it. */
const flat = (fs: readonly Finding[]): Finding[] => fs.flatMap((f) => [f, ...(f.also ?? [])]);

/**
 * Subjects of a replacement's facts. A replacement may not bring in one of these that the
 * flagged words do not name, nor leave out one they do: "refuses groups" is not "declined the
 * medication", and "frequent flyer" says nothing about an emergency department.
 */
const TOPICS: Readonly<Record<string, readonly string[]>> = {
  medication: [
    'med',
    'meds',
    'medication',
    'medications',
    'medicine',
    'medicines',
    'pill',
    'pills',
    'tablets',
    'injection',
    'injections',
    'shot',
    'shots',
    'depot',
    'dose',
    'doses',
    'prescription',
    'prescribed',
    'lai',
    'rx',
    'haldol',
    'lithium',
    'clozapine',
  ],
  groups: ['group', 'groups'],
  labs: ['lab', 'labs', 'bloodwork', 'vitals', 'urine', 'urines', 'ua', 'uas'],
  appointments: ['appointment', 'appointments', 'appt', 'appts'],
  emergency: ['ed', 'er', 'emergency'],
  hospital: [
    'hospital',
    'hospitals',
    'hospitalized',
    'inpatient',
    'ward',
    'admission',
    'admitted',
    'readmitted',
    'committed',
    'asylum',
    'asylums',
    'nuthouse',
    'bin',
    'bins',
    'loonybin',
    'hatch',
    'farm',
  ],
  alcohol: ['alcohol', 'alcoholic', 'alcoholics', 'drink', 'drinks', 'drinking', 'drunk', 'drunks', 'sobriety', 'wagon'],
  cocaine: ['crack', 'cocaine', 'coke', 'crackhead', 'crackheads', 'cokehead', 'cokeheads'],
  methamphetamine: ['meth', 'methamphetamine', 'methhead', 'methheads', 'tweaker', 'tweakers'],
  opioids: [
    'heroin',
    'opioid',
    'opioids',
    'opiate',
    'opiates',
    'fentanyl',
    'methadone',
    'buprenorphine',
    'suboxone',
    'smack',
    'smackhead',
    'oxy',
  ],
  cannabis: ['cannabis', 'marijuana', 'pot', 'weed', 'pothead', 'potheads', 'stoner', 'stoners'],
  schizophrenia: ['schizophrenia', 'schizophrenic', 'schizophrenics', 'schizo', 'schizos'],
  bipolar: ['bipolar', 'bipolars', 'manic', 'manics'],
  depression: ['depression', 'depressive', 'depressives', 'depressed'],
  eating: ['anorexia', 'anorexic', 'anorexics', 'bulimia', 'bulimic', 'bulimics'],
  suicide: ['suicide', 'suicidal', 'suicides'],
  court: [
    'court',
    'parole',
    'probation',
    'conviction',
    'convictions',
    'felony',
    'convicted',
    'incarcerated',
    'prison',
    'jail',
    'felon',
    'felons',
    'inmate',
    'inmates',
    'prisoner',
    'prisoners',
    'offender',
    'offenders',
  ],
  wheelchair: ['wheelchair'],
  pain: ['pain'],
};
const TOPIC_OF = new Map<string, string>(Object.entries(TOPICS).flatMap(([t, ws]) => ws.map((w) => [w, t] as const)));
const wordsOf = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
const topicsOf = (s: string): Set<string> =>
  new Set(
    wordsOf(
      s
        .replace(/manic[\s-]+depress\w*/gi, 'bipolar')
        .replace(/\bcommit\w*\s+suicide/gi, 'suicide')
        .replace(
          /\b(?:kill\w*\s+(?:him|her|them|your|my)sel(?:f|ves)|end\w*\s+(?:his|her|their|my|your)\s+(?:own\s+)?life)\b/gi,
          'suicide',
        ),
    ).flatMap((w) => TOPIC_OF.get(w.replace(/'s$/, '')) ?? []),
  );

const SINGULAR_HEADS = new Set([
  'person',
  'man',
  'woman',
  'child',
  'someone',
  'member',
  'baby',
  'mother',
  'newborn',
  'individual',
  'resident',
  'client',
]);
const PLURAL_HEADS = new Set([
  'people',
  'men',
  'women',
  'children',
  'members',
  'babies',
  'mothers',
  'newborns',
  'individuals',
  'residents',
  'clients',
  'families',
]);
const PLURAL_WORDS = new Set(['people', 'men', 'women', 'children', 'folks', 'staff']);
/** Whether flagged words read as plural: their last word ends in -s (not -ss, -us, -is) or is a plural of its own. */
function plural(all: readonly string[]): boolean {
  // "victims of suicide": the head is the word before "of"
  const of = all.indexOf('of');
  const words = of > 0 ? all.slice(0, of) : all;
  const last = words[words.length - 1] ?? '';
  // "the mentally ill", "the homeless", "the worried well": a group named by an adjective
  if (
    words[0] === 'the' &&
    ['ill', 'disabled', 'homeless', 'well', 'handicapped', 'poor', 'elderly', 'disturbed', 'addicted'].includes(last)
  )
    return true;
  return PLURAL_WORDS.has(last) || (/[^su']s$/.test(last) && !/(ss|us|is)$/.test(last) && last.length > 3);
}
/** The number of a replacement's first person noun, if it has one. */
function numberOf(replacement: string): 'one' | 'many' | undefined {
  for (const w of wordsOf(replacement)) {
    if (SINGULAR_HEADS.has(w)) return 'one';
    if (PLURAL_HEADS.has(w)) return 'many';
  }
  return undefined;
}
/** Verbs a replacement may start with: after "is" or "was" they would not read ("She is has bipolar disorder"). */
const FINITE =
  /^(has|have|had|lives|takes|took|says|said|asked|asks|uses|used|drinks|smokes|gets|got|does|did|chose|declined|declines|calls|called|would|wants|wanted|feels|felt|knows|rates|described|told|tells|cried|raised|spent|sees|saw|lost|left|pulled|hit|started|stopped|tested|came|ended|died|survived|keeps|kept|often|is|was|are|were)\b/;
const BE = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'being',
  "he's",
  "she's",
  "they're",
  "it's",
  'remains',
  'remained',
  'seems',
  'seemed',
  'became',
  'become',
]);

/** The words of `text` just before `at` and just after `to`, folded. */
function neighbours(text: string, at: number, to: number): { before: string | undefined; after: string | undefined } {
  return { before: wordsOf(text.slice(0, at)).at(-1), after: wordsOf(text.slice(to))[0] };
}

/** Why a replacement that took the place of `actual` in `sentence` (giving `result`) would damage the note, or undefined. */
export function replacementProblem(
  engine: Engine,
  entry: LexiconEntry,
  sentence: string,
  start: number,
  end: number,
  replacement: string,
): string | undefined {
  const actual = sentence.slice(start, end);
  const result = sentence.slice(0, start) + replacement + sentence.slice(end);
  // only the flagged words change
  if (!result.startsWith(sentence.slice(0, start)) || !result.endsWith(sentence.slice(end)) || result === sentence)
    return 'changes more than the flagged words';
  if (/[.?!…]\s*$/.test(replacement) || replacement.includes('(') || /\n/.test(replacement))
    return 'is a sentence or advice, not a stand-in';
  if (fires(engine, entry, result)) return 'is still flagged by the same rule';
  const was = new Map<string, number>();
  for (const f of flat(findingsOf(engine, entry, sentence))) was.set(f.ruleId, (was.get(f.ruleId) ?? 0) + 1);
  for (const f of flat(findingsOf(engine, entry, result))) {
    const n = was.get(f.ruleId) ?? 0;
    if (f.ruleId !== entry.id && n === 0 && f.category === 'language')
      return `brings in another language finding (${f.ruleId}: "${f.actual}")`;
    was.set(f.ruleId, n - 1);
  }
  const { before, after } = neighbours(sentence, start, end);
  const words = wordsOf(replacement);
  if (before !== undefined && before === words[0]) return `repeats "${before}" before it`;
  if (after !== undefined && after === words.at(-1)) return `repeats "${after}" after it`;
  if (!fitsBefore(before, replacement)) return `does not read after "${before}"`;
  if (before !== undefined && BE.has(before) && FINITE.test(replacement.toLowerCase()) && !FINITE.test(actual.toLowerCase()))
    return `a verb after "${before}"`;
  // "a heroin addict" → "a heroin person …", "the MICA clients" → "the person … clients"
  const person = numberOf(words.slice(0, 1).join(' '));
  if (person && before !== undefined && TOPIC_OF.has(before)) return `"${before}" no longer fits before it`;
  if (
    numberOf(replacement) &&
    after !== undefined &&
    (SINGULAR_HEADS.has(after) || PLURAL_HEADS.has(after) || ['patient', 'patients', 'pt', 'pts'].includes(after))
  )
    return `a noun before "${after}"`;
  for (let i = 0; i + 1 < words.length; i++)
    if (TOPIC_OF.has(words[i] as string) && numberOf(words[i + 1] as string)) return `"${words[i]} ${words[i + 1]}" does not read`;
  const number = numberOf(replacement);
  const many = plural(wordsOf(actual));
  if (number === 'one' && many) return 'singular in place of plural words';
  if (number === 'many' && !many) return 'plural in place of singular words';
  for (const n of actual.match(/\d+/g) ?? []) if (!replacement.includes(n)) return `drops the number ${n}`;
  const had = topicsOf(actual);
  const has = topicsOf(replacement);
  for (const t of has) if (!had.has(t)) return `brings in a fact the words do not state (${t})`;
  for (const t of had) if (!has.has(t)) return `drops a fact the words state (${t})`;
  return undefined;
}

function findingsOf(engine: Engine, entry: LexiconEntry, sentence: string): readonly Finding[] {
  return entry.category === 'role' ? classifyDuty(sentence, {}, engine).findings : analyze(sentence, {}, engine).findings;
}

/**
 * Every replacement of every rule, applied to each of the rule's own fire examples where the
 * analyzer offers it: the sentence must change only in the flagged words, read (no repeated
 * word, article or verb that no longer fits, the same number), keep its facts, bring in no
 * other language finding, and no longer be flagged by the rule. A replacement that none of the
 * rule's fire examples is offered is a failure too: it would go unchecked.
 */
export function checkReplacements(engine: Engine, show?: (id: string, sentence: string, result: string) => void): ReplacementFailure[] {
  const failures: ReplacementFailure[] = [];
  for (const entry of engine.lexicon.entries) {
    if (entry.replacements.length === 0) continue;
    const offered = new Set<number>();
    for (const sentence of entry.examples.fire) {
      const prepared = engine.prepare(sentence);
      for (const f of flat(findingsOf(engine, entry, sentence))) {
        if (f.ruleId !== entry.id) continue;
        const start = f.start.offset;
        const end = f.end.offset;
        const [first, last] = engine.tokenRange(prepared, start, end);
        entry.replacements.forEach((r, k) => {
          const [out] = replacementsFor(
            [r],
            sentence,
            prepared.tokens,
            prepared.words,
            first,
            last - 1,
            first === 0,
            prepared.words[first - 1],
            prepared.words[last],
          );
          if (out === undefined) return;
          offered.add(k);
          show?.(entry.id, sentence, sentence.slice(0, start) + out + sentence.slice(end));
          if (!f.expected.includes(out))
            failures.push({ id: entry.id, file: entry.file, sentence, replacement: out, problem: 'is not offered with the finding' });
          const problem = replacementProblem(engine, entry, sentence, start, end, out);
          if (problem) failures.push({ id: entry.id, file: entry.file, sentence, replacement: out, problem });
        });
      }
    }
    entry.replacements.forEach((r, k) => {
      if (!offered.has(k))
        failures.push({
          id: entry.id,
          file: entry.file,
          sentence: '',
          replacement: replacementText(r),
          problem: 'is offered on none of its fire examples, so it is never checked',
        });
    });
  }
  return failures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../lexicon', import.meta.url));
  const { entries, phrases, sources, problems } = loadLexicon(dir);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in the lexicon: run npm run build:lexicon -w @peerlens/core`);
    process.exit(1);
  }
  const engine = new Engine({ entries, phrases, sources, protectedWords: protectedWordsFor(phrases) });
  const failures = checkExamples(engine);
  for (const f of failures) {
    console.log(`${f.file} ${f.id}: ${f.kind === 'fire' ? 'should fire but does not' : 'fires but should not'}: ${f.sentence}`);
  }
  console.log(
    `${failures.length} example(s) failing of ${entries.reduce((a, e) => a + e.examples.fire.length + e.examples.pass.length, 0)}`,
  );
  // --show: every replacement applied to every fire example, to read them through
  const show = process.argv.includes('--show')
    ? (id: string, sentence: string, result: string): void => console.log(`${id}: ${sentence}\n${' '.repeat(id.length)}→ ${result}`)
    : undefined;
  const replaced = checkReplacements(engine, show);
  for (const f of replaced) console.log(`${f.file} ${f.id}: "${f.replacement}" ${f.problem}${f.sentence ? `: ${f.sentence}` : ''}`);
  console.log(
    `${replaced.length} replacement problem(s); ${entries.reduce((a, e) => a + e.replacements.length, 0)} replacements of ${entries.filter((e) => e.replacements.length > 0).length} rules checked on their fire examples`,
  );
  process.exit(failures.length > 0 || replaced.length > 0 ? 1 : 0);
}
