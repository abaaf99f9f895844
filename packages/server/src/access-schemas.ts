/** The shapes of the sign-in, people and privacy routes (issue 5), as zod schemas (see schemas.ts). */
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './auth/policy.js';

export const Role = z.enum(['peer', 'supervisor', 'leader', 'admin']);
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'A username has 2 to 40 letters, digits, dots, dashes or underscores.');
/** A new password (setup, invitation, change, reset): see auth/policy.ts. Signing in takes any. */
export const Password = z
  .string()
  .max(PASSWORD_MAX, `A password can have at most ${PASSWORD_MAX} characters.`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`At least ${PASSWORD_MIN} characters, not only spaces, not a common password.`);
export const PersonName = z.string().trim().min(1, 'The name is empty.').max(100, 'The name is longer than 100 characters.');
export const TeamName = z.string().trim().min(1, 'The team name is empty.').max(100, 'The team name is longer than 100 characters.');
export const IdParam = z.object({ id: z.string().min(1).max(100) });
export const TokenParam = z.object({ token: z.string().min(1).max(200) });

export const Member = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: Role,
    teamId: z.string().nullable(),
  })
  .meta({ id: 'Member' });

export const SignedIn = z.object({ user: Member, csrf: z.string().describe('Send back in x-csrf-token on every change.') });

export const SetupBody = z.object({
  username: Username,
  name: PersonName,
  password: Password,
  teamName: TeamName.optional().describe('A first team to create (optional).'),
});
export const LoginBody = z.object({ username: z.string().max(100), password: z.string().max(200) });

export const Team = z.object({ id: z.string(), name: z.string(), members: z.number().int() }).meta({ id: 'Team' });
export const TeamList = z.object({ teams: z.array(Team) });
export const TeamBody = z.object({ name: TeamName });

export const MemberDetail = Member.extend({
  teamName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'MemberDetail' });
export const MemberList = z.object({ members: z.array(MemberDetail) });
export const MemberChange = z
  .object({
    role: Role.optional(),
    teamId: z.string().max(100).nullable().optional(),
    disabled: z.boolean().optional(),
    name: PersonName.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'Send at least one of role, teamId, disabled or name.');

export const InvitationBody = z.object({ name: PersonName, role: Role, teamId: z.string().max(100).nullable().default(null) });
export const Invitation = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export const CreatedInvitation = Invitation.extend({
  link: z.string().describe('The one-time link, /invite/<token>; shown this once and never stored.'),
});
export const InvitationList = z.object({ invitations: z.array(Invitation) });
export const InvitationPreview = z.object({ name: z.string(), role: Role, teamName: z.string().nullable(), expiresAt: z.string() });
export const AcceptBody = z.object({ username: Username, password: Password });

export const Visibility = z.object({
  readers: z.array(
    z.object({ name: z.string(), role: Role, reason: z.enum(['you', 'supervisor', 'team']) }).describe('Who can read your documents.'),
  ),
  aggregatesOnly: z.array(Role).describe('Roles that see only team-level figures, never your notes.'),
  keepText: z.boolean().describe('Whether the words of a saved note are kept, or only its findings and profile.'),
  retentionDays: z.number().int().nullable(),
});

export const Settings = z
  .object({
    keepText: z.boolean().describe("Whether a saved document's text is kept; when false only its analysis (without quoted words) is kept."),
    retentionDays: z.number().int().min(1).max(36_500).nullable().describe('Documents written longer ago are deleted; null keeps them.'),
  })
  .meta({ id: 'Settings' });

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuditEntry = z.object({
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  actor: z.string().describe('Who, in words: a name, "a former member", "PeerLens" (the server itself) or "Someone" (a failed sign-in).'),
  description: z.string().describe('What, in words, with names: "changed member Jo Park’s role to supervisor".'),
  targetName: z.string().nullable().describe('The name of the member or team the entry is about, when it is one.'),
});
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const DeletedData = z.object({ deleted: z.record(z.string(), z.number().int()) });

export const PasswordChangeBody = z.object({
  currentPassword: z.string().max(200),
  newPassword: Password,
});
export const ResetLink = z.object({
  link: z.string().describe('The one-time link, /reset/<token>; shown this once and never stored.'),
  expiresAt: z.string(),
});
export const ResetPreview = z.object({ name: z.string(), username: z.string(), expiresAt: z.string() });
export const ResetBody = z.object({ password: Password });
