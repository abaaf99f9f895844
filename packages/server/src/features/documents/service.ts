/** Saved documents: the analysis is computed when a document is saved and again whenever its text changes. */
import { createHash, randomUUID } from 'node:crypto';
import { analyze, NOTE_LABELS, reviewRole, type Analysis, type AnalyzeOptions, type Profile, type RoleReview } from '@peerlens/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DocumentsTable } from '../../db/types.js';
import { stripAnalysisJson } from '../privacy/service.js';
import { Analysis as AnalysisSchema, Profile as ProfileSchema, RoleReview as RoleReviewSchema } from '@peerlens/contract';
import { checkpoint } from '../../db/database.js';
import { analyzeOptions } from '../organization/service.js';
import { inTransaction, RollupDelta } from '../../db/rollups.js';

export type DocumentKind = 'note' | 'role';

export interface StoredDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  text: string;
  createdAt: string;
  updatedAt: string;
  /** Who wrote it; null for a document saved before the workspace had members (or a demo). */
  authorId: string | null;
  /** When it was written (null: createdAt). */
  writtenAt: string | null;
  analysis?: Analysis;
  role?: RoleReview;
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: DocumentKind;
  createdAt: string;
  updatedAt: string;
  authorId: string | null;
  writtenAt: string | null;
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
  const shares = NOTE_LABELS.map((l) => `${l} ${pct(p.shares[l])}`).join(' · ');
  return `${plural(p.units, 'unit')}: ${shares} · ${plural(findings, 'finding')}`;
}

interface Computed {
  analysis: string;
  profile: string | null;
  summary: string;
  clinical_top: string | null;
}

/** How many of a note's clinical sentences are kept beside it: enough for the drift signal's five examples, one per note, no text twice. */
export const CLINICAL_TOP = 6;

/**
 * A note's most clinical sentences as `clinical_top` stores them: `[text, confidence]`, by
 * confidence, ties in the note's order. The drift signal takes at most one sentence a note and
 * never a text twice among its five, so six a note give the same examples as every sentence.
 */
export function clinicalTop(a: Analysis): string | null {
  if (!a.profile) return null;
  const clinical = a.sentences.filter((s) => s.label === 'clinical');
  // a stable sort: equal confidences keep the note's order
  clinical.sort((x, y) => y.confidence - x.confidence);
  return JSON.stringify(clinical.slice(0, CLINICAL_TOP).map((s) => [s.text, s.confidence]));
}

/** SHA-256 of a text (hex). */
export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * What is stored beside a document's text: its analysis (quotes blanked when text is not kept),
 * profile and summary. `options` carries the organization's allow list (allow-list.ts).
 */
export function compute(kind: DocumentKind, text: string, keepText = true, options: AnalyzeOptions = {}): Computed {
  if (!keepText) {
    const c = compute(kind, text, true, options);
    // the sentences' words are not kept: the drift signal reads the stripped analysis, as before
    return { ...c, analysis: stripAnalysisJson(c.analysis), clinical_top: null };
  }
  if (kind === 'note') {
    const a = analyze(text, options);
    return { analysis: JSON.stringify(a), profile: JSON.stringify(a.profile), summary: noteSummary(a), clinical_top: clinicalTop(a) };
  }
  const r = reviewRole(text, options);
  return { analysis: JSON.stringify(r), profile: null, summary: r.summary, clinical_top: null };
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
  const next = { ...row, ...compute(row.kind, row.text, true, await analyzeOptions(db)) };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('documents')
      .set({ analysis: next.analysis, profile: next.profile, summary: next.summary, clinical_top: next.clinical_top })
      .where('id', '=', row.id)
      .execute();
    // the drift pages count the analysis as stored: the new one replaces the old in the rollups
    await new RollupDelta().add(row, -1).add(next).apply(trx);
  });
  return next;
}

function fromRow(row: Selectable<DocumentsTable>): StoredDocument {
  const base = {
    id: row.id,
    title: row.title,
    kind: row.kind,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    authorId: row.author_id,
    writtenAt: row.written_at,
  };
  const parsed = JSON.parse(row.analysis) as unknown;
  return row.kind === 'note' ? { ...base, analysis: parsed as Analysis } : { ...base, role: parsed as RoleReview };
}

/** Who saved a document, and whether its text is kept (the workspace's keep_text setting). */
export interface SaveOptions {
  authorId?: string | null;
  teamId?: string | null;
  /** Default true. When false the text is stored as '' and the analysis without quoted words. */
  keepText?: boolean;
}

export async function insertDocument(
  db: Kysely<Database>,
  input: { title: string; kind: DocumentKind; text: string; writtenAt?: string | undefined },
  at: Date = new Date(),
  options: SaveOptions = {},
): Promise<StoredDocument> {
  const now = at.toISOString();
  const keepText = options.keepText ?? true;
  const row = {
    id: randomUUID(),
    title: input.title,
    kind: input.kind,
    text: keepText ? input.text : '',
    ...compute(input.kind, input.text, keepText, await analyzeOptions(db)),
    created_at: now,
    updated_at: now,
    author_id: options.authorId ?? null,
    team_id: options.teamId ?? null,
    written_at: input.writtenAt ?? now,
    content_hash: contentHash(input.text),
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('documents').values(row).execute();
    await new RollupDelta().add(row).apply(trx);
  });
  return fromRow({ ...row, seq: 0 });
}

/** The documents of the given authors (all documents when `authors` is undefined), most recently updated first. */
export async function listDocuments(
  db: Kysely<Database>,
  authors?: readonly string[],
  options: { authorless?: boolean } = {},
): Promise<DocumentSummary[]> {
  if (authors?.length === 0 && !options.authorless) return [];
  let query = db
    .selectFrom('documents')
    .select(['id', 'title', 'kind', 'profile', 'summary', 'created_at', 'updated_at', 'author_id', 'written_at']);
  if (authors !== undefined)
    query = query.where((eb) =>
      eb.or([
        ...(authors.length > 0 ? [eb('author_id', 'in', authors)] : []),
        ...(options.authorless ? [eb('author_id', 'is', null)] : []),
      ]),
    );
  const rows = await query.orderBy('updated_at', 'desc').orderBy('seq', 'desc').execute();
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
    authorId: r.author_id,
    writtenAt: r.written_at,
    ...(r.profile !== null ? { profile: JSON.parse(r.profile) as Profile } : {}),
    summary: r.summary,
  }));
}

export async function getDocument(db: Kysely<Database>, id: string): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(await refreshed(db, row)) : undefined;
}

/** Changes the title and/or text; the analysis is redone from the new text. Undefined when there is no such document. */
/** Who wrote a document (null: no author), or undefined when there is no such document. */
export async function documentAuthor(db: Kysely<Database>, id: string): Promise<{ authorId: string | null } | undefined> {
  const row = await db.selectFrom('documents').select('author_id').where('id', '=', id).executeTakeFirst();
  return row ? { authorId: row.author_id } : undefined;
}

export async function updateDocument(
  db: Kysely<Database>,
  id: string,
  change: { title?: string | undefined; text?: string | undefined; writtenAt?: string | undefined },
  options: Pick<SaveOptions, 'keepText'> = {},
): Promise<StoredDocument | undefined> {
  const keepText = options.keepText ?? true;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const title = change.title ?? row.title;
    // Without a new text, the analysis stays as it is (its text may not be kept).
    const computed =
      change.text === undefined
        ? { analysis: row.analysis, profile: row.profile, summary: row.summary, clinical_top: row.clinical_top ?? null }
        : compute(row.kind, change.text, keepText, await analyzeOptions(trx));
    const text = change.text === undefined ? row.text : keepText ? change.text : '';
    const content_hash = change.text === undefined ? row.content_hash : contentHash(change.text);
    const written_at = change.writtenAt ?? row.written_at;
    const next = { ...row, title, text, ...computed, content_hash, written_at, updated_at: new Date().toISOString() };
    await trx
      .updateTable('documents')
      .set({
        title,
        text,
        analysis: next.analysis,
        profile: next.profile,
        summary: next.summary,
        clinical_top: next.clinical_top,
        content_hash,
        written_at,
        updated_at: next.updated_at,
      })
      .where('id', '=', id)
      .execute();
    await new RollupDelta().add(row, -1).add(next).apply(trx);
    return fromRow(next);
  });
}

/** Deletes a document; with secure_delete on and the log emptied after, its words leave the disk too (decision 012). */
export async function deleteDocument(db: Kysely<Database>, id: string): Promise<boolean> {
  const deleted = await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('documents')
      .select(['kind', 'author_id', 'written_at', 'created_at', 'analysis'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('documents').where('id', '=', id).execute();
    await new RollupDelta().add(row, -1).apply(trx);
    return true;
  });
  if (!deleted) return false;
  await checkpoint(db);
  return true;
}

/** The names of the given members, by id. */
export async function memberNames(db: Kysely<Database>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
