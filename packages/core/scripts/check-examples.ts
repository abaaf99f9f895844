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
  process.exit(failures.length > 0 ? 1 : 0);
}
