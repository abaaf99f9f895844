/**
 * The cue features a trained model reads beside words (match/evidence.ts): what the engine's
 * scan of a unit found, after context (negation, quotation, who acts, mention) has been read.
 * The same function serves training (scripts/train-evidence.ts) and analysis, so the two cannot
 * drift apart.
 */
import type { UnitScan } from './engine.js';

/** The most a label's summed cue weight counts: past it, more cues say nothing new. */
const CUE_CAP = 4;

export function cueFeatures(scan: UnitScan): [string, number][] {
  const out: [string, number][] = [];
  const seen = new Set<string>();
  const sums = new Map<string, number>();
  const once = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push([name, 1]);
  };
  for (const r of scan.reasons) {
    sums.set(r.label, (sums.get(r.label) ?? 0) + r.weight);
    once(`#${r.ruleId}`);
    if (r.context) once(`~${r.context}:${r.label}`);
  }
  for (const [label, sum] of sums) out.push([`=${label}`, Math.min(CUE_CAP, sum)]);
  if (usesDevaluingTerm(scan)) once('!language');
  return out;
}

/**
 * Whether a unit uses a devaluing term about someone (not a mention, not a person's own words,
 * not an organization's own deny list): never evidence for peer.
 */
export function usesDevaluingTerm(scan: UnitScan): boolean {
  for (const f of scan.findings) if (f.category === 'language' && f.severity !== 'info' && !f.source.includes('organization')) return true;
  return false;
}
