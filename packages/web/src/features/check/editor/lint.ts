/** Core findings as @codemirror/lint diagnostics, with why, source, a framework link and click-to-replace actions. */
import { isolateHistory } from '@codemirror/commands';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { dimension as frameworkDimension, type Finding, CATEGORY_TEXT, SEVERITY_TEXT } from '@peerlens/core';
import { diagnosticsFor, frameworkHref, type DiagnosticData } from '../diagnostics.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (string | Node)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function render(d: DiagnosticData): HTMLElement {
  const box = el('div', 'pl-diag');
  box.append(el('p', 'pl-diag-kind', `${CATEGORY_TEXT[d.category]} · ${SEVERITY_TEXT[d.severity]}`));
  box.append(el('p', 'pl-diag-message', d.message));
  for (const h of d.hints) box.append(el('p', 'pl-diag-hints', el('strong', '', 'Instead: '), h));
  for (const o of d.also)
    box.append(el('p', 'pl-diag-also', el('strong', '', `Also (${CATEGORY_TEXT[o.category].toLowerCase()}): `), o.message));
  // why and source fold away, so that the replacement buttons below stay in view on a short screen
  const details = el('details', 'pl-diag-details', el('summary', '', 'Why and source'));
  details.append(el('p', 'pl-diag-why', el('strong', '', 'Why: '), d.why));
  if (d.sources.length) details.append(el('p', 'pl-diag-source', el('strong', '', 'Source: '), d.sources.join('; ')));
  box.append(details);
  if (d.dimension) {
    const a = el('a', 'pl-diag-link', `Framework: ${frameworkDimension(d.dimension).title}`);
    a.href = frameworkHref(d.dimension);
    box.append(el('p', '', a));
  }
  return box;
}

/** Replaces the flagged words, at their current place, with the suggestion a person chose. */
export function replaceRange(view: EditorView, from: number, to: number, text: string): void {
  // its own undo step, apart from any typing around it, so Ctrl/Cmd-Z takes back exactly the suggestion
  view.dispatch({
    changes: { from, to, insert: text },
    selection: { anchor: from + text.length },
    userEvent: 'input.replace',
    annotations: isolateHistory.of('full'),
  });
}

export function toCmDiagnostic(d: DiagnosticData): Diagnostic {
  return {
    from: d.from,
    to: d.to,
    severity: d.severity,
    source: `PeerLens ${CATEGORY_TEXT[d.category].toLowerCase()} · ${d.ruleId}`,
    message: `${d.message} Why: ${d.why}`,
    markClass: `pl-mark-${d.category}`,
    renderMessage: () => render(d),
    actions: d.replacements.map((r) => ({
      name: `Use “${r}”`,
      apply: (view: EditorView, from: number, to: number) => replaceRange(view, from, to, r),
    })),
  };
}

export function findingsToCm(findings: readonly Finding[], textLength: number): Diagnostic[] {
  return diagnosticsFor(findings, textLength).map(toCmDiagnostic);
}
