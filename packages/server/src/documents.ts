/** Saved documents: the analysis is computed when a document is saved and again whenever its text changes. */
import { randomUUID } from 'node:crypto';
import { analyze, reviewRole, type Analysis, type Profile, type RoleReview } from '@peerlens/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DocumentsTable } from './db/types.js';
import { Analysis as AnalysisSchema, Profile as ProfileSchema, RoleReview as RoleReviewSchema } from './schemas.js';

export type DocumentKind = 'note' | 'role';

export interface StoredDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  text: string;
  createdAt: string;
  updatedAt: string;
  analysis?: Analysis;
  role?: RoleReview;
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: DocumentKind;
  createdAt: string;
  updatedAt: string;
  profile?: Profile;
  summary: string;
}

const pct = (n: number): string => `${Math.round(n * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One line about a note: its profile and how many findings. */
export function noteSummary(a: Analysis): string {
  const p = a.profile;
  const findings = p.findings.language + p.findings.perspective + p.findings.role;
  if (p.units === 0) return 'No sentences yet.';
  const shares = (['peer', 'overlap', 'clinical', 'neutral'] as const).map((l) => `${l} ${pct(p.shares[l])}`).join(' · ');
  return `${plural(p.units, 'unit')}: ${shares} · ${plural(findings, 'finding')}`;
}

interface Computed {
  analysis: string;
  profile: string | null;
  summary: string;
}

function compute(kind: DocumentKind, text: string): Computed {
  if (kind === 'note') {
    const a = analyze(text);
    return { analysis: JSON.stringify(a), profile: JSON.stringify(a.profile), summary: noteSummary(a) };
  }
  const r = reviewRole(text);
  return { analysis: JSON.stringify(r), profile: null, summary: r.summary };
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a row's stored analysis still has the shape the API promises (an analysis saved by an older version may not). */
function isCurrent(row: Pick<Selectable<DocumentsTable>, 'kind' | 'analysis' | 'profile'>): boolean {
  if (row.kind === 'role') return RoleReviewSchema.safeParse(parseJson(row.analysis)).success;
  return AnalysisSchema.safeParse(parseJson(row.analysis)).success && ProfileSchema.safeParse(parseJson(row.profile)).success;
}

/** The row with its analysis redone and saved if the stored one is out of date; `updated_at` stays, as the person changed nothing. */
async function refreshed(db: Kysely<Database>, row: Selectable<DocumentsTable>, force = false): Promise<Selectable<DocumentsTable>> {
  if (!force && isCurrent(row)) return row;
  const next = { ...row, ...compute(row.kind, row.text) };
  await db
    .updateTable('documents')
    .set({ analysis: next.analysis, profile: next.profile, summary: next.summary })
    .where('id', '=', row.id)
    .execute();
  return next;
}

function fromRow(row: Selectable<DocumentsTable>): StoredDocument {
  const base = { id: row.id, title: row.title, kind: row.kind, text: row.text, createdAt: row.created_at, updatedAt: row.updated_at };
  const parsed = JSON.parse(row.analysis) as unknown;
  return row.kind === 'note' ? { ...base, analysis: parsed as Analysis } : { ...base, role: parsed as RoleReview };
}

export async function insertDocument(
  db: Kysely<Database>,
  input: { title: string; kind: DocumentKind; text: string },
  at: Date = new Date(),
): Promise<StoredDocument> {
  const now = at.toISOString();
  const row = {
    id: randomUUID(),
    title: input.title,
    kind: input.kind,
    text: input.text,
    ...compute(input.kind, input.text),
    created_at: now,
    updated_at: now,
    author_id: null,
    team_id: null,
    written_at: null,
    content_hash: null,
  };
  await db.insertInto('documents').values(row).execute();
  return fromRow({ ...row, seq: 0 });
}

export async function listDocuments(db: Kysely<Database>): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'title', 'kind', 'profile', 'summary', 'created_at', 'updated_at'])
    .orderBy('updated_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
  const stale = rows.filter((r) => r.kind === 'note' && !ProfileSchema.safeParse(parseJson(r.profile)).success);
  for (const r of stale) {
    const full = await db.selectFrom('documents').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    Object.assign(r, await refreshed(db, full, true));
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.profile !== null ? { profile: JSON.parse(r.profile) as Profile } : {}),
    summary: r.summary,
  }));
}

export async function getDocument(db: Kysely<Database>, id: string): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(await refreshed(db, row)) : undefined;
}

/** Changes the title and/or text; the analysis is redone from the new text. Undefined when there is no such document. */
export async function updateDocument(
  db: Kysely<Database>,
  id: string,
  change: { title?: string | undefined; text?: string | undefined },
): Promise<StoredDocument | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const title = change.title ?? row.title;
    const text = change.text ?? row.text;
    const next = { ...row, title, text, ...compute(row.kind, text), updated_at: new Date().toISOString() };
    await trx
      .updateTable('documents')
      .set({ title, text, analysis: next.analysis, profile: next.profile, summary: next.summary, updated_at: next.updated_at })
      .where('id', '=', id)
      .execute();
    return fromRow(next);
  });
}

export async function deleteDocument(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
