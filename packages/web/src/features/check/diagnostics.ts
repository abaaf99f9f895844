/**
 * Findings → editor diagnostics, as plain data (no DOM, no CodeMirror), so the mapping can be
 * tested on its own. The rule data says which is which: a finding's replacements (`expected`)
 * stand in for exactly the flagged words and become click-to-replace actions; its hints are
 * advice, shown as text and never inserted (issue 13). Findings merged into one (`also`) are
 * shown with it.
 */
import type { Category, DimensionId, Finding, Severity } from '@peerlens/core';
import { sourceName } from '../../lib/sources.js';

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
  /** Advice shown as text only. */
  readonly hints: readonly string[];
  /** What other rules said about some of the same words. */
  readonly also: readonly {
    readonly ruleId: string;
    readonly category: Category;
    readonly message: string;
    readonly hints: readonly string[];
  }[];
}

export function toDiagnosticData(finding: Finding): DiagnosticData {
  // core matches the case, keeps the article fitting and never offers the flagged words themselves
  const replacements = finding.expected.filter((r, i) => r !== finding.actual && finding.expected.indexOf(r) === i);
  const hints = [...(finding.hints ?? [])];
  const also = (finding.also ?? []).map((o) => ({ ruleId: o.ruleId, category: o.category, message: o.message, hints: o.hints ?? [] }));
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
    also,
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
