/** The SQL of reflections and their replies (see routes.ts for who may do what). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { checkpoint } from '../../db/database.js';
import type { Database, MemberRole } from '../../db/types.js';
import type { Reflection } from './schemas.js';

type ReflectionRow = { id: string; author_id: string; month: string; text: string; created_at: string; updated_at: string };

export async function withReplies(db: Kysely<Database>, rows: readonly ReflectionRow[]): Promise<z.infer<typeof Reflection>[]> {
  if (rows.length === 0) return [];
  const replies = await db
    .selectFrom('reflection_replies')
    .leftJoin('users', 'users.id', 'reflection_replies.author_id')
    .select([
      'reflection_replies.id',
      'reflection_replies.reflection_id',
      'reflection_replies.text',
      'reflection_replies.created_at',
      'reflection_replies.updated_at',
      'users.id as user_id',
      'users.name',
      'users.role',
    ])
    .where(
      'reflection_replies.reflection_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('reflection_replies.created_at')
    .orderBy('reflection_replies.id')
    .execute();
  const names = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          rows.map((r) => r.author_id),
        )
        .execute()
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    member: r.author_id,
    memberName: names.get(r.author_id) ?? '',
    month: r.month,
    text: r.text,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    replies: replies
      .filter((x) => x.reflection_id === r.id)
      .map((x) => ({
        id: x.id,
        author: x.user_id && x.name && x.role ? { id: x.user_id, name: x.name, role: x.role as MemberRole } : null,
        text: x.text,
        createdAt: x.created_at,
        updatedAt: x.updated_at,
      })),
  }));
}

/** A member's reflections, newest month first (or the one of `month`), each with its replies. */
export async function reflectionsOf(db: Kysely<Database>, member: string, month?: string): Promise<z.infer<typeof Reflection>[]> {
  let q = db.selectFrom('reflections').selectAll().where('author_id', '=', member);
  if (month !== undefined) q = q.where('month', '=', month);
  return withReplies(db, await q.orderBy('month', 'desc').execute());
}

/** Removes a member's reflection on a month, with its replies (the foreign key cascades); the words leave the disk. */
export async function removeReflection(db: Kysely<Database>, authorId: string, month: string): Promise<void> {
  const r = await db.deleteFrom('reflections').where('author_id', '=', authorId).where('month', '=', month).executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) await checkpoint(db);
}

/** Writes (or rewrites) a member's reflection on a month, and gives it back with its replies. */
export async function saveReflection(
  db: Kysely<Database>,
  authorId: string,
  month: string,
  text: string,
): Promise<z.infer<typeof Reflection> | null> {
  const now = new Date().toISOString();
  await db
    .insertInto('reflections')
    .values({ id: randomUUID(), author_id: authorId, month, text, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['author_id', 'month']).doUpdateSet({ text, updated_at: now }))
    .execute();
  const r = await db
    .selectFrom('reflections')
    .selectAll()
    .where('author_id', '=', authorId)
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  return (await withReplies(db, [r]))[0] ?? null;
}

/** A reflection's id and writer. */
export function reflectionAuthor(db: Kysely<Database>, id: string): Promise<{ id: string; author_id: string } | undefined> {
  return db.selectFrom('reflections').select(['id', 'author_id']).where('id', '=', id).executeTakeFirst();
}

export async function addReply(
  db: Kysely<Database>,
  row: { id: string; reflection_id: string; author_id: string; text: string; created_at: string; updated_at: string },
): Promise<void> {
  await db.insertInto('reflection_replies').values(row).execute();
}

/** Removes a member's own reply; false when there is none. */
export async function removeReply(db: Kysely<Database>, id: string, authorId: string): Promise<boolean> {
  const r = await db.deleteFrom('reflection_replies').where('id', '=', id).where('author_id', '=', authorId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return false;
  await checkpoint(db);
  return true;
}
