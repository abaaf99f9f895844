import { useEffect, useState } from 'preact/hooks';
import {
  DIMENSIONS,
  ROLE_BOUNDARIES,
  TRAINING_AREAS,
  TRAINING_NOTES,
  type Citation,
  type Dimension,
  type Perspective,
  LABEL_TEXT,
  PERSPECTIVES,
} from '@peerlens/core';
import { citationText } from '../../lib/sources.js';

function Cites({ cite }: { cite: readonly Citation[] }) {
  return (
    <p class="cite">
      <span class="cite-label">Source: </span>
      {cite.map((c, i) => (
        <span key={i}>
          {i > 0 ? '; ' : ''}
          <cite>{citationText(c)}</cite>
        </span>
      ))}
    </p>
  );
}

function matches(d: Dimension, q: string): boolean {
  if (!q) return true;
  const hay = [d.id, d.title, d.question, ...Object.values(d.views).flatMap((v) => (v ? [v.summary, v.detail] : []))]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function FrameworkPage({ hash }: { hash: string }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<Record<Perspective, boolean>>({ peer: true, overlap: true, clinical: true });
  const [expanded, setExpanded] = useState<{ open: boolean; round: number }>({ open: false, round: 0 });
  const [target, setTarget] = useState(hash);

  useEffect(() => {
    const onHash = (): void => setTarget(location.hash.slice(1));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!target || !DIMENSIONS.some((d) => d.id === target)) return;
    const row = document.getElementById(target);
    if (!row) return;
    row.scrollIntoView({ block: 'start' });
    (row.querySelector('th') as HTMLElement | null)?.focus();
  }, [target]);

  const rows = DIMENSIONS.filter((d) => matches(d, query) || d.id === target);
  const columns = PERSPECTIVES.filter((p) => shown[p]);

  return (
    <div class="framework-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          The framework
        </h1>
        <p class="lede">
          Nine dimensions of the work, each seen from a peer perspective, a perspective peers and clinicians share, and a clinical one. The
          text is our own summary; each cell names the source it rests on, and the sources are the authority.
        </p>
      </div>
      <section class="panel framework-controls" aria-label="Filter the chart">
        <div class="field inline">
          <label for="fw-filter">Filter dimensions</label>
          <input
            id="fw-filter"
            type="search"
            value={query}
            placeholder="e.g. choice, sharing, rights"
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
        </div>
        <fieldset class="inline">
          <legend>Show views</legend>
          {PERSPECTIVES.map((p) => (
            <label key={p} class="check">
              <input
                type="checkbox"
                checked={shown[p]}
                onChange={(e) => setShown({ ...shown, [p]: (e.target as HTMLInputElement).checked })}
              />{' '}
              {LABEL_TEXT[p]}
            </label>
          ))}
        </fieldset>
        <div class="button-row">
          <button type="button" onClick={() => setExpanded({ open: true, round: expanded.round + 1 })}>
            Expand all details
          </button>
          <button type="button" onClick={() => setExpanded({ open: false, round: expanded.round + 1 })}>
            Collapse all details
          </button>
        </div>
        <p role="status" class="muted">
          Showing {rows.length} of {DIMENSIONS.length} dimensions.
        </p>
      </section>
      <div class="table-wrap">
        <table class="data-table framework-table" data-testid="framework-table">
          <caption class="sr-only">Dimensions of the work by perspective, with sources</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              {columns.map((p) => (
                <th scope="col" key={p} class={`col-${p}`}>
                  <span class={`badge badge-${p}`}>{LABEL_TEXT[p]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr id={d.id} key={d.id} class={d.id === target ? 'targeted' : undefined}>
                <th scope="row" tabIndex={-1}>
                  <span class="dim-title">{d.title}</span>
                  <span class="dim-question">{d.question}</span>
                </th>
                {columns.map((p) => {
                  const v = d.views[p];
                  return (
                    <td key={p}>
                      {v ? (
                        <>
                          <p class="view-summary">{v.summary}</p>
                          <details key={`${d.id}-${p}-${expanded.round}`} open={expanded.open}>
                            <summary>
                              More
                              <span class="sr-only">
                                {' '}
                                on the {LABEL_TEXT[p].toLowerCase()} view of {d.title}
                              </span>
                            </summary>
                            <p>{v.detail}</p>
                          </details>
                          <Cites cite={v.cite} />
                        </>
                      ) : (
                        <p class="muted">The sources describe no {LABEL_TEXT[p].toLowerCase()} view here.</p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section class="panel" aria-labelledby="boundaries-title">
        <h2 id="boundaries-title">Tasks a peer role should not be given</h2>
        <p>The reason is the power a task gives over the person, or the pull away from peer work, never a question of ability.</p>
        <div class="cards">
          {ROLE_BOUNDARIES.map((b) => (
            <article key={b.id} class="card" id={`boundary-${b.id}`}>
              <h3>
                <span class={`badge badge-${b.kind === 'clinical' ? 'clinical' : b.kind}`}>{LABEL_TEXT[b.kind]}</span> {b.task}
              </h3>
              <p>{b.why}</p>
              <p>
                <strong>Instead: </strong>
                {b.instead}
              </p>
              <Cites cite={b.cite} />
            </article>
          ))}
        </div>
      </section>

      <section class="panel" aria-labelledby="training-title">
        <h2 id="training-title">Where peer training can grow</h2>
        {(['wider', 'deeper'] as const).map((dir) => (
          <div key={dir}>
            <h3>{dir === 'wider' ? 'Wider: more settings' : 'Deeper: further in the work'}</h3>
            <ul class="training">
              {TRAINING_AREAS.filter((t) => t.direction === dir).map((t) => (
                <li key={t.id} id={`training-${t.id}`}>
                  <strong>{t.title}.</strong> {t.description} <Cites cite={t.cite} />
                </li>
              ))}
            </ul>
          </div>
        ))}
        <h3>Keep in mind</h3>
        <ul class="training">
          {TRAINING_NOTES.map((n, i) => (
            <li key={i}>
              {n.text} <Cites cite={n.cite} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
