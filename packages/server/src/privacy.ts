/**
 * The workspace's privacy settings and what they do.
 *
 * - `keep_text` off: a saved document keeps its title, analysis labels, profile and findings,
 *   but not its words: the text is stored as '', and every place the analysis quotes the text
 *   (a sentence's or duty's text, a finding's or reason's `actual`, corpus evidence words, and
 *   the quoted words inside messages) is blanked. Turning it off blanks the documents already saved.
 * - `retention_days`: documents written (written_at, else created_at) longer ago than that are
 *   deleted, on start and every 24 hours. Empty: kept until someone deletes them.
 * - A person's data: their documents and every row of any table with a `user_id` or `author_id`
 *   column (other parts' tables included), except their account, sessions and the audit log.
 * - The export: every table, without password hashes, session tokens or invitation tokens.
 */
import { sql, type Kysely } from 'kysely';
import { audit } from './audit.js';
import type { Database } from './db/types.js';

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
      .set({ text: '', analysis: stripAnalysisJson(r.analysis) })
      .where('id', '=', r.id)
      .execute();
}

/** Deletes documents older than the retention period; returns how many. */
export async function purgeExpired(db: Kysely<Database>, now = new Date()): Promise<number> {
  const { retentionDays } = await getSettings(db);
  if (retentionDays === null) return 0;
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const result = await db
    .deleteFrom('documents')
    .where(sql<string>`coalesce(written_at, created_at)`, '<', cutoff)
    .executeTakeFirst();
  const n = Number(result.numDeletedRows);
  if (n > 0) await audit(db, null, 'retention-purge', { type: 'documents', id: String(n) }, now);
  return n;
}

/** The tables of the workspace, as SQLite lists them (the other parts' tables included). */
async function tables(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

async function columns(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Tables kept whole when a person's data is deleted: their account, sign-ins and the record of who did what. */
const KEEP_ON_DELETE = new Set(['users', 'sessions', 'audit_log', 'invitations', 'teams', 'settings']);

/** Deletes everything a member wrote; returns the number of rows deleted per table. */
export async function deletePersonData(db: Kysely<Database>, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of await tables(trx)) {
      if (KEEP_ON_DELETE.has(table)) continue;
      const cols = (await columns(trx, table)).filter((c) => c === 'author_id' || c === 'user_id');
      let n = 0;
      for (const c of cols) {
        const r = await sql`delete from ${sql.table(table)} where ${sql.ref(c)} = ${userId}`.execute(trx);
        n += Number(r.numAffectedRows ?? 0n);
      }
      if (cols.length > 0) counts[table] = n;
    }
  });
  return counts;
}

/** Columns never exported: secrets that would let someone sign in. */
const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['password_hash'],
  invitations: ['token_hash'],
};
const SKIP_TABLES = new Set(['sessions']);

/** The whole workspace as one JSON object: { format, exportedAt, tables: { name: rows[] } }. */
export async function exportWorkspace(db: Kysely<Database>, now = new Date()): Promise<Json> {
  const out: Record<string, unknown[]> = {};
  for (const table of await tables(db)) {
    if (SKIP_TABLES.has(table)) continue;
    const rows = (await sql<Json>`select * from ${sql.table(table)}`.execute(db)).rows;
    const secret = SECRET_COLUMNS[table] ?? [];
    out[table] = rows.map((r) => {
      const copy: Json = { ...r };
      for (const c of secret) delete copy[c];
      for (const c of ['analysis', 'profile']) if (typeof copy[c] === 'string' && table === 'documents') copy[c] = parseMaybe(copy[c]);
      return copy;
    });
  }
  return { format: 'peerlens-workspace', version: 1, exportedAt: now.toISOString(), tables: out };
}

function parseMaybe(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}
