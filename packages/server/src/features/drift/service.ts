/**
 * Drift over time (decision 009, "Drift"): a member's or a team's notes by month, and a drift
 * signal when the clinical share rises, or the peer share falls, over recent months. The signal
 * is an invitation to talk, never a grade.
 */
import { DIMENSIONS, NOTE_LABELS, type Analysis, type DimensionId, type NoteLabel } from '@peerlens/core';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { MIN_PEOPLE } from '@peerlens/contract';

export { MIN_PEOPLE };

/** The signal looks at the last WINDOW months with notes … */
export const WINDOW = 6;
/** … counting only months with at least MIN_UNITS sentences … */
export const MIN_UNITS = 20;
/** … and needs at least MIN_MONTHS such months. */
export const MIN_MONTHS = 4;
/** A least-squares slope of at least this much per month (0.03 = 3 percentage points a month) … */
export const MIN_SLOPE = 0.03;
/** … and a fitted change over the window of at least this much (0.15 = 15 points). */
export const MIN_CHANGE = 0.15;
/** The most months shown. */
export const MAX_MONTHS = 24;

const LABELS: readonly NoteLabel[] = NOTE_LABELS;
type Shares = Record<NoteLabel, number>;

export interface MonthRow {
  month: string;
  notes: number;
  units: number;
  words: number;
  counts: Shares;
  shares: Shares;
  byDimension: Partial<Record<DimensionId, { peer: number; overlap: number; clinical: number }>>;
  /** Per dimension, the share of each perspective among the sentences touching it. */
  dimensionShares: Partial<Record<DimensionId, { peer: number; overlap: number; clinical: number }>>;
  languageFindings: number;
  languagePer1000Words: number;
  roleConflicts: number;
  /** True when fewer than MIN_PEOPLE people wrote in the month, in a view of aggregates only: every figure is then 0. */
  hidden: boolean;
}

export interface SignalSentence {
  documentId: string;
  date: string;
  text: string;
}

export interface DriftSignal {
  kind: 'clinical-rising' | 'peer-falling';
  months: string[];
  from: number;
  to: number;
  slope: number;
  message: string;
  sentences?: SignalSentence[];
}

/**
 * What the drift page can say about the recent months: a signal to talk about, no signal over
 * enough months, or not enough notes to judge yet (with what is needed).
 */
export interface DriftStatus {
  kind: 'signal' | 'steady' | 'too-little';
  /** The heading: "Something to talk about together", "No drift signal", "Not enough notes to judge yet". */
  title: string;
  /** What the months show, in the table's own figures. */
  message: string;
  /** For too-little: what the signal still needs. */
  needed?: string;
}

export interface Drift {
  months: MonthRow[];
  signal: DriftSignal | null;
  status: DriftStatus;
  rule: string;
  /** The fewest people a shown month needs (aggregate views), or null when every month is shown. */
  minPeople: number | null;
}

export const RULE = `A drift signal shows when, over the last ${WINDOW} months with notes, at least ${MIN_MONTHS} months have ${MIN_UNITS} or more sentences and the least-squares line through those months' clinical share rises by at least ${MIN_SLOPE * 100} points a month and ${MIN_CHANGE * 100} points in all (or the peer share falls by as much).`;

const zero = (): Shares => ({ peer: 0, overlap: 0, clinical: 0, neutral: 0 });
const emptyRow = (month: string): MonthRow => ({
  month,
  notes: 0,
  units: 0,
  words: 0,
  counts: zero(),
  shares: zero(),
  byDimension: {},
  dimensionShares: {},
  languageFindings: 0,
  languagePer1000Words: 0,
  roleConflicts: 0,
  hidden: false,
});
const monthOf = (iso: string): string => iso.slice(0, 7);
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** "2026-03" → "March 2026". */
const monthName = (m: string): string => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1] ?? m.slice(5, 7)} ${m.slice(0, 4)}`;

/** The month `n` months before `m` (YYYY-MM). */
export function monthsBefore(m: string, n: number): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const i = y * 12 + (mo - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** Least squares through (i, y_i): slope and the fitted values at the ends. */
export function fit(ys: readonly number[]): { slope: number; first: number; last: number } {
  const n = ys.length;
  const xm = (n - 1) / 2;
  const ym = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i - xm) * (y - ym);
    den += (i - xm) ** 2;
  });
  const slope = den === 0 ? 0 : num / den;
  return { slope, first: ym - slope * xm, last: ym + slope * xm };
}

/** A range of months, both ends included (YYYY-MM); an end left out is open. */
export interface MonthRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Whether a month (YYYY-MM) lies in the range. */
export const inRange = (month: string, range: MonthRange): boolean =>
  (range.from === undefined || month >= range.from) && (range.to === undefined || month <= range.to);

type Counts = { peer: number; overlap: number; clinical: number };

/** A month's nine sums over the drift rollups (`drift_months`), under their own column names. */
function rollupSums(eb: ExpressionBuilder<Database, 'drift_months'>) {
  return [
    eb.fn.sum('drift_months.notes').as('notes'),
    eb.fn.sum('drift_months.units').as('units'),
    eb.fn.sum('drift_months.words').as('words'),
    eb.fn.sum('drift_months.peer').as('peer'),
    eb.fn.sum('drift_months.overlap').as('overlap'),
    eb.fn.sum('drift_months.clinical').as('clinical'),
    eb.fn.sum('drift_months.neutral').as('neutral'),
    eb.fn.sum('drift_months.language_findings').as('language_findings'),
    eb.fn.sum('drift_months.role_conflicts').as('role_conflicts'),
  ] as const;
}

/** A sum or count as a number (PostgreSQL's come back as strings). */
const num = (x: unknown): number => Number(x ?? 0);

/** A month's row from the sums `rollupSums` selects. */
function rowOfSums(
  month: string,
  x: Record<'notes' | 'units' | 'words' | 'peer' | 'overlap' | 'clinical' | 'neutral' | 'language_findings' | 'role_conflicts', unknown>,
): MonthRow {
  const r = emptyRow(month);
  r.notes = num(x.notes);
  r.units = num(x.units);
  r.words = num(x.words);
  r.counts = { peer: num(x.peer), overlap: num(x.overlap), clinical: num(x.clinical), neutral: num(x.neutral) };
  r.languageFindings = num(x.language_findings);
  r.roleConflicts = num(x.role_conflicts);
  return r;
}

/**
 * The drift of the notes by `authors`. With `withSentences`, the signal carries the most
 * clinical sentences of its last three months (only for readers allowed to see note text).
 * With `minPeople` (a view of aggregates only), a month in which fewer people wrote is hidden.
 * With `range`, only notes written in those months count: the months, the tables and the signal.
 *
 * The months come from the rollups (decision 023): a few rows per author and month, kept in
 * step with the notes. Only a signal's sentences read notes, those of its last three months.
 */
export async function computeDrift(
  db: Kysely<Database>,
  authors: readonly string[],
  withSentences: boolean,
  minPeople: number | null = null,
  range: MonthRange = {},
): Promise<Drift> {
  if (authors.length === 0) return { months: [], signal: null, status: judge([]).status, rule: RULE, minPeople };
  const ids = [...authors];
  // summed over the authors in the database, a row per month with notes (a few dozen rows for
  // years of notes: one round trip finds the last month and gives the window's sums, decision 025)
  let monthQuery = db
    .selectFrom('drift_months')
    .select((eb) => ['month', eb.fn.countAll().as('people'), ...rollupSums(eb)])
    .where('author_id', 'in', ids)
    .where('notes', '>', 0);
  if (range.from !== undefined) monthQuery = monthQuery.where('month', '>=', range.from);
  if (range.to !== undefined) monthQuery = monthQuery.where('month', '<=', range.to);
  const allMonths = await monthQuery.groupBy('month').execute();
  let first: string | null = null;
  let last: string | null = null;
  for (const x of allMonths) {
    if (first === null || x.month < first) first = x.month;
    if (last === null || x.month > last) last = x.month;
  }
  if (last === null) return { months: [], signal: null, status: judge([]).status, rule: RULE, minPeople };
  // the page shows the MAX_MONTHS months up to the last with notes
  const fromMonth = [monthsBefore(last, MAX_MONTHS - 1), range.from ?? ''].sort().at(-1) as string;
  const monthRows = allMonths.filter((x) => x.month >= fromMonth);
  const dimRows = await db
    .selectFrom('drift_month_dimensions')
    .select((eb) => [
      'month',
      'dimension',
      eb.fn.sum('peer').as('peer'),
      eb.fn.sum('overlap').as('overlap'),
      eb.fn.sum('clinical').as('clinical'),
    ])
    .where('author_id', 'in', ids)
    .where('notes', '>', 0)
    .where('month', '>=', fromMonth)
    .where('month', '<=', last)
    .groupBy(['month', 'dimension'])
    .execute();
  const byMonth = new Map<string, { row: MonthRow; people: number }>();
  for (const x of monthRows) byMonth.set(x.month, { row: rowOfSums(x.month, x), people: num(x.people) });
  for (const x of dimRows) {
    const r = byMonth.get(x.month)?.row;
    if (r) r.byDimension[x.dimension as DimensionId] = { peer: num(x.peer), overlap: num(x.overlap), clinical: num(x.clinical) };
  }
  if (minPeople !== null)
    for (const [month, m] of byMonth)
      if (m.people < minPeople) byMonth.set(month, { row: { ...emptyRow(month), hidden: true }, people: 0 });
  // months before the window had notes: the window starts at its first month, with or without notes
  const start = (first ?? last) < fromMonth ? fromMonth : undefined;
  const months = finishMonths(new Map([...byMonth].map(([k, v]) => [k, v.row])), start);
  if (months.length === 0) return { months: [], signal: null, status: judge([]).status, rule: RULE, minPeople };

  const { signal, status } = judge(months);
  if (signal && withSentences) signal.sentences = await signalSentences(db, authors, signal.months.slice(-3));
  return { months, signal, status, rule: RULE, minPeople };
}

/**
 * Every team's months at once, as `computeDrift` gives them for the team's members as aggregates
 * (months with fewer than `minPeople` writers hidden), without the dimensions: for the roster of
 * teams, one query over the rollups instead of one drift per team.
 */
export async function teamsMonths(db: Kysely<Database>, minPeople: number, range: MonthRange = {}): Promise<Map<string, MonthRow[]>> {
  let q = db
    .selectFrom('drift_months')
    .innerJoin('users', 'users.id', 'drift_months.author_id')
    .select((eb) => ['users.team_id', 'drift_months.month', eb.fn.countAll().as('people'), ...rollupSums(eb)])
    .where('drift_months.notes', '>', 0)
    .where('users.team_id', 'is not', null);
  if (range.from !== undefined) q = q.where('drift_months.month', '>=', range.from);
  if (range.to !== undefined) q = q.where('drift_months.month', '<=', range.to);
  const rows = await q.groupBy(['users.team_id', 'drift_months.month']).execute();
  const byTeam = new Map<string, Map<string, MonthRow>>();
  for (const x of rows) {
    const team = x.team_id as string;
    const months = byTeam.get(team) ?? new Map<string, MonthRow>();
    byTeam.set(team, months);
    if (num(x.people) < minPeople) {
      months.set(x.month, { ...emptyRow(x.month), hidden: true });
      continue;
    }
    months.set(x.month, rowOfSums(x.month, x));
  }
  return new Map([...byTeam].map(([team, months]) => [team, finishMonths(months)]));
}

/**
 * Every month from the first with notes (or `start`, when earlier months had notes; at most MAX_MONTHS back) to the last, gaps included,
 * with shares, findings per 1,000 words and dimensions in the framework's order.
 */
export function finishMonths(byMonth: ReadonlyMap<string, MonthRow>, start?: string): MonthRow[] {
  const present = [...byMonth.keys()].sort();
  const last = present[present.length - 1];
  if (last === undefined) return [];
  const all: string[] = [];
  for (let m = start !== undefined && start < (present[0] as string) ? start : (present[0] as string); m <= last; m = nextMonth(m))
    all.push(m);
  const shown = all.slice(-MAX_MONTHS);
  const months = shown.map((month) => {
    const r = byMonth.get(month) ?? emptyRow(month);
    for (const l of LABELS) r.shares[l] = r.units === 0 ? 0 : r.counts[l] / r.units;
    r.languagePer1000Words = r.words === 0 ? 0 : Math.round((r.languageFindings / r.words) * 1000 * 100) / 100;
    return r;
  });
  // keep dimensions in the framework's order; each with the share of each perspective among its sentences
  for (const r of months) {
    r.byDimension = Object.fromEntries(DIMENSIONS.flatMap((d) => (r.byDimension[d.id] ? [[d.id, r.byDimension[d.id]]] : [])));
    r.dimensionShares = Object.fromEntries(
      Object.entries(r.byDimension).map(([d, c]: [string, Counts]) => {
        const t = c.peer + c.overlap + c.clinical;
        return [d, t === 0 ? { peer: 0, overlap: 0, clinical: 0 } : { peer: c.peer / t, overlap: c.overlap / t, clinical: c.clinical / t }];
      }),
    );
  }
  return months;
}

/**
 * Notes written from `from` (included) to `to` (excluded), by `written_at`, else `created_at`:
 * in a form the index on (author_id, written_at) serves, unlike coalesce(), which reads every row.
 */
export function writtenBetween(eb: ExpressionBuilder<Database, 'documents'>, from: string | undefined, to: string | undefined) {
  const between = (column: 'written_at' | 'created_at') => [
    ...(from !== undefined ? [eb(column, '>=', from)] : []),
    ...(to !== undefined ? [eb(column, '<', to)] : []),
  ];
  return eb.or([
    eb.and([eb('written_at', 'is not', null), ...between('written_at')]),
    eb.and([eb('written_at', 'is', null), ...between('created_at')]),
  ]);
}

/**
 * The five most clinical sentences of the notes by `authors` written in `recent` (months,
 * YYYY-MM): one per note and no sentence twice, so the examples come from several notes.
 */
async function signalSentences(db: Kysely<Database>, authors: readonly string[], recent: readonly string[]): Promise<SignalSentence[]> {
  const sorted = [...recent].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const wanted = new Set(recent);
  const ids = [...authors];
  const to = nextMonth(last);
  // two branches, so that each reads the index on (author_id, written_at) for its months: with
  // the two in one OR, SQLite read every note of the authors (decision 025)
  const notes = db
    .selectFrom('documents')
    .select(['seq', 'id', 'clinical_top', 'written_at', 'created_at'])
    .where('kind', '=', 'note')
    .where('author_id', 'in', ids)
    // most notes keep no clinical sentence ('[]'): they cannot give an example, so they are not read
    .where((eb) => eb.or([eb('clinical_top', 'is', null), eb('clinical_top', '!=', '[]')]));
  const rows = await notes
    .where('written_at', 'is not', null)
    .where('written_at', '>=', first)
    .where('written_at', '<', to)
    .unionAll(notes.where('written_at', 'is', null).where('created_at', '>=', first).where('created_at', '<', to))
    .orderBy('seq')
    .execute();
  const inMonths = rows.filter((n) => wanted.has(monthOf(n.written_at ?? n.created_at)));
  // a note saved before migration 011 has no clinical_top: its analysis is read, as before
  const missing = inMonths.filter((n) => typeof n.clinical_top !== 'string').map((n) => n.id);
  const analyses = new Map<string, string>();
  for (let i = 0; i < missing.length; i += 500)
    for (const r of await db
      .selectFrom('documents')
      .select(['id', 'analysis'])
      .where('id', 'in', missing.slice(i, i + 500))
      .execute())
      analyses.set(r.id, r.analysis);
  return pickSentences(
    inMonths.map((n) => ({
      id: n.id,
      written_at: n.written_at,
      created_at: n.created_at,
      ...(typeof n.clinical_top === 'string' ? { clinicalTop: n.clinical_top } : { analysis: analyses.get(n.id) ?? '' }),
    })),
  );
}

/**
 * The signal's sentences from the notes of its last months, in the order they were saved: each
 * note's kept clinical sentences (`clinicalTop`, decision 025) or, for a note saved before they
 * were kept, its analysis.
 */
export function pickSentences(
  notes: readonly { id: string; analysis?: string; clinicalTop?: string; written_at: string | null; created_at: string }[],
): SignalSentence[] {
  // grouped by month in the order the months first appear, as the drift page always has
  const byMonth = new Map<string, { id: string; date: string; clinical: [string, number][] }[]>();
  for (const n of notes) {
    let clinical: [string, number][];
    try {
      if (n.clinicalTop !== undefined) clinical = JSON.parse(n.clinicalTop) as [string, number][];
      else {
        const a = JSON.parse(n.analysis ?? '') as Analysis;
        if (!a.profile) continue;
        clinical = a.sentences.filter((s) => s.label === 'clinical').map((s) => [s.text, s.confidence]);
      }
    } catch {
      continue;
    }
    const date = n.written_at ?? n.created_at;
    const list = byMonth.get(monthOf(date)) ?? [];
    list.push({ id: n.id, date: date.slice(0, 10), clinical });
    byMonth.set(monthOf(date), list);
  }
  const candidates = [...byMonth.values()].flatMap((list) =>
    list.flatMap((n) => n.clinical.map(([text, confidence]) => ({ documentId: n.id, date: n.date, text, confidence }))),
  );
  candidates.sort((a, b) => b.confidence - a.confidence || b.date.localeCompare(a.date));
  const seen = new Set<string>();
  return candidates
    .filter((c) => (seen.has(c.text) || seen.has(c.documentId) ? false : (seen.add(c.text), seen.add(c.documentId), true)))
    .slice(0, 5)
    .map(({ documentId, date, text }) => ({ documentId, date, text }));
}

const INVITATION =
  'This is an invitation to talk it over together: what has changed in the work, the setting or what is asked of the role? It is not a grade.';
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
/** "20% in January 2026": a month's share as the table shows it. */
const at = (m: MonthRow, label: NoteLabel): string => `${pct(m.shares[label])} in ${monthName(m.month)}`;

/**
 * How a share moved over the months counted, in the table's own figures: from the first month
 * to the last when they go the way of the trend, else the range; then the trend, named as such.
 */
function movement(counted: readonly MonthRow[], label: 'clinical' | 'peer', slope: number): string {
  const first = counted[0] as MonthRow;
  const last = counted[counted.length - 1] as MonthRow;
  const what =
    label === 'clinical'
      ? 'the share of sentences written from a clinical perspective'
      : 'the share of sentences written from a peer perspective';
  const agrees = Math.sign(last.shares[label] - first.shares[label]) === Math.sign(slope) && last.shares[label] !== first.shares[label];
  const shares = counted.map((m) => m.shares[label]);
  const moved = agrees
    ? `went from ${at(first, label)} to ${at(last, label)}`
    : `ranged from ${pct(Math.min(...shares))} to ${pct(Math.max(...shares))}`;
  const points = Math.round(Math.abs(slope) * 100);
  return `${what} ${moved} (the table below); the trend over these ${counted.length} months ${slope > 0 ? 'rises' : 'falls'} by about ${points} point${points === 1 ? '' : 's'} a month`;
}

/**
 * The signal of decision 009 over the months' shares, and what the page says: the signal, no
 * signal over enough months, or not enough notes to judge yet, with what is needed. Every figure
 * quoted is a month of the table; a fitted value is only ever called the trend.
 */
export function judge(months: readonly MonthRow[]): { signal: DriftSignal | null; status: DriftStatus } {
  const withNotes = months.filter((m) => m.notes > 0).slice(-WINDOW);
  const counted = withNotes.filter((m) => m.units >= MIN_UNITS);
  if (counted.length < MIN_MONTHS) {
    const have =
      counted.length === 0
        ? `none of the ${plural(withNotes.length, 'month', 'months')} with notes has that many yet`
        : `so far ${counted.length === 1 ? 'one has' : `${counted.length} have`} (${counted.map((m) => monthName(m.month)).join(', ')})`;
    const needed = `The drift signal needs at least ${MIN_MONTHS} of the last ${WINDOW} months with notes to have ${MIN_UNITS} or more sentences each; ${have}.`;
    const first = withNotes[0];
    const last = withNotes[withNotes.length - 1];
    const change =
      first && last && first !== last
        ? ` In the table, the clinical share was ${at(first, 'clinical')} (${plural(first.units, 'sentence', 'sentences')}) and ${at(last, 'clinical')} (${plural(last.units, 'sentence', 'sentences')}); the peer share ${at(first, 'peer')} and ${at(last, 'peer')}. With this few notes that is not yet a trend, but it can still be worth talking over.`
        : '';
    return {
      signal: null,
      status: {
        kind: 'too-little',
        title: 'Not enough notes to judge yet',
        message: `There are too few notes in the recent months to say whether the work is drifting.${change}`,
        needed,
      },
    };
  }
  const names = counted.map((m) => m.month);
  const span = `${monthName(names[0] as string)} to ${monthName(names[names.length - 1] as string)}`;
  const clinical = fit(counted.map((m) => m.shares.clinical));
  if (clinical.slope >= MIN_SLOPE && clinical.last - clinical.first >= MIN_CHANGE) {
    const message = `From ${span}, ${movement(counted, 'clinical', clinical.slope)}. ${INVITATION}`;
    return {
      signal: { kind: 'clinical-rising', months: names, from: clinical.first, to: clinical.last, slope: clinical.slope, message },
      status: { kind: 'signal', title: 'Something to talk about together', message },
    };
  }
  const peer = fit(counted.map((m) => m.shares.peer));
  if (peer.slope <= -MIN_SLOPE && peer.first - peer.last >= MIN_CHANGE) {
    const message = `From ${span}, ${movement(counted, 'peer', peer.slope)}. ${INVITATION}`;
    return {
      signal: { kind: 'peer-falling', months: names, from: peer.first, to: peer.last, slope: peer.slope, message },
      status: { kind: 'signal', title: 'Something to talk about together', message },
    };
  }
  const range = (label: 'clinical' | 'peer'): string => {
    const xs = counted.map((m) => m.shares[label]);
    const lo = pct(Math.min(...xs));
    const hi = pct(Math.max(...xs));
    return lo === hi ? `stayed at ${lo}` : `ranged from ${lo} to ${hi}`;
  };
  return {
    signal: null,
    status: {
      kind: 'steady',
      title: 'No drift signal',
      message: `Over the ${counted.length} months with enough notes (${span}), the clinical share did not keep rising and the peer share did not keep falling: the clinical share ${range('clinical')}, the peer share ${range('peer')}.`,
    },
  };
}

/** The signal of decision 009 over the months' shares, or null. */
export function driftSignal(months: readonly MonthRow[]): DriftSignal | null {
  return judge(months).signal;
}

/**
 * The teams (of `teamIds`) with at least one month in which `minPeople` or more of their current
 * members wrote notes: the teams whose drift shows anything to a viewer of aggregates only.
 */
export async function teamsWithShownMonths(db: Kysely<Database>, teamIds: readonly string[], minPeople: number): Promise<Set<string>> {
  if (teamIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('drift_months')
    .innerJoin('users', 'users.id', 'drift_months.author_id')
    .select(['users.team_id', (eb) => eb.fn.count<number>('drift_months.author_id').distinct().as('people')])
    .where('drift_months.notes', '>', 0)
    .where('users.team_id', 'in', [...teamIds])
    .groupBy(['users.team_id', 'drift_months.month'])
    .having((eb) => eb.fn.count('drift_months.author_id').distinct(), '>=', minPeople)
    .execute();
  return new Set(rows.map((r) => r.team_id).filter((t): t is string => t !== null));
}

/** A member's id and name. */
export function memberById(db: Kysely<Database>, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('users').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** A team's id and name with its members' ids, in one query (a drift request's round trips, decision 025). */
export async function teamWithMembers(
  db: Kysely<Database>,
  id: string,
): Promise<{ id: string; name: string; members: string[] } | undefined> {
  const rows = await db
    .selectFrom('teams')
    .leftJoin('users', 'users.team_id', 'teams.id')
    .select(['teams.id as id', 'teams.name as name', 'users.id as member'])
    .where('teams.id', '=', id)
    .execute();
  const first = rows[0];
  if (first === undefined) return undefined;
  return { id: first.id, name: first.name, members: rows.flatMap((r) => (r.member === null ? [] : [r.member])) };
}

/** The given members, by name. */
export function membersByName(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; name: string; role: string }[]> {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('id', 'in', ids).orderBy('name').execute();
}

/** Every team by name, or the one given. */
export function teamsByName(db: Kysely<Database>, only?: string): Promise<{ id: string; name: string }[]> {
  const q = db.selectFrom('teams').select(['id', 'name']);
  return (only === undefined ? q : q.where('id', '=', only)).orderBy('name').execute();
}
