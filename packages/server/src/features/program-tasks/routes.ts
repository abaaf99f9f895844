/**
 * Role design (issue 5): a program's task lists, each task classified with core's classifyDuty.
 * A pasted line that is not a duty (a heading, the position summary, a qualification, pay or
 * hours) is kept and shown as such, but neither counted nor flagged (issue 13).
 * Program leaders and admins keep the lists; a supervisor reads their team's list and the
 * program-wide one; a peer specialist's role is described by them, not managed through them.
 */
import { classifyTasks, isRethink, notDutyKind, classifyDuty, type DutyLabel, type DutyResult, type NotDutyKind } from '@peerlens/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import { newId, type SessionUser } from '../../auth/sessions.js';
import type { ProgramTasksTable } from '../../db/types.js';
import { ApiError } from '../../errors.js';
import { analyzeOptions } from '../organization/service.js';
import { allTeams, deleteTask, insertTasks, lastSeq, listTasks, taskById, teamExists, updateTask } from './service.js';
import {
  CreateTasksBody,
  CreateTasksReply,
  DutyResultSchema,
  ErrorReply,
  ProgramTask,
  TaskList,
  TaskParams,
  TaskQuery,
  UpdateTaskBody,
} from './schemas.js';

const tags = ['role design'];
const MAX_TASKS = 300;
const noTask = (): ApiError => new ApiError(404, 'not_found', 'No such task.');

/** The tasks of a pasted list: one a line, without bullets or numbering. */
export function taskLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/^\s*(?:[-*•·–]|\d{1,3}[.)]|[a-z][.)])\s+/i, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l.length > 0)
    .map((l) => l.slice(0, 1000));
}

/** What is stored as a task's result: core's classification, and what the line is when it is not a duty. */
type StoredResult = DutyResult & { notDuty?: NotDutyKind };

/** What a stored task's line is when it is not a duty. */
const notDutyOf = (t: { result: string }): NotDutyKind | undefined => (JSON.parse(t.result) as StoredResult).notDuty;

/** A task to rethink: given to a peer, a conflict, an errand or a clinical duty, and a duty at all. */
const isFlagged = (t: { assigned_to: string; label: string; result: string }): boolean =>
  t.assigned_to === 'peer' && isRethink(t.label as DutyLabel) && notDutyOf(t) === undefined;

function toReply(t: ProgramTasksTable): z.infer<typeof ProgramTask> {
  const { notDuty, ...stored } = JSON.parse(t.result) as StoredResult;
  // a result saved by an older version (findings without hints) is classified again for the reply
  const result = DutyResultSchema.safeParse(stored).success ? stored : classifyDuty(t.text);
  return {
    id: t.id,
    teamId: t.team_id,
    text: t.text,
    assignedTo: t.assigned_to,
    label: t.label as DutyResult['label'],
    result,
    flagged: isFlagged(t),
    notDuty: notDuty ?? null,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function summaryOf(tasks: readonly { assigned_to: string; label: string; result: string }[]) {
  const peer = tasks.filter((t) => t.assigned_to === 'peer');
  const notDuties = peer.filter((t) => notDutyOf(t) !== undefined && notDutyOf(t) !== 'heading').length;
  const duties = peer.filter((t) => notDutyOf(t) === undefined);
  const flagged = tasks.filter(isFlagged);
  const count = (l: string): number => flagged.filter((t) => t.label === l).length;
  const parts = [
    count('conflict') > 0 ? plural(count('conflict'), 'conflict', 'conflicts') : '',
    count('errand') > 0 ? plural(count('errand'), 'errand', 'errands') : '',
    count('clinical') > 0 ? plural(count('clinical'), 'clinical duty', 'clinical duties') : '',
  ].filter(Boolean);
  const which = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`;
  const left = notDuties > 0 ? ` Not counted: ${plural(notDuties, 'line that is not a duty', 'lines that are not duties')}.` : '';
  return {
    tasks: tasks.length,
    peerTasks: duties.length,
    flagged: flagged.length,
    notDuties,
    text:
      duties.length === 0
        ? `No tasks are assigned to peer specialists yet.${left}`
        : `${flagged.length} of ${plural(duties.length, 'peer task', 'peer tasks')} to rethink${which ? `: ${which}` : ''}.${left}`,
  };
}

const canManage = (u: SessionUser): boolean => u.role === 'leader' || u.role === 'admin';

export const programTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  async function taskFor(user: SessionUser, id: string): Promise<ProgramTasksTable> {
    const t = await taskById(db, id);
    if (!t) throw noTask();
    return t;
  }

  app.get(
    '/api/program-tasks',
    {
      schema: {
        summary: "The program's task lists, each task classified; conflicts and errands given to peers are flagged",
        tags,
        querystring: TaskQuery,
        response: { 200: TaskList, 401: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request, 'supervisor', 'leader', 'admin');
      const want = request.query.teamId;
      if (user.role === 'supervisor' && want !== undefined && want !== 'program' && want !== user.teamId)
        throw new ApiError(403, 'forbidden', "A supervisor reads their own team's task list.");
      const rows = await listTasks(db, {
        ...(user.role === 'supervisor' ? { teamOf: user.teamId } : {}),
        ...(want !== undefined ? { want } : {}),
      });
      const teams = canManage(user) ? await allTeams(db) : [];
      return { tasks: rows.map(toReply), summary: summaryOf(rows), canManage: canManage(user), teams };
    },
  );

  app.post(
    '/api/program-tasks',
    {
      schema: {
        summary: 'Add tasks, one a line; each is classified as it is saved (leader or admin)',
        tags,
        body: CreateTasksBody,
        response: { 201: CreateTasksReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'leader', 'admin');
      const teamId = request.body.teamId ?? null;
      if (teamId !== null && !(await teamExists(db, teamId))) throw new ApiError(404, 'not_found', 'No such team.');
      const lines = taskLines(request.body.text);
      if (lines.length === 0) throw new ApiError(400, 'invalid', 'There are no tasks in the text.', 'text');
      if (lines.length > MAX_TASKS) throw new ApiError(400, 'invalid', `Add at most ${MAX_TASKS} tasks at a time.`, 'text');
      let seq = await lastSeq(db);
      const now = new Date().toISOString();
      const classified = classifyTasks(lines, await analyzeOptions(db));
      const rows: ProgramTasksTable[] = lines.map((text, i) => {
        const { result, notDuty } = classified[i] as (typeof classified)[number];
        return {
          id: newId(),
          team_id: teamId,
          text,
          assigned_to: request.body.assignedTo,
          label: result.label,
          result: JSON.stringify(notDuty ? { ...result, notDuty } : result),
          created_by: user.id,
          created_at: now,
          updated_at: now,
          seq: ++seq,
        };
      });
      await insertTasks(db, rows);
      // role design is recorded: which list and how many tasks, never their words
      await audit(db, user.id, 'add-task', { type: 'task-list', id: teamId ?? 'program', detail: { teamId, count: rows.length } });
      return reply.code(201).send({ tasks: rows.map(toReply) });
    },
  );

  app.put(
    '/api/program-tasks/:id',
    {
      schema: {
        summary: 'Change a task’s wording or who it is assigned to; it is classified again (leader or admin)',
        tags,
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: ProgramTask, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request, 'leader', 'admin');
      const t = await taskFor(user, request.params.id);
      const text = request.body.text ?? t.text;
      const result = classifyDuty(text, await analyzeOptions(db));
      // reworded, a line is read on its own words; unchanged, it keeps what it was read as under its heading
      const notDuty = request.body.text === undefined ? notDutyOf(t) : notDutyKind(text);
      const next: ProgramTasksTable = {
        ...t,
        text,
        assigned_to: request.body.assignedTo ?? t.assigned_to,
        label: result.label,
        result: JSON.stringify(notDuty ? { ...result, notDuty } : result),
        updated_at: new Date().toISOString(),
      };
      await updateTask(db, next);
      await audit(db, user.id, 'change-task', {
        type: 'task',
        id: t.id,
        detail: { teamId: t.team_id, label: next.label, assignedTo: next.assigned_to, reworded: next.text !== t.text },
      });
      return toReply(next);
    },
  );

  app.delete(
    '/api/program-tasks/:id',
    {
      schema: {
        summary: 'Remove a task (leader or admin)',
        tags,
        params: TaskParams,
        response: { 204: z.null().describe('Removed'), 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'leader', 'admin');
      const t = await taskFor(user, request.params.id);
      await deleteTask(db, t.id);
      await audit(db, user.id, 'delete-task', { type: 'task', id: t.id, detail: { teamId: t.team_id } });
      return reply.code(204).send(null);
    },
  );
};
