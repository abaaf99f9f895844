/** The audit log: who viewed, exported or deleted what. An action and the target's type and id, never any text. */
import type { Kysely } from 'kysely';
import type { Database } from './db/types.js';

export type AuditAction =
  | 'sign-in'
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
  // the other parts of issue 5 add their own actions as plain strings
  | (string & {});

export async function audit(
  db: Kysely<Database>,
  userId: string | null,
  action: AuditAction,
  target?: { type: string; id: string },
  at = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: at.toISOString(), user_id: userId, action, target_type: target?.type ?? null, target_id: target?.id ?? null })
    .execute();
}
