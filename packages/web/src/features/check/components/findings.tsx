/**
 * The checker's list of findings (issue 13): shown by category or all, one after another or
 * grouped by rule; each can be ignored in this note (undoable, and left out of every count),
 * and an admin can allow its words for the whole organization.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { dimension as frameworkDimension, type Category, CATEGORY_TEXT, CATEGORIES, SEVERITY_TEXT } from '@peerlens/core';
import { frameworkHref, type DiagnosticData } from '../diagnostics.js';

export interface FindingsProps {
  /** The findings not ignored, in text order. */
  readonly diags: readonly DiagnosticData[];
  /** The findings ignored in this note. */
  readonly ignored: readonly DiagnosticData[];
  readonly lineOf: (offset: number) => number;
  readonly canAllow: boolean;
  readonly onFocus: (from: number, to: number) => void;
  readonly onApply: (from: number, to: number, expected: string, text: string) => void;
  /** Someone else's note, opened to read: no replacement is offered. */
  readonly readOnly?: boolean;
  readonly onIgnore: (d: DiagnosticData) => void;
  readonly onRestore: (d: DiagnosticData) => void;
  readonly onAllow: (d: DiagnosticData) => Promise<void>;
}

/** The categories a finding counts in: its own and those of the findings merged into it. */
const categoriesOf = (d: DiagnosticData): Category[] => [d.category, ...d.also.map((o) => o.category)];

export function FindingsPanel(props: FindingsProps) {
  const { diags, ignored } = props;
  const [filter, setFilter] = useState<'all' | Category>('all');
  const [grouped, setGrouped] = useState(false);
  const shown = filter === 'all' ? diags : diags.filter((d) => categoriesOf(d).includes(filter));
  const count = (c: Category): number => diags.filter((d) => categoriesOf(d).includes(c)).length;

  const groups = new Map<string, DiagnosticData[]>();
  for (const d of shown) groups.set(d.ruleId, [...(groups.get(d.ruleId) ?? []), d]);
  const byRule = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || (a[1][0]?.from ?? 0) - (b[1][0]?.from ?? 0));

  const item = (d: DiagnosticData) => <FindingItem key={`${d.ruleId}-${d.from}-${d.to}`} d={d} {...props} />;

  return (
    <section class="panel" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings ({diags.length})</h2>
      {(diags.length > 0 || filter !== 'all') && (
        <div class="findings-tools">
          <div class="field inline">
            <label for="finding-filter">Show</label>
            <select
              id="finding-filter"
              value={filter}
              onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as 'all' | Category)}
            >
              <option value="all">Every category ({diags.length})</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_TEXT[c]} ({count(c)})
                </option>
              ))}
            </select>
          </div>
          <div class="field inline">
            <input
              id="finding-group"
              type="checkbox"
              checked={grouped}
              onChange={(e) => setGrouped((e.currentTarget as HTMLInputElement).checked)}
            />
            <label for="finding-group">Group by rule</label>
          </div>
        </div>
      )}
      {filter !== 'all' && (
        <p class="help" data-testid="findings-shown">
          Showing {shown.length} of {diags.length}: {CATEGORY_TEXT[filter].toLowerCase()} only.
        </p>
      )}
      {diags.length === 0 ? (
        <p>No findings in this note{ignored.length > 0 ? ' apart from those you ignored' : ''}.</p>
      ) : shown.length === 0 ? (
        <p>No {CATEGORY_TEXT[filter as Category].toLowerCase()} findings in this note.</p>
      ) : grouped ? (
        <ul class="finding-groups" data-testid="finding-groups">
          {byRule.map(([ruleId, ds]) => (
            <li key={ruleId} class="finding-group">
              <h3>
                <span class="finding-rule">{ruleId}</span> · {CATEGORY_TEXT[ds[0]?.category ?? 'language']} · {ds.length}{' '}
                {ds.length === 1 ? 'finding' : 'findings'}
              </h3>
              <ol class="findings">{ds.map(item)}</ol>
            </li>
          ))}
        </ul>
      ) : (
        <ol class="findings" data-testid="findings">
          {shown.map(item)}
        </ol>
      )}
      {ignored.length > 0 && (
        <details class="ignored-findings" data-testid="ignored-findings">
          <summary>Ignored in this note ({ignored.length})</summary>
          <p class="help">Ignored findings are left out of the counts. They are kept for this note until the tab is closed.</p>
          <ul>
            {ignored.map((d) => (
              <li key={`${d.ruleId}-${d.from}-${d.to}`}>
                “{d.actual}” <span class="finding-rule">({d.ruleId})</span>{' '}
                <button type="button" onClick={() => props.onRestore(d)}>
                  Show again<span class="sr-only"> “{d.actual}”</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function FindingItem({ d, lineOf, canAllow, onFocus, onApply, onIgnore, onAllow, readOnly }: { d: DiagnosticData } & FindingsProps) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <li class={`finding finding-${d.severity}`} data-rule={d.ruleId}>
      <p class="finding-kind">
        {CATEGORY_TEXT[d.category]} · {SEVERITY_TEXT[d.severity]} · line {lineOf(d.from)}
      </p>
      <p>
        <button type="button" class="link-button" onClick={() => onFocus(d.from, d.to)}>
          “{d.actual}”
        </button>{' '}
        {d.message}
      </p>
      {d.hints.map((h) => (
        <p key={h} class="finding-hint" data-testid="finding-hint">
          <strong>Instead: </strong>
          {h}
        </p>
      ))}
      {d.also.map((o) => (
        <p key={o.ruleId} class="finding-also" data-testid="finding-also">
          <strong>Also ({CATEGORY_TEXT[o.category].toLowerCase()}): </strong>
          {o.message}
        </p>
      ))}
      <details>
        <summary>
          Why<span class="sr-only"> this was noticed</span>
        </summary>
        <p>{d.why}</p>
        {d.sources.length > 0 && <p class="source">Source: {d.sources.join('; ')}</p>}
      </details>
      {!readOnly && d.replacements.length > 0 && (
        <div class="actions" role="group" aria-label={`Replacements for “${d.actual}”`}>
          {d.replacements.map((r) => (
            <button type="button" key={r} onClick={() => onApply(d.from, d.to, d.actual, r)}>
              Use “{r}”
            </button>
          ))}
        </div>
      )}
      <div class="actions finding-controls" role="group" aria-label={`Other choices for “${d.actual}”`}>
        <button type="button" onClick={() => onIgnore(d)}>
          Ignore<span class="sr-only"> “{d.actual}” in this note</span>
        </button>
        {canAllow && !confirming && (
          <button type="button" onClick={() => setConfirming(true)}>
            Allow for the organization…
          </button>
        )}
      </div>
      {canAllow && confirming && (
        <div class="allow-confirm" role="group" aria-label="Allow for the organization">
          <p>Never flag “{d.actual}” again, for anyone in this workspace? Admins can take it off the list under Privacy.</p>
          <button type="button" class="primary" ref={confirmRef} onClick={() => void onAllow(d).then(() => setConfirming(false))}>
            Allow “{d.actual}” for everyone
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {d.dimension && (
        <p class="finding-link">
          <a href={frameworkHref(d.dimension)}>Framework: {frameworkDimension(d.dimension).title}</a>
        </p>
      )}
    </li>
  );
}
