/** The shapes of the sign-in, people and privacy routes (issue 5), as zod schemas (see analysis.ts). */
import { z } from 'zod';

export const Role = z.enum(['peer', 'supervisor', 'leader', 'admin']);
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'A username has 2 to 40 letters, digits, dots, dashes or underscores.');
/** The least and most characters of a new password. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
/**
 * A new password (setup, invitation, change, reset), as the contract states it. The server adds
 * its check against common passwords (server/src/auth/policy.ts) to the bodies that take one.
 */
export const Password = z
  .string()
  .max(PASSWORD_MAX, `A password can have at most ${PASSWORD_MAX} characters.`)
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

export const SessionReply = z.object({
  user: z
    .object({
      id: z.string(),
      username: z.string(),
      name: z.string(),
      role: Role,
      teamId: z.string().nullable(),
    })
    .nullable(),
  /** Send back in `x-csrf-token` on every request that changes something. */
  csrf: z.string().nullable(),
  /** True until the first admin account exists. */
  setupNeeded: z.boolean(),
});

export const DemoWorkspace = z
  .object({
    present: z.boolean().describe('Whether anything of the demo workspace is left.'),
    team: z.string().nullable().describe('The demo team’s name (as it is now), or null when it is gone.'),
    accounts: z.array(
      z.object({
        id: z.string(),
        username: z.string(),
        name: z.string(),
        role: Role,
        disabled: z.boolean(),
        usesDemoPassword: z.boolean().describe('Whether it still signs in with the shared demo password.'),
      }),
    ),
    documents: z.number().int().describe('The example documents and the notes the demo accounts wrote.'),
    password: z.string().nullable().describe('The shared demo password while a demo account still uses it; otherwise null.'),
  })
  .meta({ id: 'DemoWorkspace' });

export const DemoLogins = z.object({
  demoLogins: z.array(z.object({ username: z.string(), role: Role })),
});

export const DemoRemoved = z.object({ removed: z.object({ accounts: z.number().int(), documents: z.number().int(), team: z.boolean() }) });
