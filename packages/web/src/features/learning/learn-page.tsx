/**
 * Team learning: the card sort. Members place the framework's statements as peer, shared
 * (overlap) or clinical with radio buttons (keyboard first); the team then sees an anonymous
 * map of where its views differ, beside the chart's own column, and a discussion guide to print
 * for the meeting.
 */
import { LABEL_TEXT, PERSPECTIVES } from '@peerlens/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as Plot from '@observablehq/plot';
import { type CardSortInfo, type GuideItem, type MapRow, type Placement, type TeamChoice, type TeamMapReply } from '../../api.js';
import { learnApi } from './api.js';
import { errorText, MemberPage, type Loaded, type Member } from '../../components/member.js';
import { LABEL_COLOR } from '../../lib/labels.js';
import { navigate } from '../../router.js';
import { citationText } from '../../lib/sources.js';
import type { Citation } from '@peerlens/core';

const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

function sortHref(id: string, view: 'place' | 'map'): string {
  return `/learn?sort=${encodeURIComponent(id)}&view=${view}`;
}

export function LearnPage() {
  const params = new URLSearchParams(location.search);
  const sortId = params.get('sort');
  const view = params.get('view') === 'map' ? 'map' : 'place';
  return (
    <MemberPage
      title="Team learning"
      lede={
        <>
          A card sort for the whole team: each of you places the framework’s statements as peer, shared (overlap) or clinical. Then the team
          sees where its views differ, beside the chart’s own answer, and talks it through. Nobody’s choices are shown by name; it is a
          starting point for a conversation, never a test.
        </>
      }
    >
      {(member) =>
        sortId === null ? <SortList member={member} /> : view === 'map' ? <TeamMapView id={sortId} /> : <PlaceView id={sortId} />
      }
    </MemberPage>
  );
}

function SortList({ member }: { member: Member }) {
  const [state, setState] = useState<Loaded<{ sorts: readonly CardSortInfo[]; teams: readonly TeamChoice[] }>>({ kind: 'loading' });
  const [status, setStatus] = useState('');
  const load = (): void => {
    learnApi.sorts().then(
      (value) => setState({ kind: 'ready', value }),
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  };
  useEffect(load, []);

  const setSortStatus = async (s: CardSortInfo, next: 'open' | 'closed'): Promise<void> => {
    try {
      await learnApi.setStatus(s.id, next);
      setStatus(next === 'closed' ? `“${s.title}” is closed.` : `“${s.title}” is open again.`);
      load();
    } catch (e) {
      setStatus(`Could not change “${s.title}”: ${errorText(e)}`);
    }
  };

  if (state.kind === 'loading') return <p role="status">Loading card sorts…</p>;
  if (state.kind === 'error')
    return (
      <p role="alert" class="error">
        {state.message}
      </p>
    );
  const { sorts, teams } = state.value;
  return (
    <>
      {teams.length > 0 && <OpenSortForm teams={teams} onOpened={(s) => navigate(sortHref(s.id, s.canPlace ? 'place' : 'map'))} />}
      <section class="panel" aria-labelledby="sorts-title">
        <h2 id="sorts-title">Card sorts</h2>
        <p role="status" class="save-status">
          {status}
        </p>
        {sorts.length === 0 ? (
          <p class="muted" data-testid="no-sorts">
            {member.role === 'peer'
              ? 'No card sort for your team yet. Your supervisor can open one.'
              : 'No card sort yet. Open one above for a team meeting.'}
          </p>
        ) : (
          <div class="table-wrap">
            <table class="data-table" data-testid="sorts-table">
              <caption class="sr-only">Card sorts you can see</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Team</th>
                  <th scope="col">Status</th>
                  <th scope="col">Taken part</th>
                  <th scope="col">Your cards</th>
                  <th scope="col">Open</th>
                </tr>
              </thead>
              <tbody>
                {sorts.map((s) => (
                  <tr key={s.id}>
                    <td>{s.title}</td>
                    <td>{s.teamName}</td>
                    <td>{s.status === 'open' ? 'Open' : 'Closed'}</td>
                    <td>
                      {s.participants} of {s.members} members
                    </td>
                    <td>{s.canPlace ? `${s.myPlaced} of ${s.statements} placed` : '—'}</td>
                    <td>
                      <ul class="inline-actions">
                        {s.canPlace && (
                          <li>
                            <a href={sortHref(s.id, 'place')}>{s.status === 'open' ? 'Place the cards' : 'See your cards'}</a>
                          </li>
                        )}
                        <li>
                          <a href={sortHref(s.id, 'map')}>Team map and guide</a>
                        </li>
                        {s.canManage && (
                          <li>
                            <button
                              type="button"
                              onClick={() => void setSortStatus(s, s.status === 'open' ? 'closed' : 'open')}
                              aria-label={`${s.status === 'open' ? 'Close' : 'Reopen'} ${s.title}`}
                            >
                              {s.status === 'open' ? 'Close' : 'Reopen'}
                            </button>
                          </li>
                        )}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function OpenSortForm({ teams, onOpened }: { teams: readonly TeamChoice[]; onOpened: (s: CardSortInfo) => void }) {
  const [title, setTitle] = useState('');
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [error, setError] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      onOpened(await learnApi.openSort(title.trim() || 'Card sort', teams.length > 1 ? teamId : undefined));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section class="panel no-print" aria-labelledby="open-title">
      <h2 id="open-title">Open a card sort</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="sort-title">Title</label>
          <input
            id="sort-title"
            type="text"
            value={title}
            placeholder="e.g. Team meeting, March"
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </div>
        {teams.length > 1 ? (
          <div class="field">
            <label for="sort-team">Team</label>
            <select id="sort-team" value={teamId} onChange={(e) => setTeamId((e.target as HTMLSelectElement).value)}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p class="help">For {teams[0]?.name}.</p>
        )}
        <div class="button-row">
          <button type="submit" class="primary">
            Open the card sort
          </button>
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

interface SortDetail {
  sort: CardSortInfo;
  cards: readonly { id: string; text: string }[];
  placements: Readonly<Record<string, Placement>>;
}

function PlaceView({ id }: { id: string }) {
  const [state, setState] = useState<Loaded<SortDetail>>({ kind: 'loading' });
  const [placements, setPlacements] = useState<Record<string, Placement>>({});
  const [status, setStatus] = useState('');
  useEffect(() => {
    learnApi.sort(id).then(
      (value) => {
        setPlacements({ ...value.placements });
        setState({ kind: 'ready', value });
      },
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  }, [id]);
  if (state.kind === 'loading') return <p role="status">Loading the cards…</p>;
  if (state.kind === 'error')
    return (
      <p role="alert" class="error">
        {state.message}
      </p>
    );
  const { sort, cards } = state.value;
  const closed = sort.status !== 'open';
  const placed = cards.filter((c) => placements[c.id] !== undefined).length;

  const place = async (statementId: string, p: Placement, n: number): Promise<void> => {
    const before = placements[statementId];
    setPlacements((prev) => ({ ...prev, [statementId]: p }));
    try {
      await learnApi.place(id, statementId, p);
      setStatus(`Card ${n} saved as ${LABEL_TEXT[p].toLowerCase()}.`);
    } catch (e) {
      setPlacements((prev) => {
        const next = { ...prev };
        if (before === undefined) delete next[statementId];
        else next[statementId] = before;
        return next;
      });
      setStatus(`Card ${n} was not saved: ${errorText(e)}`);
    }
  };

  return (
    <section class="panel" aria-labelledby="place-title">
      <p class="no-print">
        <a href="/learn">All card sorts</a> · <a href={sortHref(id, 'map')}>Team map and guide</a>
      </p>
      <h2 id="place-title">
        {sort.title} <span class="muted">({sort.teamName})</span>
      </h2>
      {cards.length === 0 ? (
        <p>Only members of {sort.teamName} place cards in this sort. The team map is open to you.</p>
      ) : (
        <>
          <p class="help">
            For each statement, choose where you think it sits: the peer column, the shared (overlap) column, or the clinical column. Each
            choice is saved as you make it; come back any time while the sort is open.
            {closed && ' This sort is closed, so the choices can no longer change.'}
          </p>
          <p>
            <label for="sort-progress">Your progress: </label>
            <progress id="sort-progress" max={cards.length} value={placed}>
              {placed} of {cards.length}
            </progress>{' '}
            <span data-testid="sort-progress">
              {placed} of {cards.length} placed
            </span>
          </p>
          <p role="status" class="save-status" data-testid="place-status">
            {status}
          </p>
          <ol class="sort-cards">
            {cards.map((c, i) => (
              <li key={c.id} class="sort-card">
                <fieldset disabled={closed} data-testid="sort-card">
                  <legend>
                    <span class="sort-card-number">Card {i + 1}.</span> {c.text}
                  </legend>
                  <div class="sort-choices">
                    {PERSPECTIVES.map((p) => (
                      <label key={p} class="check">
                        <input
                          type="radio"
                          name={`card-${i + 1}`}
                          value={p}
                          checked={placements[c.id] === p}
                          onChange={() => void place(c.id, p, i + 1)}
                        />{' '}
                        {LABEL_TEXT[p]}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          {placed === cards.length && (
            <p>
              All cards placed. Thank you. <a href={sortHref(id, 'map')}>See the team map</a>.
            </p>
          )}
        </>
      )}
    </section>
  );
}

interface ChartRow {
  label: string;
  placement: string;
  count: number;
}

const SHORT: Readonly<Record<Placement, string>> = { peer: 'peer', overlap: 'shared', clinical: 'clinical' };

/** The label of a statement in the chart: its number in the table, its dimension and the chart's column. */
const chartLabel = (n: number, r: MapRow): string => `${n}. ${r.statement.dimensionTitle} (${SHORT[r.statement.column]})`;

const CHART_FAMILY = 'system-ui, sans-serif';
const CHART_FONT = `13px ${CHART_FAMILY}`;

/** The width of `text` in pixels in `font`, measured by the browser (a generous guess where it cannot measure). */
function textWidth(text: string, font: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * 8;
  ctx.font = font;
  return ctx.measureText(text).width;
}

/** Whole-number ticks from 0 to `max`: every number when there are few, else steps of 2, 5, 10, 20, 50 … (at most about 10 ticks). */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let k = 0; top / step > 10; k++) step = [2, 5, 10][k % 3]! * 10 ** Math.floor(k / 3);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

function mapChart(data: TeamMapReply) {
  const shown = data.rows.map((r, i) => ({ r, label: chartLabel(i + 1, r) })).filter(({ r }) => r.shown && r.counts);
  if (shown.length === 0) return null;
  const rows: ChartRow[] = shown.flatMap(({ r, label }) =>
    PERSPECTIVES.map((p) => ({ label, placement: LABEL_TEXT[p], count: r.counts?.[p] ?? 0 })),
  );
  const labels = shown.map((x) => x.label);
  // counts of people: whole numbers only on the axis (a small team would otherwise read 0 0 0 1 1 1 …)
  const most = Math.max(1, ...shown.map(({ r }) => PERSPECTIVES.reduce((a, p) => a + (r.counts?.[p] ?? 0), 0)));
  return Plot.plot({
    width: 720,
    height: 70 + labels.length * 26,
    // room for the longest row label, measured in the chart's own font, so none is cut off
    marginLeft: Math.min(360, Math.ceil(Math.max(...labels.map((l) => textWidth(l, CHART_FONT)))) + 16),
    marginRight: 24,
    marginBottom: 40,
    style: { fontSize: '13px', fontFamily: CHART_FAMILY },
    x: { label: 'Members’ placements', labelAnchor: 'center', grid: true, domain: [0, most], ticks: integerTicks(most), tickFormat: 'd' },
    y: { domain: labels, label: null },
    color: { legend: true, domain: PERSPECTIVES.map((p) => LABEL_TEXT[p]), range: PERSPECTIVES.map((p) => LABEL_COLOR[p]) },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({ x: 'count', y: 'label', fill: 'placement', order: PERSPECTIVES.map((p) => LABEL_TEXT[p]), stroke: 'white' }),
      ),
      Plot.ruleX([0]),
    ],
  });
}

function TeamMapView({ id }: { id: string }) {
  const [state, setState] = useState<Loaded<{ map: TeamMapReply; guide: readonly GuideItem[] }>>({ kind: 'loading' });
  const chartRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    Promise.all([learnApi.map(id), learnApi.guide(id)]).then(
      ([map, guide]) => setState({ kind: 'ready', value: { map, guide: guide.items } }),
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  }, [id]);
  useEffect(() => {
    const host = chartRef.current;
    if (!host || state.kind !== 'ready') return;
    const chart = mapChart(state.value.map);
    host.replaceChildren(...(chart ? [chart] : []));
    return () => host.replaceChildren();
  }, [state]);

  if (state.kind === 'loading') return <p role="status">Loading the team map…</p>;
  if (state.kind === 'error')
    return (
      <p role="alert" class="error">
        {state.message}
      </p>
    );
  const { map, guide } = state.value;
  const shown = map.rows.filter((r) => r.shown);
  const divided = new Set(map.mostDivided.slice(0, guide.length || 5));
  return (
    <div class="team-map">
      <p class="no-print">
        <a href="/learn">All card sorts</a>
        {map.sort.canPlace && (
          <>
            {' '}
            · <a href={sortHref(id, 'place')}>Your cards</a>
          </>
        )}
      </p>
      <section class="panel" aria-labelledby="map-title">
        <h2 id="map-title">
          Team map: {map.sort.title} <span class="muted">({map.sort.teamName})</span>
        </h2>
        <p data-testid="map-participation">
          {map.sort.participants} of {map.sort.members} members have taken part. A statement’s counts appear once {map.anonymityMin} or more
          members have placed it, so no one’s choices can be picked out.
        </p>
        {shown.length === 0 ? (
          <p class="muted" data-testid="map-empty">
            No statement has been placed by {map.anonymityMin} members yet.
          </p>
        ) : (
          <figure class="chart">
            <div ref={chartRef} data-testid="map-chart" aria-hidden="true" />
            <figcaption>
              How members placed each statement placed by {map.anonymityMin} or more; the chart’s own column is named beside each. The table
              below gives the same figures.
            </figcaption>
          </figure>
        )}
        <div class="table-wrap">
          <table class="data-table map-table" data-testid="map-table">
            <caption>Placements per statement, with the chart’s column and its source</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Statement</th>
                <th scope="col">Chart’s column</th>
                <th scope="col">Peer</th>
                <th scope="col">Shared (overlap)</th>
                <th scope="col">Clinical</th>
                <th scope="col">Placed elsewhere than the chart</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {map.rows.map((r, i) => (
                <tr key={r.statement.id} data-statement={r.statement.id} class={divided.has(r.statement.id) ? 'divided' : undefined}>
                  <td>{i + 1}</td>
                  <td>
                    {r.statement.text}
                    <span class="muted"> ({r.statement.dimensionTitle})</span>
                    {divided.has(r.statement.id) && <strong class="divided-tag"> Views differ most</strong>}
                  </td>
                  <td>{LABEL_TEXT[r.statement.column]}</td>
                  {r.shown && r.counts ? (
                    <>
                      <td>{r.counts.peer}</td>
                      <td>{r.counts.overlap}</td>
                      <td>{r.counts.clinical}</td>
                      <td>{percent(r.offChart)}</td>
                    </>
                  ) : (
                    <td colSpan={4} class="muted">
                      {r.placed === 0 ? 'Not placed yet' : `Fewer than ${map.anonymityMin} members have placed it`}
                    </td>
                  )}
                  <td class="cite">{r.statement.cite.map((c) => citationText(c as Citation)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel guide" aria-labelledby="guide-title" data-testid="guide">
        <h2 id="guide-title">Discussion guide</h2>
        <p>
          Built from the statements where the team’s views differ most from each other or from the chart. Questions for the meeting, then
          what the framework says, in PeerLens’s words, with its source.
        </p>
        <div class="button-row no-print">
          <button type="button" onClick={() => window.print()}>
            Print the guide
          </button>
        </div>
        {guide.length === 0 ? (
          <p class="muted">
            Not enough placements yet to build a guide: the team agrees with the chart everywhere it has placed, or few have taken part.
          </p>
        ) : (
          <ol class="guide-items">
            {guide.map((g) => (
              <li key={g.statement.id} class="guide-item" data-statement={g.statement.id}>
                <h3>“{g.statement.text}”</h3>
                <p>{g.why}</p>
                <h4>Questions for the meeting</h4>
                <ul>
                  {g.questions.map((q) => (
                    <li key={q}>{q}</li>
                  ))}
                </ul>
                <h4>What the framework says</h4>
                <p>{g.framework}</p>
                <p class="cite">Source: {g.statement.cite.map((c) => `${c.sourceName}, ${c.locator}`).join('; ')}.</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
