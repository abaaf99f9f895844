/**
 * The roster overview of the drift page (issue 13): for a supervisor, each person on their team
 * with the date of their last note, how many months have notes, and their current drift
 * signal; for a program leader or admin, each team as a whole, where (as everywhere in their
 * views) a month with notes from fewer than MIN_PEOPLE people is not counted, so no one's own
 * work shows through a small team. Both within an optional range of months.
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../auth/sessions.js';
import type { Database, MemberRole } from '../../db/types.js';
import { computeDrift, judge, MIN_PEOPLE, nextMonth, teamsMonths, writtenBetween, type DriftStatus, type MonthRange } from './service.js';

export interface RosterRow {
  /** A member's id, or a team's. */
  id: string;
  name: string;
  /** A member's role (people), or null (teams). */
  role: MemberRole | null;
  /** Members in the team (teams), or null. */
  people: number | null;
  /** A person's last note (YYYY-MM-DD), or a team's last month shown (YYYY-MM); null when there is none. */
  lastNote: string | null;
  /** Months with notes (for a team, months shown). */
  monthsWithNotes: number;
  /** The drift page's status for them: a signal, steady, or too little to judge. */
  signal: { kind: DriftStatus['kind']; title: string };
  /** A team whose every month had fewer than `minPeople` people writing: nothing about it is shown. */
  hidden: boolean;
}

export interface Roster {
  kind: 'people' | 'teams';
  rows: RosterRow[];
  /** The fewest people a counted month needs (teams), or null. */
  minPeople: number | null;
}

/** The roster `user` may see: their team's people (supervisor) or every team (leader, admin); null for anyone else. */
export async function rosterFor(db: Kysely<Database>, user: SessionUser, range: MonthRange = {}): Promise<Roster | null> {
  if (user.role === 'supervisor') {
    if (user.teamId === null) return { kind: 'people', rows: [], minPeople: null };
    const members = await db
      .selectFrom('users')
      .select(['id', 'name', 'role'])
      .where('team_id', '=', user.teamId)
      .where('disabled_at', 'is', null)
      .orderBy('name')
      .execute();
    const ids = members.map((m) => m.id);
    // each person's last note in the range (a date, not an analysis: by the index on author and date)
    const to = range.to === undefined ? undefined : nextMonth(range.to);
    const latest = (column: 'written_at' | 'created_at') =>
      db
        .selectFrom('documents')
        .select(['author_id', (eb) => eb.fn.max(column).as('last')])
        .where('kind', '=', 'note')
        .where('author_id', 'in', ids.length === 0 ? [''] : ids)
        .where('written_at', column === 'written_at' ? 'is not' : 'is', null)
        .where((eb) => writtenBetween(eb, range.from, to))
        .groupBy('author_id')
        .execute();
    const lasts = new Map<string | null, string>();
    for (const r of [...(await latest('written_at')), ...(await latest('created_at'))])
      if (r.last !== null && r.last > (lasts.get(r.author_id) ?? '')) lasts.set(r.author_id, r.last);
    let monthsQuery = db
      .selectFrom('drift_months')
      .select(['author_id', (eb) => eb.fn.countAll<number>().as('months')])
      .where('author_id', 'in', ids.length === 0 ? [''] : ids)
      .where('notes', '>', 0)
      .groupBy('author_id');
    if (range.from !== undefined) monthsQuery = monthsQuery.where('month', '>=', range.from);
    if (range.to !== undefined) monthsQuery = monthsQuery.where('month', '<=', range.to);
    const monthCounts = new Map((await monthsQuery.execute()).map((r) => [r.author_id, Number(r.months)]));
    const rows: RosterRow[] = [];
    for (const m of members) {
      const drift = await computeDrift(db, [m.id], false, null, range);
      rows.push({
        id: m.id,
        name: m.name,
        role: m.role,
        people: null,
        lastNote: lasts.get(m.id)?.slice(0, 10) ?? null,
        monthsWithNotes: monthCounts.get(m.id) ?? 0,
        signal: { kind: drift.status.kind, title: drift.status.title },
        hidden: false,
      });
    }
    // the peers first, the supervisor themselves last
    rows.sort((a, b) => Number(a.id === user.id) - Number(b.id === user.id) || Number(a.role !== 'peer') - Number(b.role !== 'peer'));
    return { kind: 'people', rows, minPeople: null };
  }
  if (user.role === 'leader' || user.role === 'admin') {
    const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    const sizes = await db
      .selectFrom('users')
      .select(['team_id', (eb) => eb.fn.countAll().as('n')])
      .where('team_id', 'is not', null)
      .groupBy('team_id')
      .execute();
    const people = new Map(sizes.map((r) => [r.team_id, Number(r.n)]));
    // every team's months in one query over the rollups
    const monthsOf = await teamsMonths(db, MIN_PEOPLE, range);
    const rows: RosterRow[] = [];
    for (const t of teams) {
      const months = monthsOf.get(t.id) ?? [];
      const { status } = judge(months);
      const shown = months.filter((m) => !m.hidden && m.notes > 0);
      const hidden = shown.length === 0 && months.some((m) => m.hidden);
      rows.push({
        id: t.id,
        name: t.name,
        role: null,
        people: people.get(t.id) ?? 0,
        lastNote: shown[shown.length - 1]?.month ?? null,
        monthsWithNotes: shown.length,
        signal: { kind: status.kind, title: status.title },
        hidden,
      });
    }
    return { kind: 'teams', rows, minPeople: MIN_PEOPLE };
  }
  return null;
}
