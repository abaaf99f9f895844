/**
 * Findings → editor diagnostics, as plain data (no DOM, no CodeMirror), so the mapping can be
 * tested on its own. A suggestion becomes a click-to-replace action only when it is a phrase that
 * can stand in for the flagged words; example sentences, bracketed hints and advice on roles are
 * shown as text for the person to think about.
 */
import type { Category, DimensionId, Finding, Severity } from '@peerlens/core';
import { sourceName } from './sources.js';

export interface DiagnosticData {
  readonly from: number;
  readonly to: number;
  readonly severity: Severity;
  readonly category: Category;
  readonly ruleId: string;
  readonly actual: string;
  readonly message: string;
  /** Why, with the source (the rule's note). */
  readonly why: string;
  readonly sources: readonly string[];
  readonly dimension?: DimensionId;
  /** Words a person may click to put in place of the flagged ones. */
  readonly replacements: readonly string[];
  /** Examples and hints shown as text only. */
  readonly hints: readonly string[];
}

/** True when a suggestion reads as a stand-in phrase rather than an example, a hint or advice. */
export function isReplacement(category: Category, suggestion: string): boolean {
  const s = suggestion.trim();
  if (!s || category === 'role') return false;
  if (s.startsWith('(') || s.includes('(')) return false;
  if (/[.?!]$/.test(s)) return false;
  return true;
}

/** Keeps a capital at the start of the flagged words when the suggestion replaces them. */
export function matchCase(actual: string, replacement: string): string {
  const first = actual.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

export function toDiagnosticData(finding: Finding): DiagnosticData {
  const replacements: string[] = [];
  const hints: string[] = [];
  for (const s of finding.expected) {
    if (isReplacement(finding.category, s)) {
      const r = matchCase(finding.actual, s);
      if (!replacements.includes(r) && r !== finding.actual) replacements.push(r);
    } else hints.push(s);
  }
  return {
    from: finding.start.offset,
    to: finding.end.offset,
    severity: finding.severity,
    category: finding.category,
    ruleId: finding.ruleId,
    actual: finding.actual,
    message: finding.message,
    why: finding.note,
    sources: finding.source.map(sourceName),
    ...(finding.dimension ? { dimension: finding.dimension } : {}),
    replacements,
    hints,
  };
}

/** Every finding as a diagnostic, in text order, clipped to the text. */
export function diagnosticsFor(findings: readonly Finding[], textLength: number): DiagnosticData[] {
  return findings
    .map(toDiagnosticData)
    .filter((d) => d.from >= 0 && d.to <= textLength && d.from <= d.to)
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The link to a dimension on the framework page. */
export function frameworkHref(dimension: DimensionId): string {
  return `/framework#${dimension}`;
}
