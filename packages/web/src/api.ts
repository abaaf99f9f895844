/**
 * The same-origin API of decision 007 (nothing else is ever fetched): the client every feature uses
 * (`request`, `ApiError`, the session and its CSRF token) and the calls several features share
 * (documents, people, the organization's allow list). A feature's own calls are in its `api.ts`
 * (features/learning, features/history). The types are the contract's (@peerlens/contract).
 */
import type {
  AllowList,
  SignedIn,
  AllowListImported,
  AllowListWithRight,
  AuditEntry,
  AuditPage,
  CardSortInfo,
  CertificationRecord,
  ColumnMapping,
  CreateDocumentBody,
  CreatedInvitation,
  DeletedData,
  DemoLogins,
  DemoRemoved,
  DemoWorkspace,
  DocumentKind,
  DocumentSummary,
  DriftMonth,
  DriftReply,
  DriftScope,
  ExtractReply,
  GuideItem,
  ImportCreated,
  ImportListItem,
  ImportProgress,
  ImportState,
  Invitation,
  InvitationBody,
  InvitationPreview,
  LineProblem,
  MapRow,
  MemberChange,
  MemberDetail,
  MemberRole,
  Placement,
  PlacementCounts,
  PrivacySettings,
  ProgramTaskInfo,
  Reflection,
  ReflectionReply,
  ReportFormat,
  ResetLink,
  ResetPreview,
  Roster,
  RosterRow,
  SavedDocument,
  SessionInfo,
  SetupBody,
  SignedInUser,
  StatementCite,
  StatementInfo,
  TaskListReply,
  Team,
  TeamChoice,
  TeamMapReply,
  TrainingPerson,
  TrainingRecord,
  UpdateDocumentBody,
  Visibility,
} from '@peerlens/contract/types';

export type {
  AuditEntry,
  CardSortInfo,
  CertificationRecord,
  ColumnMapping,
  DemoWorkspace,
  DocumentKind,
  DocumentSummary,
  DriftMonth,
  DriftReply,
  DriftScope,
  GuideItem,
  ImportCreated,
  ImportListItem,
  ImportProgress,
  ImportState,
  Invitation,
  LineProblem,
  MapRow,
  MemberDetail,
  MemberRole,
  Placement,
  PlacementCounts,
  PrivacySettings,
  ProgramTaskInfo,
  Reflection,
  ReflectionReply,
  Roster,
  RosterRow,
  SavedDocument,
  SessionInfo,
  SignedInUser,
  StatementCite,
  StatementInfo,
  TaskListReply,
  Team,
  TeamChoice,
  TeamMapReply,
  TrainingPerson,
  TrainingRecord,
  Visibility,
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field at fault, when the server names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = `The server answered with status ${res.status}.`;
  let field: string | undefined;
  try {
    const body = (await res.json()) as { error?: unknown };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown; field?: unknown };
      if (typeof o.code === 'string') code = o.code;
      if (typeof o.message === 'string') message = o.message;
      if (typeof o.field === 'string') field = o.field;
    }
  } catch {
    // not JSON: keep the status message
  }
  return new ApiError(res.status, code, message, field);
}

/** Sent on window when the server answers 401: the session is gone. */
export const SIGNED_OUT = 'peerlens:signed-out';

/** The signed-in member's CSRF token, sent with every request that changes something (set by loadSession). */
let csrfToken: string | null = null;

/** Asks the server who is signed in, and keeps the CSRF token for later requests. */
export async function loadSession(): Promise<SessionInfo> {
  const s = await request<SessionInfo>('GET', '/api/session');
  csrfToken = s.csrf;
  return s;
}

/** A request to the same-origin API: JSON back, the CSRF token on a change, 401 signs out. Features declare their calls with it. */
export async function request<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  const csrf: Record<string, string> = csrfToken !== null && method !== 'GET' && method !== 'HEAD' ? { 'x-csrf-token': csrfToken } : {};
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...csrf, ...headers },
      ...(body === undefined ? {} : { body }),
    });
  } catch {
    throw new ApiError(0, 'offline', 'The PeerLens server could not be reached. Is it still running?');
  }
  // A session that ended (timed out, or the member was signed out elsewhere): the app reloads it and asks them to sign in.
  if (res.status === 401 && path !== '/api/login') window.dispatchEvent(new Event(SIGNED_OUT));
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A JSON body and its content type, to spread into `request`. */
export const json = (value: unknown): [BodyInit, Record<string, string>] => [JSON.stringify(value), { 'content-type': 'application/json' }];

export const api = {
  list: async (): Promise<readonly DocumentSummary[]> =>
    (await request<{ documents: readonly DocumentSummary[] }>('GET', '/api/documents')).documents,
  get: (id: string): Promise<SavedDocument> => request('GET', `/api/documents/${encodeURIComponent(id)}`),
  create: (doc: CreateDocumentBody): Promise<SavedDocument> => request('POST', '/api/documents', ...json(doc)),
  update: (id: string, doc: UpdateDocumentBody): Promise<SavedDocument> =>
    request('PUT', `/api/documents/${encodeURIComponent(id)}`, ...json(doc)),
  remove: (id: string): Promise<void> => request('DELETE', `/api/documents/${encodeURIComponent(id)}`),
  /** Sends a file's bytes to be turned into text (DOCX, PDF, text, Markdown). */
  extract: async (file: File): Promise<ExtractReply> =>
    request('POST', '/api/extract', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  reportHref: (id: string, format: ReportFormat = 'markdown'): string => `/api/documents/${encodeURIComponent(id)}/report?format=${format}`,
};

/* ---------------- sign-in, people and privacy (issue 5) ---------------- */

/** Signs in (or sets up, or accepts an invitation) and keeps the new CSRF token. */
async function signingIn(path: string, body: unknown): Promise<SignedInUser> {
  const r = await request<SignedIn>('POST', path, ...json(body));
  csrfToken = r.csrf;
  return r.user;
}

export const ROLE_NAMES: Readonly<Record<MemberRole, string>> = {
  peer: 'Peer specialist',
  supervisor: 'Supervisor',
  leader: 'Program leader',
  admin: 'Admin',
};

export const people = {
  setup: (body: SetupBody): Promise<SignedInUser> => signingIn('/api/setup', body),
  login: (username: string, password: string): Promise<SignedInUser> => signingIn('/api/login', { username, password }),
  logout: async (): Promise<void> => {
    await request<void>('POST', '/api/logout');
    csrfToken = null;
  },
  invitation: (token: string): Promise<InvitationPreview> => request('GET', `/api/invitations/${encodeURIComponent(token)}`),
  accept: (token: string, username: string, password: string): Promise<SignedInUser> =>
    signingIn(`/api/invitations/${encodeURIComponent(token)}`, { username, password }),
  teams: async (): Promise<readonly Team[]> => (await request<{ teams: readonly Team[] }>('GET', '/api/teams')).teams,
  createTeam: (name: string): Promise<Team> => request('POST', '/api/teams', ...json({ name })),
  renameTeam: (id: string, name: string): Promise<Team> => request('PATCH', `/api/teams/${encodeURIComponent(id)}`, ...json({ name })),
  members: async (): Promise<readonly MemberDetail[]> =>
    (await request<{ members: readonly MemberDetail[] }>('GET', '/api/members')).members,
  changeMember: (id: string, change: MemberChange): Promise<MemberDetail> =>
    request('PATCH', `/api/members/${encodeURIComponent(id)}`, ...json(change)),
  invitations: async (): Promise<readonly Invitation[]> =>
    (await request<{ invitations: readonly Invitation[] }>('GET', '/api/invitations')).invitations,
  invite: (body: InvitationBody): Promise<CreatedInvitation> => request('POST', '/api/invitations', ...json(body)),
  revoke: (id: string): Promise<void> => request('DELETE', `/api/invitations/${encodeURIComponent(id)}`),
  visibility: (): Promise<Visibility> => request('GET', '/api/me/visibility'),
  settings: (): Promise<PrivacySettings> => request('GET', '/api/settings'),
  saveSettings: (s: PrivacySettings): Promise<PrivacySettings> => request('PUT', '/api/settings', ...json(s)),
  audit: (page: number, pageSize = 25): Promise<AuditPage> => request('GET', `/api/audit?page=${page}&pageSize=${pageSize}`),
  deleteData: (userId: string): Promise<DeletedData> => request('DELETE', `/api/people/${encodeURIComponent(userId)}/data`),
  exportHref: '/api/export',
  /** The demo sign-in names still in the workspace (public; never a password). */
  demoLogins: async (): Promise<readonly { username: string; role: MemberRole }[]> =>
    (await request<DemoLogins>('GET', '/api/demo')).demoLogins,
  /** The demo workspace (admin): what is left, and its password while a demo account still uses it. */
  demo: (): Promise<DemoWorkspace> => request('GET', '/api/demo/workspace'),
  /** Removes the demo workspace for good (admin). */
  removeDemo: (): Promise<DemoRemoved> => request('DELETE', '/api/demo'),
  /** Changes one's own password; the session is renewed (a new CSRF token) and other sessions end. */
  changePassword: (currentPassword: string, newPassword: string): Promise<SignedInUser> =>
    signingIn('/api/me/password', { currentPassword, newPassword }),
  /** A one-time reset link for a member (admin). */
  resetLink: (id: string): Promise<ResetLink> => request('POST', `/api/members/${encodeURIComponent(id)}/password-reset`),
  reset: (token: string): Promise<ResetPreview> => request('GET', `/api/password-resets/${encodeURIComponent(token)}`),
  useReset: (token: string, password: string): Promise<SignedInUser> =>
    signingIn(`/api/password-resets/${encodeURIComponent(token)}`, { password }),
};

/** What the server asks of a new password (auth/policy.ts), said before the person types one. */
export const PASSWORD_RULE = 'At least 12 characters, not only spaces, and not a common password. A few unrelated words work well.';

// Team learning, role design and training (issue 5; server routes of migration 005).

// ── History import and drift over time (issue 5; decision 009 "History" and "Drift") ──

// ── A range of months, the roster and the organization's allow list (issue 13) ──

export const organizationApi = {
  /** The allow list (phrases never flagged), and whether this member may change it. */
  allowList: (): Promise<AllowListWithRight> => request('GET', '/api/organization/allow'),
  allow: async (phrase: string): Promise<readonly string[]> =>
    (await request<AllowList>('POST', '/api/organization/allow', ...json({ phrase }))).allow,
  disallow: async (phrase: string): Promise<readonly string[]> =>
    (await request<AllowList>('DELETE', `/api/organization/allow?phrase=${encodeURIComponent(phrase)}`)).allow,
  /** Replaces the list from a PeerLens configuration (.peerlensrc.json or package.json), read as JSON. */
  importConfig: (config: unknown): Promise<AllowListImported> => request('PUT', '/api/organization/allow', ...json(config)),
  /** The list as a .peerlensrc.json, for the CLI. */
  exportHref: '/api/organization/peerlensrc.json',
};
