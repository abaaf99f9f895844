/**
 * The card sort of issue 5: the framework's own views as statements, each member's order, the
 * team's anonymous map of where its views differ, and a discussion guide from the most divided.
 * The statements are core's summaries in the project's words; the chart's column is the answer
 * the team compares itself with, never a mark given to anyone.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CardSortsTable, Database, Placement } from '../../db/types.js';
import { DIMENSIONS, PERSPECTIVES, sources, type Citation, type DimensionId, type Perspective } from '@peerlens/core';

export const COLUMNS: readonly Perspective[] = PERSPECTIVES;
/** A statement's counts are shown only once this many members have placed it (fewer could be read as one person's view). */
export const ANONYMITY_MIN = 3;
/** How many statements the discussion guide takes up. */
export const GUIDE_SIZE = 5;

export interface CiteText {
  readonly source: string;
  readonly locator: string;
  /** e.g. "Patricia E. Deegan (2017), Peer Specialists Are Not Clinicians". */
  readonly sourceName: string;
}

export interface Statement {
  /** `<dimension>:<column>`. */
  readonly id: string;
  readonly dimension: DimensionId;
  readonly dimensionTitle: string;
  readonly column: Perspective;
  readonly text: string;
  readonly detail: string;
  readonly question: string;
  readonly cite: readonly CiteText[];
}

const SOURCE_NAMES = new Map(sources().map((s) => [s.key, `${s.author}${s.year ? ` (${s.year})` : ''}, ${s.title}`]));

export function citeText(c: Citation): CiteText {
  return { source: c.source, locator: c.locator, sourceName: SOURCE_NAMES.get(c.source) ?? c.source };
}

/** Every view of the chart, in the chart's order (dimension by dimension, peer, overlap, clinical). */
export const STATEMENTS: readonly Statement[] = DIMENSIONS.flatMap((d) =>
  COLUMNS.flatMap((column) => {
    const v = d.views[column];
    return v
      ? [
          {
            id: `${d.id}:${column}`,
            dimension: d.id,
            dimensionTitle: d.title,
            column,
            text: v.summary,
            detail: v.detail,
            question: d.question,
            cite: v.cite.map(citeText),
          },
        ]
      : [];
  }),
);

export const STATEMENT_IDS: ReadonlySet<string> = new Set(STATEMENTS.map((s) => s.id));

/** The statements in an order of their own for each member of each sort (so no one copies a neighbour's order), stable across visits. */
export function orderFor(sortId: string, userId: string): Statement[] {
  const seed = createHash('sha256').update(`${sortId}\u0000${userId}`).digest();
  let state = seed.readUInt32LE(0) || 1;
  // xorshift32: small, deterministic, good enough to shuffle 24 cards
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const out = [...STATEMENTS];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as Statement, out[i] as Statement];
  }
  return out;
}

export type Counts = Record<Perspective, number>;

export interface MapRow {
  readonly statement: Statement;
  /** How many members placed it. */
  readonly placed: number;
  /** False while fewer than ANONYMITY_MIN members have placed it: then counts and measures are null. */
  readonly shown: boolean;
  readonly counts: Counts | null;
  /** How spread the team's placements are: 0 when all agree, 1 when spread evenly over the three columns. */
  readonly spread: number | null;
  /** The share of placements in another column than the chart's. */
  readonly offChart: number | null;
}

/** Shannon entropy of the counts, base 3 (so 0..1). */
export function spreadOf(counts: Counts): number {
  const n = counts.peer + counts.overlap + counts.clinical;
  if (n === 0) return 0;
  let h = 0;
  for (const c of COLUMNS) {
    const p = counts[c] / n;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.round((h / Math.log(3)) * 1000) / 1000;
}

export function teamMap(placements: readonly { statement_id: string; placement: Perspective }[]): MapRow[] {
  const by = new Map<string, Counts>();
  for (const p of placements) {
    const c = by.get(p.statement_id) ?? { peer: 0, overlap: 0, clinical: 0 };
    c[p.placement] += 1;
    by.set(p.statement_id, c);
  }
  return STATEMENTS.map((statement) => {
    const counts = by.get(statement.id) ?? { peer: 0, overlap: 0, clinical: 0 };
    const placed = counts.peer + counts.overlap + counts.clinical;
    const shown = placed >= ANONYMITY_MIN;
    return {
      statement,
      placed,
      shown,
      counts: shown ? counts : null,
      spread: shown ? spreadOf(counts) : null,
      offChart: shown ? Math.round(((placed - counts[statement.column]) / placed) * 1000) / 1000 : null,
    };
  });
}

/** The order of the most divided: the wider the spread, then the more placements away from the chart, then the chart's order. */
export function mostDivided(rows: readonly MapRow[]): MapRow[] {
  const score = (r: MapRow): number => (r.spread ?? 0) + (r.offChart ?? 0);
  return rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.shown && score(r) > 0)
    .sort((a, b) => score(b.r) - score(a.r) || (b.r.spread ?? 0) - (a.r.spread ?? 0) || a.i - b.i)
    .map(({ r }) => r);
}

const COLUMN_WORDS: Readonly<Record<Perspective, string>> = { peer: 'peer', overlap: 'shared (overlap)', clinical: 'clinical' };

function countsInWords(c: Counts): string {
  return COLUMNS.filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${COLUMN_WORDS[k]}`)
    .join(', ');
}

export interface GuideItem {
  readonly statement: Statement;
  readonly counts: Counts;
  /** Why this statement is on the guide, in words. */
  readonly why: string;
  /** Questions for the meeting. */
  readonly questions: readonly string[];
  /** The framework's view, in the project's words, with its source. */
  readonly framework: string;
}

/** Questions the team can talk through for one statement, worded as an invitation, never as a test. */
function questionsFor(s: Statement, c: Counts): string[] {
  const out: string[] = [];
  const others = COLUMNS.filter((k) => k !== s.column && c[k] > 0);
  if (others.length > 0)
    out.push(
      `Some of us read this as ${others.map((k) => COLUMN_WORDS[k]).join(' or ')}. What in our day-to-day work makes it sound that way?`,
    );
  if (c[s.column] > 0 && others.length > 0) out.push(`What led those who placed it as ${COLUMN_WORDS[s.column]} to read it that way?`);
  if (s.column === 'peer') out.push('Where does our program make room for this, and where does it get in the way?');
  else if (s.column === 'clinical')
    out.push('When a peer specialist is asked to work this way, what would we like them to say, and who backs them up?');
  else out.push('How do peer specialists and clinicians on our team each bring this to the work?');
  out.push(s.question);
  return out;
}

export function discussionGuide(rows: readonly MapRow[], size = GUIDE_SIZE): GuideItem[] {
  return mostDivided(rows)
    .slice(0, size)
    .map((r) => {
      const c = r.counts as Counts;
      const s = r.statement;
      const away = c.peer + c.overlap + c.clinical - c[s.column];
      const why =
        away > 0
          ? `Placed as ${countsInWords(c)}; the chart puts it in the ${COLUMN_WORDS[s.column]} column, and ${away} of ${r.placed} placements differ from it.`
          : `Placed as ${countsInWords(c)}.`;
      return {
        statement: s,
        counts: c,
        why,
        questions: questionsFor(s, c),
        framework: `The chart places this in the ${COLUMN_WORDS[s.column]} column of “${s.dimensionTitle}”. ${s.detail}`,
      };
    });
}

/* ---------------- the SQL of card sorts (see routes.ts for who may do what) ---------------- */

export function sortById(db: Kysely<Database>, id: string): Promise<CardSortsTable | undefined> {
  return db.selectFrom('card_sorts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The sorts, newest first: every one, or one team's. */
export function listSorts(db: Kysely<Database>, teamId?: string): Promise<CardSortsTable[]> {
  const q = db.selectFrom('card_sorts').selectAll().orderBy('created_at', 'desc').orderBy('id');
  return (teamId === undefined ? q : q.where('team_id', '=', teamId)).execute();
}

/** Every team by name, or the one given. */
export function teamChoices(db: Kysely<Database>, only?: string): Promise<{ id: string; name: string }[]> {
  const q = db.selectFrom('teams').select(['id', 'name']);
  return only === undefined ? q.orderBy('name').execute() : q.where('id', '=', only).execute();
}

export async function teamExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A sort's team name, its active members, how many have placed a card, and how many cards `userId` placed. */
export async function sortCounts(
  db: Kysely<Database>,
  s: CardSortsTable,
  userId: string,
): Promise<{ teamName: string; members: number; participants: number; mine: number }> {
  const team = await db.selectFrom('teams').select('name').where('id', '=', s.team_id).executeTakeFirst();
  const members = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', s.team_id)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  const participants = await db
    .selectFrom('card_sort_placements')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
    .where('card_sort_id', '=', s.id)
    .executeTakeFirstOrThrow();
  const mine = await db
    .selectFrom('card_sort_placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('card_sort_id', '=', s.id)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { teamName: team?.name ?? '', members: Number(members.n), participants: Number(participants.n), mine: Number(mine.n) };
}

export async function insertSort(db: Kysely<Database>, row: CardSortsTable): Promise<void> {
  await db.insertInto('card_sorts').values(row).execute();
}

export async function setSortStatus(db: Kysely<Database>, id: string, status: CardSortsTable['status']): Promise<void> {
  await db.updateTable('card_sorts').set({ status }).where('id', '=', id).execute();
}

/** One member's placements in a sort. */
export function placementsOf(
  db: Kysely<Database>,
  sortId: string,
  userId: string,
): Promise<{ statement_id: string; placement: Placement }[]> {
  return db
    .selectFrom('card_sort_placements')
    .select(['statement_id', 'placement'])
    .where('card_sort_id', '=', sortId)
    .where('user_id', '=', userId)
    .execute();
}

/** Saves one placement (or changes it) and gives how many cards the member has placed. */
export async function savePlacement(
  db: Kysely<Database>,
  sortId: string,
  userId: string,
  statementId: string,
  placement: Placement,
): Promise<number> {
  const now = new Date().toISOString();
  await db
    .insertInto('card_sort_placements')
    .values({ card_sort_id: sortId, user_id: userId, statement_id: statementId, placement, placed_at: now })
    .onConflict((oc) => oc.columns(['card_sort_id', 'user_id', 'statement_id']).doUpdateSet({ placement, placed_at: now }))
    .execute();
  const mine = await db
    .selectFrom('card_sort_placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('card_sort_id', '=', sortId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(mine.n);
}

/** The team's anonymous map of a sort. */
export async function mapOf(db: Kysely<Database>, sortId: string) {
  const placements = await db
    .selectFrom('card_sort_placements')
    .select(['statement_id', 'placement'])
    .where('card_sort_id', '=', sortId)
    .execute();
  return teamMap(placements);
}
