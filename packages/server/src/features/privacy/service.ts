/**
 * The workspace's privacy settings and what they do (decisions 009 and 012). SQLite runs with
 * `secure_delete` on, and each path below ends with a checkpoint that empties the write-ahead
 * log, so deleted words are gone from the database file and its log, not only from the tables.
 *
 * - `keep_text` off: a saved document keeps its title, analysis labels, profile and findings,
 *   but not its words: the text is stored as '', and every place the analysis quotes the text
 *   (a sentence's or duty's text, a finding's or reason's `actual`, corpus evidence words, and
 *   the quoted words inside messages) is blanked. Turning it off blanks the documents already
 *   saved, deletes reflections and their replies, cancels unfinished imports and clears imports' column names.
 * - `retention_days`: rows of every table in `RETENTION` older than that are deleted, on start,
 *   every hour and when the setting changes; unfinished imports go after a day whatever it is.
 * - A person's data: every row of any table with a `user_id` or `author_id` column (other parts'
 *   tables included) and the imports they made, except their account, sessions and the audit log.
 */
import { sql, type Kysely } from 'kysely';
import { audit } from '../../audit.js';
import { purgeLimits } from '../../auth/shared-limits.js';
import { checkpoint, listColumns, listTables, type CheckpointResult } from '../../db/database.js';
import type { Database } from '../../db/types.js';
import { subtractNotes } from '../../db/rollups.js';

export interface PrivacySettings {
  keepText: boolean;
  retentionDays: number | null;
}

export const DEFAULT_SETTINGS: PrivacySettings = { keepText: true, retentionDays: null };

export async function getSettings(db: Kysely<Database>): Promise<PrivacySettings> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', ['keep_text', 'retention_days']).execute();
  const value = (k: string): string | undefined => rows.find((r) => r.key === k)?.value;
  const days = Number(value('retention_days'));
  return {
    keepText: value('keep_text') !== 'false',
    retentionDays: value('retention_days') && Number.isInteger(days) && days > 0 ? days : null,
  };
}

export async function putSettings(db: Kysely<Database>, next: PrivacySettings): Promise<void> {
  const before = await getSettings(db);
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of [
      ['keep_text', String(next.keepText)],
      ['retention_days', next.retentionDays === null ? '' : String(next.retentionDays)],
    ] as const)
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    if (before.keepText && !next.keepText) await stripStoredText(trx);
  });
  // the old words are still in the write-ahead log's copies of the pages until it is emptied
  if (before.keepText && !next.keepText) await checkpoint(db);
}

type Json = Record<string, unknown>;

const blankQuote = (message: unknown, actual: unknown): unknown =>
  typeof message === 'string' && typeof actual === 'string' && actual !== '' ? message.split(actual).join('…') : message;

function stripFindings(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  // a replacement can carry the note's own words ("declines groups"), and a merged finding its own quote
  return list.map((f: Json) => ({
    ...f,
    actual: '',
    message: blankQuote(f.message, f.actual),
    ...(Array.isArray(f.expected) ? { expected: [] } : {}),
    ...(Array.isArray(f.also) ? { also: stripFindings(f.also) } : {}),
  }));
}

function stripUnit(u: Json): Json {
  const out: Json = { ...u, text: '' };
  if (Array.isArray(u.reasons)) out.reasons = stripFindings(u.reasons);
  if ('findings' in u) out.findings = stripFindings(u.findings);
  if (u.evidence && typeof u.evidence === 'object') out.evidence = { ...(u.evidence as Json), words: [] };
  return out;
}

/** A stored analysis (note) or role review (JSON text) without any of the document's words. */
export function stripAnalysisJson(json: string): string {
  const a = JSON.parse(json) as Json;
  const out: Json = { ...a };
  if (Array.isArray(a.sentences)) out.sentences = a.sentences.map((s: Json) => stripUnit(s));
  if (Array.isArray(a.duties)) out.duties = a.duties.map((d: Json) => stripUnit(d));
  if (Array.isArray(a.findings)) out.findings = stripFindings(a.findings);
  if (Array.isArray(a.notDuties)) out.notDuties = a.notDuties.map((n: Json) => ({ ...n, text: '' }));
  return JSON.stringify(out);
}

async function stripStoredText(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('documents').select(['id', 'analysis']).where('text', '!=', '').execute();
  for (const r of rows)
    await db
      .updateTable('documents')
      .set({ text: '', analysis: stripAnalysisJson(r.analysis), clinical_top: null })
      .where('id', '=', r.id)
      .execute();
  // a reflection is nothing but words: it goes, and so does every reply to one
  await db.deleteFrom('reflection_replies').execute();
  await db.deleteFrom('reflections').execute();
  // an import not yet finished holds its file's rows: it is cancelled (its notes already saved stay)
  await db.deleteFrom('imports').where('status', '!=', 'done').execute();
  // a finished one keeps no row text already; its column names may be a headerless file's first note
  await db.updateTable('import_rows').set({ fields: null, text: null }).execute();
  await db.updateTable('imports').set({ columns: '[]', mapping: null }).execute();
}

/** How long an import may stay unfinished before its staged rows are deleted. */
export const STAGED_IMPORT_MS = 86_400_000;

/**
 * What the retention period deletes, table by table: every table whose rows hold words people
 * wrote or uploaded, and the date that ages each row. `RETENTION_EXEMPT` names every other table
 * and why; a test fails when a table is in neither, so a new table cannot be forgotten.
 */
export const RETENTION: readonly { table: keyof Database; date: string; note: string }[] = [
  { table: 'documents', date: 'coalesce(written_at, created_at)', note: 'notes and roles, by the day they were written' },
  // replies first: a reflection's deletion takes its replies with it, and they would not be counted
  { table: 'reflection_replies', date: 'updated_at', note: 'replies to reflections, by when they were written' },
  { table: 'reflections', date: 'updated_at', note: 'reflections, by when they were last written (their replies go with them)' },
  { table: 'imports', date: 'created_at', note: 'imports, with their file names, columns and rows (import_rows go with them)' },
  { table: 'trainings', date: 'completed_on', note: 'trainings, by the day completed' },
  { table: 'card_sorts', date: 'created_at', note: 'card sorts, with their placements' },
  { table: 'card_sort_placements', date: 'placed_at', note: 'placements, by when placed' },
  { table: 'invitations', date: 'created_at', note: 'invitations (each expires after 7 days anyway)' },
  { table: 'password_resets', date: 'created_at', note: 'reset links (each expires after a day anyway)' },
];

export const RETENTION_EXEMPT: Readonly<Record<string, string>> = {
  import_rows: 'deleted with their import; staged rows also expire after a day',
  users: 'the accounts themselves: an admin disables a member, and deletes their data',
  teams: 'team names, not anyone’s words',
  sessions: 'sign-ins, which end after 12 hours without use',
  settings: 'the workspace’s settings',
  audit_log: 'who did what and when, never any text: kept as the record of access',
  program_tasks: 'the program’s task list describes jobs, not people, and is kept until a leader changes it',
  drift_months: 'counts by author and month, derived from the notes and kept in step with them (a purged note leaves them too)',
  drift_month_dimensions: 'counts by author, month and dimension, derived from the notes like drift_months',
  certifications: 'a member’s current certifications, each with its own expiry date; removed by the member, deleted with a person’s data',
  limit_failures: 'failed sign-ins as digests and times, never a name or an address; purged a day after (the limits look back 15 minutes)',
  rate_buckets: 'request counts per member as digests; purged a day after the last request',
};

/**
 * The drift rollups lose what the retention purge is about to delete (notes written before
 * `cutoff`): the months wholly before the cutoff's month at once, and the notes of its month
 * before the cutoff one by one.
 */
async function forgetInRollups(trx: Kysely<Database>, cutoff: string): Promise<void> {
  const month = cutoff.slice(0, 7);
  await trx.deleteFrom('drift_month_dimensions').where('month', '<', month).execute();
  await trx.deleteFrom('drift_months').where('month', '<', month).execute();
  await subtractNotes(trx, (q) =>
    q.where((eb) =>
      eb.and([eb(eb.fn.coalesce('written_at', 'created_at'), '>=', month), eb(eb.fn.coalesce('written_at', 'created_at'), '<', cutoff)]),
    ),
  );
}

export interface PurgeResult {
  /** Rows deleted, by table (only tables with rows deleted). */
  deleted: Record<string, number>;
  /** Whether the write-ahead log was emptied afterwards. */
  checkpoint: CheckpointResult | null;
}

/**
 * The hourly purge: rows past the retention period in every table of `RETENTION`, imports left
 * unfinished for more than a day (their staged rows hold whole files) and expired reset links;
 * then the write-ahead log is emptied so what was deleted leaves the disk. Returns the
 * total number of rows deleted (`purgeDetail` gives them by table).
 */
export async function purgeExpired(db: Kysely<Database>, now = new Date()): Promise<number> {
  const r = await purgeDetail(db, now);
  return Object.values(r.deleted).reduce((a, b) => a + b, 0);
}

export async function purgeDetail(db: Kysely<Database>, now = new Date()): Promise<PurgeResult> {
  const { retentionDays } = await getSettings(db);
  const deleted: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined): void => {
    const k = Number(n ?? 0);
    if (k > 0) deleted[table] = (deleted[table] ?? 0) + k;
  };
  await db.transaction().execute(async (trx) => {
    if (retentionDays !== null) {
      const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
      await forgetInRollups(trx, cutoff);
      for (const rule of RETENTION) {
        const r = await sql`delete from ${sql.table(rule.table)} where ${sql.raw(rule.date)} < ${cutoff}`.execute(trx);
        count(rule.table, r.numAffectedRows);
      }
    }
    const stale = new Date(now.getTime() - STAGED_IMPORT_MS).toISOString();
    count(
      'imports',
      (await trx.deleteFrom('imports').where('status', '!=', 'done').where('created_at', '<', stale).executeTakeFirst()).numDeletedRows,
    );
    await trx.deleteFrom('password_resets').where('expires_at', '<', now.toISOString()).execute();
    await purgeLimits(trx, now.getTime());
  });
  for (const [table, n] of Object.entries(deleted)) await audit(db, null, 'retention-purge', { type: table, id: String(n) }, now);
  return { deleted, checkpoint: await checkpoint(db) };
}

/** Tables kept whole when a person's data is deleted: their account, sign-ins and the record of who did what. */
export const KEEP_ON_DELETE: ReadonlySet<string> = new Set([
  'users',
  'sessions',
  'audit_log',
  'invitations',
  'teams',
  'settings',
  'password_resets',
]);

/**
 * Other columns that point at a member, and what deleting their data does with each row:
 * `delete` (the row is theirs: an import they made, with its file name, columns and staged rows)
 * or `unlink` (the row belongs to a team or the program; only the link to them goes).
 */
export const OWNER_COLUMNS: Readonly<Record<string, { column: string; action: 'delete' | 'unlink' }>> = {
  imports: { column: 'created_by', action: 'delete' },
  card_sorts: { column: 'created_by', action: 'unlink' },
  program_tasks: { column: 'created_by', action: 'unlink' },
};

/**
 * Deletes everything a member wrote or uploaded: every row of any table with a `user_id` or
 * `author_id` column (other parts' tables included) except their account, sessions and the audit
 * log; the imports they made (file names, column headers, staged rows); then empties the
 * write-ahead log, so none of it stays on disk. Returns the rows deleted per table.
 */
export async function deletePersonData(db: Kysely<Database>, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of await listTables(trx)) {
      if (KEEP_ON_DELETE.has(table)) continue;
      const cols = (await listColumns(trx, table)).filter((c) => c === 'author_id' || c === 'user_id');
      let n = 0;
      for (const c of cols) {
        const r = await sql`delete from ${sql.table(table)} where ${sql.ref(c)} = ${userId}`.execute(trx);
        n += Number(r.numAffectedRows ?? 0n);
      }
      const owner = OWNER_COLUMNS[table];
      if (owner?.action === 'delete') {
        const r = await sql`delete from ${sql.table(table)} where ${sql.ref(owner.column)} = ${userId}`.execute(trx);
        n += Number(r.numAffectedRows ?? 0n);
      } else if (owner?.action === 'unlink')
        await sql`update ${sql.table(table)} set ${sql.ref(owner.column)} = null where ${sql.ref(owner.column)} = ${userId}`.execute(trx);
      if (cols.length > 0 || owner?.action === 'delete') counts[table] = n;
    }
  });
  await checkpoint(db);
  return counts;
}

/** A page of the audit log, newest first, with who did each thing; and how many entries there are. */
export async function auditPage(db: Kysely<Database>, page: number, pageSize: number) {
  const total = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.at',
      'audit_log.user_id',
      'users.name',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.detail',
    ])
    .orderBy('audit_log.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Whether a member with this id exists. */
export async function memberExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
