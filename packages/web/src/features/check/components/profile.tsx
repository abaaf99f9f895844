import { LABEL_TEXT, PERSPECTIVES } from '@peerlens/core';
import { useEffect, useRef } from 'preact/hooks';
import * as Plot from '@observablehq/plot';
import type { Profile } from '@peerlens/core';
import { dimensionRows, profileSentence, shareRows, type DimensionRow, type ShareRow } from '../profile.js';
import { LABEL_COLOR } from '../../../lib/labels.js';

function usePlot(make: () => SVGSVGElement | HTMLElement | null, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const chart = make();
    host.replaceChildren(...(chart ? [chart] : []));
    return () => host.replaceChildren();
  }, deps);
  return ref;
}

function sharesChart(rows: readonly ShareRow[]) {
  return Plot.plot({
    width: 340,
    height: 184,
    marginBottom: 44,
    marginLeft: 118,
    marginRight: 48,
    style: { fontSize: '13px' },
    x: { domain: [0, 100], percent: true, label: 'Share of sentences (%)', labelAnchor: 'center', grid: true, ticks: 5 },
    y: { domain: rows.map((r) => r.text), label: null },
    color: { domain: rows.map((r) => r.text), range: rows.map((r) => LABEL_COLOR[r.label]) },
    marks: [
      Plot.barX(rows, { x: 'share', y: 'text', fill: 'text' }),
      Plot.text(rows, { x: 'share', y: 'text', text: 'percent', dx: 4, textAnchor: 'start', fill: '#1f2328' }),
      Plot.ruleX([0]),
    ],
  });
}

function dimensionsChart(rows: readonly DimensionRow[]) {
  const titles = [...new Set(rows.map((r) => r.title))];
  return Plot.plot({
    width: 340,
    height: 60 + titles.length * 30,
    marginBottom: 40,
    marginLeft: 118,
    style: { fontSize: '13px' },
    x: {
      label: 'Sentences',
      labelAnchor: 'center',
      grid: true,
      tickFormat: 'd',
      ticks: Math.min(5, Math.max(1, ...titles.map((t) => rows.filter((r) => r.title === t).reduce((n, r) => n + r.count, 0)))),
    },
    y: { domain: titles, label: null },
    color: {
      legend: true,
      domain: PERSPECTIVES.map((p) => LABEL_TEXT[p]),
      range: PERSPECTIVES.map((p) => LABEL_COLOR[p]),
    },
    marks: [Plot.barX(rows, { x: 'count', y: 'title', fill: 'text', stroke: 'white', strokeWidth: 1 }), Plot.ruleX([0])],
  });
}

export function ProfilePanel({ profile }: { profile: Profile }) {
  const shares = shareRows(profile);
  const dims = dimensionRows(profile);
  const key = JSON.stringify([profile.counts, profile.byDimension]);
  const sharesRef = usePlot(() => (profile.units ? sharesChart(shares) : null), [key]);
  const dimsRef = usePlot(() => (dims.length ? dimensionsChart(dims) : null), [key]);
  const touched = [...new Set(dims.map((d) => d.dimension))];
  return (
    <section class="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">Perspective profile</h2>
      <p class="profile-sentence" data-testid="profile-sentence" aria-live="polite">
        {profileSentence(profile)}
      </p>
      {profile.units > 0 && (
        <>
          <div ref={sharesRef} class="chart" aria-hidden="true" />
          <table class="data-table" data-testid="profile-table">
            <caption>Share of sentences by perspective</caption>
            <thead>
              <tr>
                <th scope="col">Perspective</th>
                <th scope="col">Sentences</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((r) => (
                <tr key={r.label} data-label={r.label}>
                  <th scope="row">
                    <span class={`swatch swatch-${r.label}`} aria-hidden="true" />
                    {r.text}
                  </th>
                  <td>{r.count}</td>
                  <td>{r.percent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {dims.length > 0 && (
        <>
          <h3>By dimension</h3>
          <div ref={dimsRef} class="chart" aria-hidden="true" />
          <table class="data-table">
            <caption>Sentences touching each dimension, by perspective</caption>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                {PERSPECTIVES.map((p) => (
                  <th scope="col" key={p}>
                    {LABEL_TEXT[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {touched.map((id) => {
                const row = dims.filter((d) => d.dimension === id);
                return (
                  <tr key={id}>
                    <th scope="row">
                      <a href={`/framework#${id}`}>{row[0]?.title}</a>
                    </th>
                    {PERSPECTIVES.map((p) => (
                      <td key={p}>{row.find((r) => r.perspective === p)?.count ?? 0}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
