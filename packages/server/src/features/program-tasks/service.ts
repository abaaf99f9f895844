/** The SQL of the program's task lists (see routes.ts for who may do what). */
import type { Kysely } from 'kysely';
import type { Database, ProgramTasksTable } from '../../db/types.js';

export function taskById(db: Kysely<Database>, id: string): Promise<ProgramTasksTable | undefined> {
  return db.selectFrom('program_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The tasks in list order. `teamOf` (a supervisor's team, or null): only the program-wide list and
 * that team's; `want`: `program` for the program-wide list only, or one team's id.
 */
export function listTasks(db: Kysely<Database>, filter: { teamOf?: string | null; want?: string }): Promise<ProgramTasksTable[]> {
  let q = db.selectFrom('program_tasks').selectAll().orderBy('seq').orderBy('created_at').orderBy('id');
  const { teamOf, want } = filter;
  if (teamOf !== undefined)
    q = q.where((eb) => (teamOf === null ? eb('team_id', 'is', null) : eb.or([eb('team_id', 'is', null), eb('team_id', '=', teamOf)])));
  if (want === 'program') q = q.where('team_id', 'is', null);
  else if (want !== undefined) q = q.where('team_id', '=', want);
  return q.execute();
}

export function allTeams(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
}

export async function teamExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The highest position in the lists so far (0 for none). */
export async function lastSeq(db: Kysely<Database>): Promise<number> {
  const last = await db
    .selectFrom('program_tasks')
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .executeTakeFirst();
  return Number(last?.m ?? 0);
}

/** Saves new tasks, all or none. */
export async function insertTasks(db: Kysely<Database>, rows: readonly ProgramTasksTable[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const r of rows) await tx.insertInto('program_tasks').values(r).execute();
  });
}

export async function updateTask(db: Kysely<Database>, t: ProgramTasksTable): Promise<void> {
  await db
    .updateTable('program_tasks')
    .set({ text: t.text, assigned_to: t.assigned_to, label: t.label, result: t.result, updated_at: t.updated_at })
    .where('id', '=', t.id)
    .execute();
}

export async function deleteTask(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('program_tasks').where('id', '=', id).execute();
}
