/**
 * An organization's allow list: phrases never flagged (`AnalyzeOptions.allow`, the `allow` of a
 * PeerLens configuration file). Kept by the CLI in `.peerlensrc.*` and by the web app's server;
 * both read and write the same shape, `{ "allow": [ ... ] }`. Browser-safe.
 */
import { phraseVariants } from '../lexicon/expand.js';

/** The most phrases an allow list holds, and the longest phrase. */
export const ALLOW_LIMITS = { phrases: 500, length: 200 } as const;

/** Why a phrase cannot stand on an allow list (it is matched like a lexicon phrase), or null when it can. */
export function allowPhraseProblem(phrase: string): string | null {
  if (phrase.trim() === '') return 'An allowed phrase needs at least one word.';
  if (phrase.length > ALLOW_LIMITS.length) return `An allowed phrase is at most ${ALLOW_LIMITS.length} characters.`;
  try {
    if (phraseVariants(phrase).length === 0) return `"${phrase}" has no words.`;
  } catch (e) {
    return `"${phrase}" cannot be read: ${(e as Error).message}`;
  }
  return null;
}

/**
 * The allow-list phrase for words a finding flagged: lower case, spaces collapsed, and the
 * characters the phrase syntax reads (`[ ] | < >`) left out, so it allows exactly those words.
 */
export function allowPhraseFor(words: string): string {
  return words
    .toLowerCase()
    .replace(/[[\]|<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The list tidied: phrases trimmed, empty ones and repeats (in any case) left out, in the order given. */
export function tidyAllowList(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const p = raw.replace(/\s+/g, ' ').trim();
    const key = p.toLowerCase();
    if (p === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** A PeerLens configuration holding only an allow list: what `peerlens check -c FILE` reads. */
export function allowListConfig(list: readonly string[]): { allow: string[] } {
  return { allow: tidyAllowList(list) };
}

/**
 * The allow list of a PeerLens configuration read as JSON: a `.peerlensrc.json` (`allow` at the
 * top) or a `package.json` (`peerlens.allow`). `ignored` names the other settings, which only the
 * CLI uses; `problems` says what is wrong (nothing is taken then).
 */
export function allowListFromConfig(config: unknown): { allow: string[]; ignored: string[]; problems: string[] } {
  const none = (problem: string) => ({ allow: [], ignored: [], problems: [problem] });
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return none('A PeerLens configuration is a JSON object.');
  let c = config as Record<string, unknown>;
  if (!('allow' in c) && typeof c.peerlens === 'object' && c.peerlens !== null && !Array.isArray(c.peerlens))
    c = c.peerlens as Record<string, unknown>;
  if (!('allow' in c)) return none('This configuration has no "allow" list.');
  const list = c.allow;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) return none('"allow" is a list of phrases (strings).');
  const problems = (list as string[]).flatMap((p, i) => {
    const problem = allowPhraseProblem(p);
    return problem ? [`allow[${i}]: ${problem}`] : [];
  });
  const allow = tidyAllowList(list as string[]);
  if (allow.length > ALLOW_LIMITS.phrases) problems.push(`An allow list holds at most ${ALLOW_LIMITS.phrases} phrases.`);
  const ignored = Object.keys(c).filter((k) => k !== 'allow');
  return problems.length > 0 ? { allow: [], ignored, problems } : { allow, ignored, problems };
}
