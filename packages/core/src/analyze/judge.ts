/**
 * The cue features a trained model reads beside words (match/evidence.ts): what the engine's
 * scan of a unit found, after context (negation, quotation, who acts, mention) has been read.
 * The same function serves training (scripts/train-evidence.ts) and analysis, so the two cannot
 * drift apart.
 */
import type { DutyLabel } from '../types.js';
import type { UnitScan } from './scan.js';

/** The most a label's summed cue weight counts: past it, more cues say nothing new. */
const CUE_CAP = 4;
const LABELS: readonly DutyLabel[] = ['peer', 'overlap', 'clinical', 'conflict', 'errand'];
const SUM_NAMES = LABELS.map((l) => `=${l}`);

/** Feature names made once per rule id and context, so that look-ups hash a string they have seen. */
const names = new Map<string, Map<string, string>>();
function nameOf(prefix: string, id: string): string {
  let byId = names.get(prefix);
  if (byId === undefined) {
    byId = new Map();
    names.set(prefix, byId);
  }
  let name = byId.get(id);
  if (name === undefined) {
    name = prefix + id;
    byId.set(id, name);
  }
  return name;
}

function push(out: [string, number][], name: string): void {
  for (let i = 0; i < out.length; i++) if ((out[i] as [string, number])[0] === name) return;
  out.push([name, 1]);
}

export function cueFeatures(scan: UnitScan): [string, number][] {
  const out: [string, number][] = [];
  const sums = [0, 0, 0, 0, 0];
  const present = [false, false, false, false, false];
  for (const r of scan.reasons) {
    const k = LABELS.indexOf(r.label);
    sums[k] = (sums[k] as number) + r.weight;
    present[k] = true;
    push(out, nameOf('#', r.ruleId));
    if (r.context) push(out, nameOf(r.context === 'negated' ? '~negated:' : '~reported:', r.label));
  }
  for (let k = 0; k < LABELS.length; k++) if (present[k]) out.push([SUM_NAMES[k] as string, Math.min(CUE_CAP, sums[k] as number)]);
  if (usesDevaluingTerm(scan)) push(out, '!language');
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
