/**
 * /drift: a member's or a team's notes month by month: the share of each perspective, the
 * clinical and peer shares as lines, language findings per 1,000 words, and the drift signal
 * with the sentences behind it and the member's own reflection. Every chart is followed by a
 * table, so colour is never the only way to read it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import * as Plot from '@observablehq/plot';
import { DIMENSIONS, LABEL_TEXT, NOTE_LABELS, type DimensionId } from '@peerlens/core';
import { ApiError, loadSession, type DriftReply, type DriftScope, type SessionInfo } from '../../api.js';
import { historyApi, type MonthRange } from './api.js';
import { RangeForm, rangeFromSearch, rangeSearch, rangeText, RosterPanel } from './components/drift-tools.js';
import { Reflections } from './components/reflections.js';
import { LABEL_COLOR } from '../../lib/labels.js';

const message = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-03" → "Mar 2026". */
export function monthName(m: string): string {
  const [y, mo] = m.split('-');
  return `${MONTHS[Number(mo) - 1] ?? mo} ${y}`;
}
const short = (m: string): string => `${MONTHS[Number(m.slice(5, 7)) - 1] ?? ''} ${m.slice(2, 4)}`;

function usePlot(make: () => Element | null, key: string) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const chart = make();
    host.replaceChildren(...(chart ? [chart] : []));
    return () => host.replaceChildren();
  }, [key]);
  return ref;
}

type Choice = { member: string } | { team: string };

function initialChoice(scope: DriftScope): Choice | null {
  const q = new URLSearchParams(location.search);
  const m = q.get('member');
  const t = q.get('team');
  if (m && scope.members.some((x) => x.id === m)) return { member: m };
  if (t && scope.teams.some((x) => x.id === t)) return { team: t };
  // a peer specialist first (a peer sees themselves; a supervisor the first of their team), else a team, else oneself
  const peer = scope.members.find((x) => x.role === 'peer');
  if (peer) return { member: peer.id };
  // a team whose drift shows something (a leader sees no month in which fewer than 3 people wrote)
  const team = scope.teams.find((x) => x.shown);
  if (team) return { team: team.id };
  if (scope.teams.length > 0) return null;
  const self = scope.members[0];
  return self ? { member: self.id } : null;
}

const encode = (c: Choice): string => ('member' in c ? `member:${c.member}` : `team:${c.team}`);
const decode = (v: string): Choice => (v.startsWith('team:') ? { team: v.slice(5) } : { member: v.slice(7) });

export function DriftPage() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [scope, setScope] = useState<DriftScope | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [drift, setDrift] = useState<DriftReply | null>(null);
  const [error, setError] = useState('');
  // the months looked at, kept in the address (issue 13)
  const [range, setRange] = useState<MonthRange>(() => rangeFromSearch(location.search));

  useEffect(() => {
    void (async () => {
      try {
        const s = await loadSession();
        setSession(s);
        if (!s.user) return;
        const sc = await historyApi.scope();
        setScope(sc);
        setChoice(initialChoice(sc));
      } catch (e) {
        setError(message(e));
      }
    })();
  }, []);

  useEffect(() => {
    if (!choice) return;
    setDrift(null);
    history.replaceState(
      null,
      '',
      `/drift?${'member' in choice ? `member=${encodeURIComponent(choice.member)}` : `team=${encodeURIComponent(choice.team)}`}${rangeSearch(range)}`,
    );
    historyApi.drift(choice, range).then(
      (d) => {
        setDrift(d);
        setError('');
      },
      (e: unknown) => setError(message(e)),
    );
  }, [choice ? encode(choice) : '', range.from ?? '', range.to ?? '']);

  return (
    <div class="drift-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Drift over time
        </h1>
        <p class="lede">
          How the notes speak month by month: from a peer, a shared (overlap) or a clinical perspective. A starting point for a conversation
          between a peer specialist and their supervisor, never a grade.
        </p>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {session && !session.user && (
        <p>
          Please <a href="/login">sign in</a> to see drift over time.
        </p>
      )}
      {scope && choice && <RangeForm range={range} onChange={setRange} />}
      {scope && session?.user && session.user.role !== 'peer' && <RosterPanel range={range} onPick={setChoice} />}
      {scope && (scope.members.length > 1 || scope.teams.length > 0) && (
        <div class="field inline drift-picker">
          <label for="drift-who">Whose notes</label>
          <select
            id="drift-who"
            value={choice ? encode(choice) : ''}
            onChange={(e) => setChoice(decode((e.currentTarget as HTMLSelectElement).value))}
          >
            {!choice && (
              <option value="" disabled>
                Choose whose notes
              </option>
            )}
            {scope.members.length > 0 && (
              <optgroup label="People">
                {scope.members.map((m) => (
                  <option key={m.id} value={`member:${m.id}`}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {scope.teams.length > 0 && (
              <optgroup label="Teams (all members together)">
                {scope.teams.map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.shown ? t.name : `${t.name} (too few people to show)`}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
      )}
      {scope && !choice && scope.teams.length > 0 && (
        <p data-testid="drift-nothing-shown">
          No team has a month in which 3 or more of its members wrote notes, so there is nothing to show yet: team figures never show one or
          two people’s own work to someone who may not read their notes. A team’s months appear here once 3 or more of its members have
          notes in them.
        </p>
      )}
      {choice && !drift && !error && <p>Loading…</p>}
      {drift && <DriftView drift={drift} viewerId={session?.user?.id ?? ''} range={range} />}
    </div>
  );
}

function DriftView({ drift, viewerId, range }: { drift: DriftReply; viewerId: string; range: MonthRange }) {
  const months = drift.months;
  if (months.length === 0 && (range.from || range.to))
    return (
      <p data-testid="drift-empty">
        No notes with dates for {drift.scope.name} in the months chosen ({rangeText(range)}). Choose other months, or all months.
      </p>
    );
  if (months.length === 0)
    return (
      <p>
        No notes with dates yet for {drift.scope.name}. <a href="/import">Import past notes</a> to see them month by month.
      </p>
    );
  const hidden = months.filter((m) => m.hidden).length;
  const privacy =
    drift.minPeople !== null && hidden > 0 ? (
      <p class="help" data-testid="drift-hidden">
        {hidden === months.length ? 'Every month' : `${hidden} of ${months.length} months`} had notes from fewer than {drift.minPeople}{' '}
        people, so {hidden === months.length ? 'none is' : 'those are not'} shown: team figures never show one or two people’s own work to
        someone who may not read their notes.
      </p>
    ) : null;
  if (hidden === months.length)
    return (
      <>
        <h2 class="drift-scope">{drift.scope.name}</h2>
        {privacy}
      </>
    );
  return (
    <>
      <h2 class="drift-scope">{drift.scope.name}</h2>
      {privacy}
      <SignalCard drift={drift} viewerId={viewerId} />
      <SharesChart drift={drift} />
      <LinesChart drift={drift} />
      <LanguageChart drift={drift} />
      <DimensionTable drift={drift} />
      {drift.scope.kind === 'member' && (
        <Reflections member={drift.scope.id} own={drift.scope.id === viewerId} viewerId={viewerId} months={months.map((m) => m.month)} />
      )}
    </>
  );
}

function SignalCard({ drift, viewerId }: { drift: DriftReply; viewerId: string }) {
  const s = drift.signal;
  const status = drift.status;
  if (!s)
    return (
      <section
        class={`panel signal-card ${status.kind === 'too-little' ? 'signal-too-little' : 'signal-none'}`}
        aria-labelledby="signal-title"
        data-testid="drift-signal"
        data-status={status.kind}
      >
        <h2 id="signal-title">{status.title}</h2>
        <p>{status.message}</p>
        {status.needed && <p data-testid="drift-needed">{status.needed}</p>}
        <p class="help">{drift.rule}</p>
      </section>
    );
  return (
    <section class="panel signal-card" aria-labelledby="signal-title" data-testid="drift-signal" data-status="signal">
      <h2 id="signal-title">{status.title}</h2>
      <p>{s.message}</p>
      {s.sentences && s.sentences.length > 0 && (
        <>
          <h3>Sentences behind it, from the recent months</h3>
          <ul class="signal-sentences">
            {s.sentences.map((x) => (
              <li key={`${x.documentId}-${x.text}`}>
                <blockquote>{x.text}</blockquote>
                <a href={`/documents/${encodeURIComponent(x.documentId)}`}>Note of {x.date}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {drift.scope.kind === 'member' && drift.scope.id === viewerId && (
        <p class="help">You can write your own view of these months in the reflection box below; your supervisor will see it.</p>
      )}
      <p class="help">{drift.rule}</p>
    </section>
  );
}

function SharesChart({ drift }: { drift: DriftReply }) {
  const rows = drift.months.flatMap((m) => NOTE_LABELS.map((l) => ({ month: short(m.month), label: LABEL_TEXT[l], share: m.shares[l] })));
  const ref = usePlot(
    () =>
      Plot.plot({
        width: 720,
        height: 280,
        marginBottom: 40,
        style: { fontSize: '12px' },
        x: { domain: drift.months.map((m) => short(m.month)), label: null },
        y: { percent: true, domain: [0, 100], label: 'Share of sentences (%)', grid: true },
        color: { legend: true, domain: NOTE_LABELS.map((l) => LABEL_TEXT[l]), range: NOTE_LABELS.map((l) => LABEL_COLOR[l]) },
        marks: [Plot.barY(rows, { x: 'month', y: 'share', fill: 'label', order: NOTE_LABELS.map((l) => LABEL_TEXT[l]) }), Plot.ruleY([0])],
      }),
    JSON.stringify(rows),
  );
  return (
    <section class="panel" aria-labelledby="shares-title">
      <h2 id="shares-title">Perspectives month by month</h2>
      <div ref={ref} class="chart" aria-hidden="true" data-testid="shares-chart" />
      <div class="table-wrap">
        <table class="data-table" data-testid="drift-table">
          <caption>Share of sentences by perspective, each month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Notes</th>
              <th scope="col">Sentences</th>
              {NOTE_LABELS.map((l) => (
                <th scope="col" key={l}>
                  {LABEL_TEXT[l]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {drift.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthName(m.month)}</th>
                {m.hidden ? (
                  <td colSpan={2 + NOTE_LABELS.length}>Not shown: fewer than {drift.minPeople} people wrote this month</td>
                ) : (
                  <>
                    <td>{m.notes}</td>
                    <td>{m.units}</td>
                    {NOTE_LABELS.map((l) => (
                      <td key={l}>{m.units ? pct(m.shares[l]) : '–'}</td>
                    ))}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LinesChart({ drift }: { drift: DriftReply }) {
  const used = drift.months.filter((m) => m.units > 0);
  const rows = used.flatMap((m) =>
    (['clinical', 'peer'] as const).map((l) => ({ month: short(m.month), label: LABEL_TEXT[l], share: m.shares[l] })),
  );
  const ref = usePlot(
    () =>
      Plot.plot({
        width: 720,
        height: 240,
        marginBottom: 40,
        style: { fontSize: '12px' },
        x: { type: 'point', domain: used.map((m) => short(m.month)), label: null },
        y: { percent: true, domain: [0, 100], label: 'Share of sentences (%)', grid: true },
        color: { legend: true, domain: [LABEL_TEXT.clinical, LABEL_TEXT.peer], range: [LABEL_COLOR.clinical, LABEL_COLOR.peer] },
        marks: [
          // z explicit: with one month each series has one point, which Plot would otherwise warn about (a stray ⚠ in the chart)
          Plot.lineY(rows, { x: 'month', y: 'share', stroke: 'label', z: 'label', strokeWidth: 2 }),
          Plot.dot(rows, { x: 'month', y: 'share', fill: 'label', symbol: 'label', r: 4 }),
        ],
      }),
    JSON.stringify(rows),
  );
  return (
    <section class="panel" aria-labelledby="lines-title">
      <h2 id="lines-title">Clinical and peer share</h2>
      <div ref={ref} class="chart" aria-hidden="true" />
      <div class="table-wrap">
        <table class="data-table">
          <caption>Clinical and peer share, each month with notes</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">{LABEL_TEXT.clinical}</th>
              <th scope="col">{LABEL_TEXT.peer}</th>
            </tr>
          </thead>
          <tbody>
            {used.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthName(m.month)}</th>
                <td>{pct(m.shares.clinical)}</td>
                <td>{pct(m.shares.peer)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LanguageChart({ drift }: { drift: DriftReply }) {
  const rows = drift.months.map((m) => ({ month: short(m.month), rate: m.languagePer1000Words }));
  const ref = usePlot(
    () =>
      Plot.plot({
        width: 720,
        height: 200,
        marginBottom: 40,
        style: { fontSize: '12px' },
        x: { domain: rows.map((r) => r.month), label: null },
        y: { label: 'Language findings per 1,000 words', grid: true },
        marks: [Plot.barY(rows, { x: 'month', y: 'rate', fill: '#b42318' }), Plot.ruleY([0])],
      }),
    JSON.stringify(rows),
  );
  return (
    <section class="panel" aria-labelledby="language-title">
      <h2 id="language-title">Language and role</h2>
      <p class="help">
        Words the framework suggests replacing, per 1,000 words written, and mentions of tasks that conflict with the peer role.
      </p>
      <div ref={ref} class="chart" aria-hidden="true" />
      <div class="table-wrap">
        <table class="data-table">
          <caption>Language findings and role-conflict mentions, each month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Words</th>
              <th scope="col">Language findings</th>
              <th scope="col">Per 1,000 words</th>
              <th scope="col">Role-conflict mentions</th>
            </tr>
          </thead>
          <tbody>
            {drift.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthName(m.month)}</th>
                <td>{m.words}</td>
                <td>{m.languageFindings}</td>
                <td>{m.languagePer1000Words.toFixed(1)}</td>
                <td>{m.roleConflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** By dimension: the first three months with notes beside the last three. */
function DimensionTable({ drift }: { drift: DriftReply }) {
  const used = drift.months.filter((m) => m.units > 0);
  if (used.length < 2) return null;
  const n = Math.min(3, Math.floor(used.length / 2));
  const sum = (ms: typeof used, dim: DimensionId) =>
    ms.reduce(
      (a, m) => {
        const d = m.byDimension[dim];
        return d ? { peer: a.peer + d.peer, overlap: a.overlap + d.overlap, clinical: a.clinical + d.clinical } : a;
      },
      { peer: 0, overlap: 0, clinical: 0 },
    );
  const early = used.slice(0, n);
  const late = used.slice(-n);
  const share = (c: { peer: number; overlap: number; clinical: number }) => {
    const t = c.peer + c.overlap + c.clinical;
    return t === 0 ? '–' : `${pct(c.clinical / t)} of ${t}`;
  };
  const rows = DIMENSIONS.map((d) => ({ id: d.id, title: d.title, early: sum(early, d.id), late: sum(late, d.id) })).filter(
    (r) => r.early.peer + r.early.overlap + r.early.clinical + r.late.peer + r.late.overlap + r.late.clinical > 0,
  );
  if (rows.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="dims-title">
      <h2 id="dims-title">By dimension</h2>
      <div class="table-wrap">
        <table class="data-table">
          <caption>
            Clinical share of the sentences touching each dimension: {monthName(early[0]?.month ?? '')} to{' '}
            {monthName(early[early.length - 1]?.month ?? '')} beside {monthName(late[0]?.month ?? '')} to{' '}
            {monthName(late[late.length - 1]?.month ?? '')}
          </caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Earlier months</th>
              <th scope="col">Recent months</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/framework#${r.id}`}>{r.title}</a>
                </th>
                <td>{share(r.early)}</td>
                <td>{share(r.late)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
