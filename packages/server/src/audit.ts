/**
 * The audit log: who viewed, exported, changed or deleted what. An action, the target's type and
 * id, and a few facts that make the entry readable (`detail`: ids, a role, counts, never any
 * words people wrote: no note, reflection or task text, no file name, no typed username).
 * `describeAudit` turns entries into sentences with people's and teams' names, looked up when
 * the log is read, so the page says "changed member Jo Park's role to supervisor", not an id.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/types.js';

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'setup'
  | 'accept-invitation'
  | 'view-document'
  | 'delete-document'
  | 'export-report'
  | 'export-workspace'
  | 'delete-person-data'
  | 'retention-purge'
  | 'change-settings'
  | 'create-invitation'
  | 'revoke-invitation'
  | 'change-member'
  | 'create-team'
  | 'rename-team'
  | 'change-password'
  | 'create-password-reset'
  | 'use-password-reset'
  | 'start-import'
  | 'import-notes'
  | 'delete-import'
  | 'view-drift'
  | 'add-task'
  | 'change-task'
  | 'delete-task'
  | 'change-allow-list'
  | 'remove-demo'
  // other parts add their own actions as plain strings
  | (string & {});

/** Facts kept with an entry: ids, roles, dates and counts. Never text anyone wrote. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditTarget {
  type: string;
  id: string;
  detail?: AuditDetail;
}

export async function audit(
  db: Kysely<Database>,
  userId: string | null,
  action: AuditAction,
  target?: AuditTarget,
  at = new Date(),
): Promise<void> {
  const detail = target?.detail && Object.keys(target.detail).length > 0 ? JSON.stringify(target.detail) : null;
  const row: AuditRow = {
    at: at.toISOString(),
    user_id: userId,
    action,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    detail,
  };
  // inside a transaction the entry commits (or rolls back) with the change it records
  if (db.isTransaction) await db.insertInto('audit_log').values(row).execute();
  else await groupCommit(db, row);
}

/** Entries waiting for the next write, and the promises of the requests that made them. */
interface Batch {
  rows: AuditRow[];
  done: { resolve: () => void; reject: (e: unknown) => void }[];
}
const pending = new WeakMap<Kysely<Database>, Batch>();

/**
 * Group commit (decision 025): the entries made while the event loop is busy are written together,
 * one statement and one sync to disk, and each caller's promise settles when that write has
 * committed, so no view is answered before its entry is on disk, and a failed write fails every
 * request it held. Under load, twenty views cost one sync instead of twenty; a lone view waits
 * one turn of the event loop.
 */
function groupCommit(db: Kysely<Database>, row: AuditRow): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let batch = pending.get(db);
    if (batch === undefined) {
      const fresh: Batch = { rows: [], done: [] };
      batch = fresh;
      pending.set(db, fresh);
      setImmediate(() => {
        pending.delete(db);
        void writeBatch(db, fresh);
      });
    }
    batch.rows.push(row);
    batch.done.push({ resolve, reject });
  });
}

/** SQLite takes at most 32,766 bound values in a statement: 6 a row. */
const ROWS_A_STATEMENT = 1000;

async function writeBatch(db: Kysely<Database>, batch: Batch): Promise<void> {
  try {
    if (batch.rows.length <= ROWS_A_STATEMENT) await db.insertInto('audit_log').values(batch.rows).execute();
    else
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < batch.rows.length; i += ROWS_A_STATEMENT)
          await trx
            .insertInto('audit_log')
            .values(batch.rows.slice(i, i + ROWS_A_STATEMENT))
            .execute();
      });
    for (const d of batch.done) d.resolve();
  } catch (e) {
    for (const d of batch.done) d.reject(e);
  }
}

/** What an entry about a document keeps: its kind, its author and the day it was written (never its title or words). */
export async function documentFacts(db: Kysely<Database>, id: string): Promise<AuditDetail> {
  const d = await db
    .selectFrom('documents')
    .select(['kind', 'author_id', 'written_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return d ? { kind: d.kind, authorId: d.author_id, written: (d.written_at ?? d.created_at).slice(0, 10) } : {};
}

export interface AuditRow {
  at: string;
  user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
}

export interface DescribedEntry {
  /** Who did it, in words: a member's name, "a former member", "PeerLens" (the server) or "Someone" (a failed sign-in). */
  actor: string;
  /** What they did, in words, with names: "changed member Jo Park's role to supervisor". */
  description: string;
  /** The target's name when it has one (a member, a team), else null. */
  targetName: string | null;
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  peer: 'peer specialist',
  supervisor: 'supervisor',
  leader: 'program leader',
  admin: 'admin',
};
const TABLE_WORDS: Readonly<Record<string, string>> = {
  documents: 'notes and roles',
  reflections: 'reflections',
  reflection_replies: 'replies to reflections',
  imports: 'imports',
  trainings: 'trainings',
  card_sorts: 'card sorts',
  card_sort_placements: 'card placements',
  invitations: 'invitations',
  password_resets: 'reset links',
};
const FAILED_WORDS: Readonly<Record<string, string>> = {
  'wrong-password': 'wrong password',
  'unknown-username': 'no such username',
  disabled: 'the account is disabled',
  'no-password': 'no password set yet',
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const possessive = (name: string): string => `${name}’${name.endsWith('s') ? '' : 's'}`;

function parseDetail(s: string | null): Record<string, unknown> {
  if (s === null) return {};
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Sentences for audit entries, with the names of the members, teams and documents they concern. */
export async function describeAudit(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<DescribedEntry[]> {
  const details = rows.map((r) => parseDetail(r.detail));
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  const docIds = new Set<string>();
  const invitationIds = new Set<string>();
  const importIds = new Set<string>();
  rows.forEach((r, i) => {
    const d = details[i] ?? {};
    if (r.user_id) userIds.add(r.user_id);
    for (const k of ['authorId', 'memberId', 'createdBy']) if (str(d[k])) userIds.add(d[k] as string);
    if (str(d.teamId)) teamIds.add(d.teamId as string);
    if (!r.target_id) return;
    if (r.target_type === 'user') userIds.add(r.target_id);
    else if (r.target_type === 'team') teamIds.add(r.target_id);
    else if (r.target_type === 'document') docIds.add(r.target_id);
    else if (r.target_type === 'invitation') invitationIds.add(r.target_id);
    else if (r.target_type === 'import') importIds.add(r.target_id);
  });
  const docs = new Map(
    docIds.size
      ? (
          await db
            .selectFrom('documents')
            .select(['id', 'kind', 'author_id', 'written_at', 'created_at'])
            .where('id', 'in', [...docIds])
            .execute()
        ).map((d) => [d.id, { kind: d.kind, authorId: d.author_id, written: (d.written_at ?? d.created_at).slice(0, 10) }])
      : [],
  );
  for (const d of docs.values()) if (d.authorId) userIds.add(d.authorId);
  const invitations = new Map(
    invitationIds.size
      ? (
          await db
            .selectFrom('invitations')
            .select(['id', 'name', 'role'])
            .where('id', 'in', [...invitationIds])
            .execute()
        ).map((x) => [x.id, x])
      : [],
  );
  const imports = new Map(
    importIds.size
      ? (
          await db
            .selectFrom('imports')
            .select(['id', 'created_by', 'kept'])
            .where('id', 'in', [...importIds])
            .execute()
        ).map((x) => [x.id, x])
      : [],
  );
  for (const x of imports.values()) userIds.add(x.created_by);
  const users = new Map(
    userIds.size
      ? (
          await db
            .selectFrom('users')
            .select(['id', 'name'])
            .where('id', 'in', [...userIds])
            .execute()
        ).map((u) => [u.id, u.name])
      : [],
  );
  const teams = new Map(
    teamIds.size
      ? (
          await db
            .selectFrom('teams')
            .select(['id', 'name'])
            .where('id', 'in', [...teamIds])
            .execute()
        ).map((t) => [t.id, t.name])
      : [],
  );
  const userName = (id: string | null | undefined): string => (id ? (users.get(id) ?? 'a former member') : 'someone');
  const teamName = (id: string | null | undefined): string | null => (id ? (teams.get(id) ?? 'a removed team') : null);

  return rows.map((r, i) => {
    const d = details[i] ?? {};
    const self = r.target_type === 'user' && r.target_id !== null && r.target_id === r.user_id;
    const target = r.target_id;
    const member = target && r.target_type === 'user' ? userName(target) : null;
    const team = target && r.target_type === 'team' ? teamName(target) : null;
    const documentWords = (): string => {
      const facts = (target ? docs.get(target) : undefined) ?? {
        kind: str(d.kind),
        authorId: str(d.authorId),
        written: str(d.written),
      };
      if (!facts.kind) return 'a document (since deleted)';
      const what = facts.kind === 'role' ? 'role description' : 'note';
      const whose = facts.authorId ? `${possessive(userName(facts.authorId))} ${what}` : `a ${what}`;
      return facts.written ? `${whose} of ${facts.written}` : whose;
    };
    const actor = r.user_id !== null ? userName(r.user_id) : r.action === 'sign-in-failed' ? 'Someone' : 'PeerLens';
    let description: string;
    switch (r.action) {
      case 'sign-in':
        description = 'signed in';
        break;
      case 'sign-in-failed': {
        const why = FAILED_WORDS[str(d.reason) ?? ''] ?? 'refused';
        description = member ? `failed to sign in as ${member} (${why})` : `failed to sign in (${why})`;
        break;
      }
      case 'sign-out':
        description = 'signed out';
        break;
      case 'setup':
        description = 'set up the workspace';
        break;
      case 'accept-invitation':
        description = 'joined with an invitation';
        break;
      case 'view-document':
        description = `opened ${documentWords()}`;
        break;
      case 'delete-document':
        description = `deleted ${documentWords()}`;
        break;
      case 'export-report':
        description = `downloaded a report of ${documentWords()}`;
        break;
      case 'export-workspace':
        description = 'exported the whole workspace';
        break;
      case 'change-allow-list':
        description = 'changed the phrases allowed for the organization';
        break;
      case 'remove-demo':
        description = 'removed the demo workspace';
        break;
      case 'delete-person-data':
        description = self ? 'deleted their own data' : `deleted ${member ? possessive(member) : 'a member’s'} data`;
        break;
      case 'retention-purge': {
        const n = Number(target ?? 0);
        description = `deleted ${plural(n, 'row')} of ${TABLE_WORDS[r.target_type ?? ''] ?? r.target_type ?? 'records'} past the retention period`;
        break;
      }
      case 'change-settings': {
        const keep = /keepText=(true|false)/.exec(target ?? '')?.[1];
        const days = /retentionDays=(\d*)/.exec(target ?? '')?.[1];
        const parts = [
          keep === undefined ? null : keep === 'true' ? 'the words of notes are kept' : 'only findings are kept, not the words',
          days === undefined
            ? null
            : days === ''
              ? 'documents are kept until deleted'
              : `documents are deleted after ${plural(Number(days), 'day')}`,
        ].filter((p) => p !== null);
        description = `changed the privacy settings${parts.length ? `: ${parts.join('; ')}` : ''}`;
        break;
      }
      case 'create-invitation':
      case 'revoke-invitation': {
        const inv = target ? invitations.get(target) : undefined;
        const role = str(d.role) ?? inv?.role ?? null;
        const whom = inv
          ? ` for ${inv.name}${role ? ` (${ROLE_WORDS[role] ?? role})` : ''}`
          : role
            ? ` for a ${ROLE_WORDS[role] ?? role}`
            : '';
        description = `${r.action === 'create-invitation' ? 'made an invitation' : 'withdrew an invitation'}${whom}`;
        break;
      }
      case 'change-member': {
        const who = member ?? 'a member';
        const changes: string[] = [];
        if (str(d.role)) changes.push(`role to ${ROLE_WORDS[d.role as string] ?? (d.role as string)}`);
        if ('teamId' in d) changes.push(d.teamId === null ? 'team to none' : `team to ${teamName(d.teamId as string)}`);
        if (str(d.name)) changes.push(`name to ${d.name as string}`);
        if (d.disabled === true) description = `disabled member ${who}`;
        else if (d.disabled === false && changes.length === 0) description = `enabled member ${who} again`;
        else if (changes.length > 0)
          description = `changed member ${possessive(who)} ${changes.join(', ')}${d.disabled === false ? ' and enabled them again' : ''}`;
        else description = `changed member ${who}`;
        if (d.disabled === true && changes.length > 0) description += ` and changed their ${changes.join(', ')}`;
        break;
      }
      case 'create-team':
        description = `added team ${team ?? 'a team'}`;
        break;
      case 'rename-team':
        description = str(d.from) ? `renamed team ${d.from as string} to ${team ?? 'a removed team'}` : `renamed team ${team ?? 'a team'}`;
        break;
      case 'change-password':
        description = 'changed their password';
        break;
      case 'create-password-reset':
        description = `made a password reset link for ${member ?? 'a member'}`;
        break;
      case 'use-password-reset':
        description = 'set a new password with a reset link';
        break;
      case 'start-import': {
        const rowsN = num(d.rows);
        description = `started an import${rowsN !== null ? ` of ${plural(rowsN, 'row')}` : ''}`;
        break;
      }
      case 'import-notes': {
        const kept = num(d.kept) ?? 0;
        const extra = [
          num(d.duplicates) ? plural(num(d.duplicates) as number, 'duplicate') : null,
          num(d.problems) ? plural(num(d.problems) as number, 'problem row') : null,
        ].filter((x) => x !== null);
        description = `imported ${plural(kept, 'note')}${extra.length ? ` (${extra.join(', ')} left out)` : ''}`;
        break;
      }
      case 'delete-import': {
        const notes = num(d.notes);
        description = notes ? `deleted an import and the ${plural(notes, 'note')} it saved` : 'deleted or cancelled an import';
        break;
      }
      case 'view-drift':
        description =
          r.target_type === 'team'
            ? `viewed the drift of team ${team ?? 'a removed team'}`
            : self
              ? 'viewed their own drift'
              : `viewed ${member ? possessive(member) : 'a member’s'} drift`;
        break;
      case 'add-task':
      case 'change-task':
      case 'delete-task': {
        const list =
          'teamId' in d
            ? d.teamId === null
              ? 'the program’s task list'
              : `${possessive(teamName(d.teamId as string) ?? 'a team')} task list`
            : 'a task list';
        if (r.action === 'add-task') {
          const n = num(d.count);
          description = `added ${n === null ? 'tasks' : plural(n, 'task')} to ${list}`;
        } else if (r.action === 'delete-task') description = `removed a task from ${list}`;
        else {
          const label = str(d.label);
          const to = str(d.assignedTo) === 'peer' ? 'assigned to peers' : str(d.assignedTo) === 'other' ? 'assigned to other staff' : null;
          const facts = [d.reworded === true ? 'reworded' : null, to, label ? `now read as ${label.replace(/-/g, ' ')}` : null].filter(
            (x) => x !== null,
          );
          description = `changed a task on ${list}${facts.length ? ` (${facts.join(', ')})` : ''}`;
        }
        break;
      }
      default:
        description = r.action.replace(/-/g, ' ');
    }
    return { actor, description, targetName: member ?? team ?? null };
  });
}
