/**
 * History imports (decision 009, "History"): a file is parsed and staged row by row; a mapping
 * names the text, author and date columns; then the rows are committed in chunks, each chunk
 * one transaction, so a stop half-way loses nothing and a failure leaves no half chunk. A row
 * whose (author, text) is already saved is a duplicate and is not saved again.
 */
import { randomUUID } from 'node:crypto';
import type { CaseWhenBuilder, Insertable, Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../../auth/sessions.js';
import type { Database, DocumentsTable, ImportRowsTable, ImportStatus } from '../../db/types.js';
import { compute, contentHash } from '../documents/service.js';
import { isPostgres } from '../../db/dialect.js';
import { checkpoint } from '../../db/database.js';
import { tooFarAhead } from '@peerlens/contract';
import { getSettings } from '../privacy/service.js';
import { analyzeOptions } from '../organization/service.js';
import { ApiError } from '../../errors.js';
import { MAX_TEXT } from '@peerlens/contract';
import { parseDate, type LineProblem, type ParsedFile } from './parse.js';
import { RollupDelta, subtractNotes } from '../../db/rollups.js';

export interface Mapping {
  textColumn: string;
  authorColumn?: string | undefined;
  dateColumn?: string | undefined;
  /** A value of the author column → a member id. */
  authors?: Readonly<Record<string, string>> | undefined;
  /** The author of rows without an author column (a whole document, or a file of one person's notes). */
  defaultAuthor?: string | undefined;
}

/** Hooks for tests only: a function called before each row is saved (throwing aborts the chunk). */
export const importTestHooks: { beforeRow?: ((line: number) => void) | undefined } = {};

export const DEFAULT_BATCH = 200;
export const MAX_BATCH = 1000;

/** SHA-256 of a note's text, hex: how a duplicate is recognised (decision 009). */
export { contentHash };

const notFound = (): ApiError => new ApiError(404, 'not_found', 'No such import.');

/** The members `user` may import notes for: a peer only themselves, a supervisor their team, an admin anyone. */
export async function importableAuthors(
  db: Kysely<Database>,
  user: SessionUser,
): Promise<Map<string, { id: string; teamId: string | null }>> {
  let q = db.selectFrom('users').select(['id', 'team_id']).where('disabled_at', 'is', null);
  if (user.role === 'peer' || user.role === 'leader') q = q.where('id', '=', user.id);
  else if (user.role === 'supervisor')
    q =
      user.teamId === null
        ? q.where('id', '=', user.id)
        : q.where((eb) => eb.or([eb('team_id', '=', user.teamId), eb('id', '=', user.id)]));
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, teamId: r.team_id }]));
}

/**
 * Which member each value of an author column most likely is, among those `user` may import for:
 * the one whose name or username is the value (ignoring case and outer spaces); else the only one
 * whose first name it is. A value that fits no one, or several, is left out (the page then asks).
 */
export async function guessAuthors(db: Kysely<Database>, user: SessionUser, values: readonly string[]): Promise<Record<string, string>> {
  if (user.role === 'peer' || values.length === 0) return {};
  const allowed = [...(await importableAuthors(db, user)).keys()];
  if (allowed.length === 0) return {};
  const members = await db.selectFrom('users').select(['id', 'name', 'username']).where('id', 'in', allowed).execute();
  const key = (v: string): string => v.trim().toLowerCase();
  const guess: Record<string, string> = {};
  for (const value of values) {
    const v = key(value);
    if (v === '') continue;
    const exact = members.filter((m) => key(m.name) === v || key(m.username) === v);
    const first = exact.length === 0 ? members.filter((m) => key(m.name.split(/\s+/)[0] ?? '') === v) : [];
    const only = exact.length === 1 ? exact[0] : first.length === 1 ? first[0] : undefined;
    if (only) guess[value] = only.id;
  }
  return guess;
}

export async function createImport(db: Kysely<Database>, user: SessionUser, fileName: string, parsed: ParsedFile): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('imports')
      .values({
        id,
        created_by: user.id,
        file_name: fileName.slice(0, 200),
        format: parsed.format,
        created_at: new Date().toISOString(),
        status: 'parsed',
        columns: JSON.stringify(parsed.columns),
        mapping: JSON.stringify(parsed.guess),
        rows: parsed.rows.length,
        problems: parsed.problems.length,
        file_problems: JSON.stringify(parsed.problems.slice(0, 1000)),
      })
      .execute();
    for (let i = 0; i < parsed.rows.length; i += 500) {
      const chunk = parsed.rows.slice(i, i + 500);
      await trx
        .insertInto('import_rows')
        .values(
          chunk.map((r) => ({
            import_id: id,
            line: r.line,
            fields: JSON.stringify(r.fields),
            text: null,
            author_id: null,
            written_at: null,
            status: 'staged' as const,
            reason: null,
            document_id: null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
  return id;
}

/** The import, if `user` started it (or is an admin); otherwise a 404. */
export async function ownImport(db: Kysely<Database>, user: SessionUser, id: string) {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.created_by !== user.id && user.role !== 'admin')) throw notFound();
  return row;
}

/** Applies a mapping to every row not yet committed: each becomes ready, or a problem with its reason. */
export async function applyMapping(db: Kysely<Database>, user: SessionUser, id: string, mapping: Mapping): Promise<void> {
  const imp = await ownImport(db, user, id);
  if (imp.status === 'committing' || imp.status === 'done')
    throw new ApiError(409, 'conflict', 'This import has started saving notes; its mapping can no longer change.');
  const columns = JSON.parse(imp.columns) as string[];
  for (const [field, col] of [
    ['textColumn', mapping.textColumn],
    ['authorColumn', mapping.authorColumn],
    ['dateColumn', mapping.dateColumn],
  ] as const)
    if (col !== undefined && !columns.includes(col)) throw new ApiError(400, 'invalid', `The file has no column "${col}".`, field);
  const allowed = await importableAuthors(db, user);
  const authors = user.role === 'peer' ? {} : (mapping.authors ?? {});
  for (const [value, member] of Object.entries(authors))
    if (!allowed.has(member))
      throw new ApiError(400, 'invalid', `You cannot import notes for the member chosen for "${value.slice(0, 50)}".`, 'authors');
  const fallback = user.role === 'peer' ? user.id : (mapping.defaultAuthor ?? user.id);
  if (!allowed.has(fallback)) throw new ApiError(400, 'invalid', 'You cannot import notes for that member.', 'defaultAuthor');

  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('import_rows')
      .select(['line', 'fields'])
      .where('import_id', '=', id)
      .where('status', 'in', ['staged', 'ready', 'problem'])
      .where('document_id', 'is', null)
      .execute();
    const mapped: Insertable<ImportRowsTable>[] = [];
    for (const r of rows) {
      const fields = JSON.parse(r.fields ?? '{}') as Record<string, string>;
      const text = (fields[mapping.textColumn] ?? '').trim();
      let reason: string | undefined;
      let author: string | undefined = fallback;
      let written: string | undefined;
      if (text === '') reason = 'no text';
      else if (text.length > MAX_TEXT) reason = `the text is longer than ${MAX_TEXT.toLocaleString('en-US')} characters`;
      if (reason === undefined && user.role !== 'peer' && mapping.authorColumn !== undefined) {
        const value = (fields[mapping.authorColumn] ?? '').trim();
        author = value === '' ? undefined : authors[value];
        if (author === undefined) reason = value === '' ? 'no author' : 'the author is not matched to a member';
      }
      if (reason === undefined && mapping.dateColumn !== undefined) {
        written = parseDate(fields[mapping.dateColumn] ?? '');
        if (written === undefined)
          reason = (fields[mapping.dateColumn] ?? '').trim() === '' ? 'no date' : 'the date cannot be read (use YYYY-MM-DD)';
        else if (tooFarAhead(written)) reason = 'the date is in the future (more than a day ahead)';
      }
      mapped.push({
        import_id: id,
        line: r.line,
        fields: r.fields,
        document_id: null,
        ...(reason === undefined
          ? { status: 'ready' as const, text, author_id: author ?? null, written_at: written ?? null, reason: null }
          : { status: 'problem' as const, text: null, author_id: null, written_at: null, reason }),
      });
    }
    // the rows written again a few hundred to a statement (an update a row made most of the mapping's time)
    for (let i = 0; i < mapped.length; i += 200) {
      const part = mapped.slice(i, i + 200);
      await trx
        .deleteFrom('import_rows')
        .where('import_id', '=', id)
        .where(
          'line',
          'in',
          part.map((r) => r.line),
        )
        .execute();
      await trx.insertInto('import_rows').values(part).execute();
    }
    await trx
      .updateTable('imports')
      .set({ status: 'mapped', mapping: JSON.stringify(mapping) })
      .where('id', '=', id)
      .execute();
  });
}

export interface Progress {
  done: number;
  total: number;
  kept: number;
  duplicates: number;
  problems: number;
  finished: boolean;
}

async function progressOf(db: Kysely<Database> | Transaction<Database>, id: string): Promise<Progress> {
  const imp = await db.selectFrom('imports').select(['rows', 'file_problems']).where('id', '=', id).executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('import_rows')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_id', '=', id)
    .groupBy('status')
    .execute();
  const n = (s: string): number => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const fileProblems = (JSON.parse(imp.file_problems) as LineProblem[]).length;
  const kept = n('kept');
  const duplicates = n('duplicate');
  const problems = n('problem') + fileProblems;
  const pending = n('ready') + n('staged');
  return { done: kept + duplicates + n('problem'), total: imp.rows, kept, duplicates, problems, finished: pending === 0 };
}

/** What became of a staged row: the note it made, or the note it duplicates. */
interface Outcome {
  line: number;
  documentId: string;
}

/** Saves the next `batch` ready rows in one transaction; returns the progress after it. */
export async function commitBatch(db: Kysely<Database>, user: SessionUser, id: string, batch: number): Promise<Progress> {
  const imp = await ownImport(db, user, id);
  if (imp.status === 'parsed') throw new ApiError(409, 'conflict', 'Choose the columns (PUT /api/imports/:id/mapping) before saving.');
  const allowed = await importableAuthors(db, user);
  const { keepText } = await getSettings(db);
  const options = await analyzeOptions(db);
  const progress = await db.transaction().execute(async (trx) => {
    // one commit of an import at a time, whichever server takes it (on SQLite, its one writer does that)
    if (isPostgres(trx)) await trx.selectFrom('imports').select('id').where('id', '=', id).forUpdate().execute();
    const rows = await trx
      .selectFrom('import_rows')
      .select(['line', 'text', 'author_id', 'written_at'])
      .where('import_id', '=', id)
      .where('status', '=', 'ready')
      .orderBy('line')
      .limit(batch)
      .execute();
    const now = new Date().toISOString();
    // the notes already saved with the same text, for the chunk's authors, in one query (by the index on author and hash)
    const hashes = new Map<string, string[]>();
    const hashOf = new Map<number, string>();
    for (const r of rows) {
      if (r.author_id === null || !allowed.has(r.author_id)) continue;
      const hash = contentHash(r.text ?? '');
      hashOf.set(r.line, hash);
      hashes.set(r.author_id, [...(hashes.get(r.author_id) ?? []), hash]);
    }
    const saved = new Map<string, string>();
    const key = (author: string, hash: string): string => `${author}\u0000${hash}`;
    for (const [author, list] of hashes)
      for (let i = 0; i < list.length; i += 500)
        for (const d of await trx
          .selectFrom('documents')
          .select(['id', 'content_hash'])
          .where('author_id', '=', author)
          .where('content_hash', 'in', list.slice(i, i + 500))
          .execute())
          saved.set(key(author, d.content_hash ?? ''), d.id);
    // the drift rollups gain the chunk's notes in the same transaction, in a few statements
    const delta = new RollupDelta();
    const docs: Insertable<DocumentsTable>[] = [];
    const done: Record<'kept' | 'duplicate', Outcome[]> = { kept: [], duplicate: [] };
    for (const r of rows) {
      importTestHooks.beforeRow?.(r.line);
      const text = r.text ?? '';
      const author = r.author_id === null ? undefined : allowed.get(r.author_id);
      if (author === undefined) {
        await trx
          .updateTable('import_rows')
          .set({ status: 'problem', reason: 'the author is not a member you can import for', text: null, fields: null })
          .where('import_id', '=', id)
          .where('line', '=', r.line)
          .execute();
        continue;
      }
      const hash = hashOf.get(r.line) ?? contentHash(text);
      const existing = saved.get(key(author.id, hash));
      if (existing !== undefined) {
        done.duplicate.push({ line: r.line, documentId: existing });
        continue;
      }
      const stored = compute('note', text, keepText, options);
      const docId = randomUUID();
      saved.set(key(author.id, hash), docId);
      const date = r.written_at ?? now.slice(0, 10);
      const doc = {
        id: docId,
        title: `Note of ${date.slice(0, 10)} (imported from ${imp.file_name.slice(0, 120)}, line ${r.line})`.slice(0, 200),
        kind: 'note' as const,
        // with the workspace set to keep findings only, the note's words are not stored (decision 009)
        text: keepText ? text : '',
        ...stored,
        created_at: now,
        updated_at: now,
        author_id: author.id,
        team_id: author.teamId,
        written_at: r.written_at,
        content_hash: hash,
      };
      docs.push(doc);
      delta.add(doc);
      done.kept.push({ line: r.line, documentId: docId });
    }
    // each row's outcome, a few hundred rows a statement (a statement a row made most of a chunk's work)
    for (const status of ['kept', 'duplicate'] as const)
      for (let i = 0; i < done[status].length; i += 200) {
        const part = done[status].slice(i, i + 200);
        await trx
          .updateTable('import_rows')
          .set((eb) => {
            const [head, ...rest] = part as [Outcome, ...Outcome[]];
            let byLine: CaseWhenBuilder<Database, 'import_rows', number, string> = eb.case('line').when(head.line).then(head.documentId);
            for (const o of rest) byLine = byLine.when(o.line).then(o.documentId);
            return { status, document_id: byLine.end(), text: null, fields: null };
          })
          .where('import_id', '=', id)
          .where(
            'line',
            'in',
            part.map((o) => o.line),
          )
          .execute();
      }
    // the chunk's notes in a few statements (in the order of their lines)
    for (let i = 0; i < docs.length; i += 50)
      await trx
        .insertInto('documents')
        .values(docs.slice(i, i + 50))
        .execute();
    await delta.apply(trx);
    const p = await progressOf(trx, id);
    await trx
      .updateTable('imports')
      .set({ status: p.finished ? 'done' : 'committing', kept: p.kept, duplicates: p.duplicates, problems: p.problems })
      .where('id', '=', id)
      .execute();
    if (p.finished) {
      // nothing of the file stays once it is imported: no row's words, no column names (a
      // headerless file's first row is its column names)
      await trx.updateTable('import_rows').set({ fields: null, text: null }).where('import_id', '=', id).execute();
      await trx.updateTable('imports').set({ columns: '[]', mapping: null }).where('id', '=', id).execute();
    }
    return p;
  });
  // and not in the write-ahead log's old pages either
  if (progress.finished) await checkpoint(db);
  return progress;
}

/**
 * Whether `user` may delete an import: whoever made it, their team's supervisor, or an admin.
 * Anyone else gets a 404, as if it did not exist.
 */
async function deletableImport(db: Kysely<Database>, user: SessionUser, id: string) {
  const row = await db
    .selectFrom('imports')
    .innerJoin('users', 'users.id', 'imports.created_by')
    .select(['imports.id', 'imports.created_by', 'users.team_id'])
    .where('imports.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const supervisor = user.role === 'supervisor' && user.teamId !== null && row.team_id === user.teamId;
  if (row.created_by !== user.id && user.role !== 'admin' && !supervisor) throw notFound();
  return row;
}

/**
 * Deletes an import: its record (file name, column names), its staged rows and problems, and,
 * with `notes`, the notes it saved. Then empties the write-ahead log. Cancelling an unfinished
 * import is the same. Returns how many notes were deleted.
 */
export async function deleteImport(db: Kysely<Database>, user: SessionUser, id: string, notes: boolean): Promise<{ notes: number }> {
  await deletableImport(db, user, id);
  const deleted = await db.transaction().execute(async (trx) => {
    let n = 0;
    if (notes) {
      const kept = trx.selectFrom('import_rows').select('document_id').where('import_id', '=', id).where('status', '=', 'kept');
      await subtractNotes(trx, (q) => q.where('id', 'in', kept));
      n = Number((await trx.deleteFrom('documents').where('id', 'in', kept).executeTakeFirst()).numDeletedRows);
    }
    await trx.deleteFrom('import_rows').where('import_id', '=', id).execute();
    await trx.deleteFrom('imports').where('id', '=', id).execute();
    return n;
  });
  await checkpoint(db);
  return { notes: deleted };
}

export interface ImportView {
  id: string;
  fileName: string;
  format: string;
  status: ImportStatus;
  createdAt: string;
  columns: string[];
  mapping: Mapping | { textColumn?: string; authorColumn?: string; dateColumn?: string };
  progress: Progress;
  problems: LineProblem[];
}

/** The import's state: its counts and every problem by line (never a row's text). */
export async function importView(db: Kysely<Database>, user: SessionUser, id: string): Promise<ImportView> {
  const imp = await ownImport(db, user, id);
  const rowProblems = await db
    .selectFrom('import_rows')
    .select(['line', 'reason'])
    .where('import_id', '=', id)
    .where('status', '=', 'problem')
    .orderBy('line')
    .limit(1000)
    .execute();
  const problems = [
    ...(JSON.parse(imp.file_problems) as LineProblem[]),
    ...rowProblems.map((r) => ({ line: r.line, reason: r.reason ?? 'not readable' })),
  ].sort((a, b) => a.line - b.line);
  return {
    id: imp.id,
    fileName: imp.file_name,
    format: imp.format,
    status: imp.status,
    createdAt: imp.created_at,
    columns: JSON.parse(imp.columns) as string[],
    mapping: imp.mapping === null ? {} : (JSON.parse(imp.mapping) as Mapping),
    progress: await progressOf(db, id),
    problems,
  };
}

/**
 * The imports `user` may see in the list, newest first, with their progress (to continue one that
 * stopped): their own, and for a supervisor their team's too (which they may delete, not continue).
 */
export async function listImports(
  db: Kysely<Database>,
  user: SessionUser,
): Promise<
  { id: string; fileName: string; status: ImportStatus; createdAt: string; createdBy: { id: string; name: string }; progress: Progress }[]
> {
  let q = db
    .selectFrom('imports')
    .innerJoin('users', 'users.id', 'imports.created_by')
    .select(['imports.id', 'imports.file_name', 'imports.status', 'imports.created_at', 'imports.created_by', 'users.name']);
  q =
    user.role === 'supervisor' && user.teamId !== null
      ? q.where((eb) => eb.or([eb('imports.created_by', '=', user.id), eb('users.team_id', '=', user.teamId)]))
      : q.where('imports.created_by', '=', user.id);
  const rows = await q.orderBy('imports.created_at', 'desc').limit(50).execute();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      fileName: r.file_name,
      status: r.status,
      createdAt: r.created_at,
      createdBy: { id: r.created_by, name: r.name },
      progress: await progressOf(db, r.id),
    })),
  );
}

/** The distinct values of one column of a staged import, at most 200. */
export async function columnValues(db: Kysely<Database>, importId: string, column: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('import_rows')
    .select('fields')
    .where('import_id', '=', importId)
    .where('fields', 'is not', null)
    .execute();
  const values = new Set<string>();
  for (const r of rows) {
    const v = (JSON.parse(r.fields ?? '{}') as Record<string, string>)[column]?.trim();
    if (v) values.add(v);
    if (values.size >= 200) break;
  }
  return values;
}

/** An import's status, if it exists. */
export async function importStatus(db: Kysely<Database>, id: string): Promise<{ status: string } | undefined> {
  return db.selectFrom('imports').select('status').where('id', '=', id).executeTakeFirst();
}
