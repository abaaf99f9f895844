/** The same-origin API of decision 007. Nothing else is ever fetched. Its types are the contract's (@peerlens/contract). */
import type {
  AllowList,
  SignedIn,
  AllowListImported,
  AllowListWithRight,
  AuditEntry,
  AuditPage,
  CardSortDetail,
  CardSortInfo,
  CardSortList,
  CertificationBody,
  CertificationRecord,
  ColumnMapping,
  CreateDocumentBody,
  CreateTasksBody,
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
  GuideReply,
  ImportCreated,
  ImportDeleted,
  ImportListItem,
  ImportProgress,
  ImportState,
  ImportValues,
  Invitation,
  InvitationBody,
  InvitationPreview,
  LineProblem,
  MapRow,
  MappingBody,
  MemberChange,
  MemberDetail,
  MemberRole,
  PlaceReply,
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
  TrainingBody,
  TrainingDashboard,
  TrainingPerson,
  TrainingRecord,
  TrainingSummary,
  UpdateDocumentBody,
  UpdateTaskBody,
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

async function request<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
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

const json = (value: unknown): [BodyInit, Record<string, string>] => [JSON.stringify(value), { 'content-type': 'application/json' }];

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

const sortPath = (id: string): string => `/api/card-sorts/${encodeURIComponent(id)}`;

export const learnApi = {
  sorts: (): Promise<CardSortList> => request('GET', '/api/card-sorts'),
  openSort: (title: string, teamId?: string): Promise<CardSortInfo> =>
    request('POST', '/api/card-sorts', ...json(teamId === undefined ? { title } : { title, teamId })),
  setStatus: (id: string, status: 'open' | 'closed'): Promise<CardSortInfo> => request('PUT', sortPath(id), ...json({ status })),
  sort: (id: string): Promise<CardSortDetail> => request('GET', sortPath(id)),
  place: (id: string, statementId: string, placement: Placement): Promise<PlaceReply> =>
    request('PUT', `${sortPath(id)}/placements/${encodeURIComponent(statementId)}`, ...json({ placement })),
  map: (id: string): Promise<TeamMapReply> => request('GET', `${sortPath(id)}/map`),
  guide: (id: string): Promise<GuideReply> => request('GET', `${sortPath(id)}/guide`),
  tasks: (teamId?: string): Promise<TaskListReply> =>
    request('GET', teamId === undefined ? '/api/program-tasks' : `/api/program-tasks?teamId=${encodeURIComponent(teamId)}`),
  addTasks: (body: CreateTasksBody): Promise<{ tasks: readonly ProgramTaskInfo[] }> => request('POST', '/api/program-tasks', ...json(body)),
  updateTask: (id: string, body: UpdateTaskBody): Promise<ProgramTaskInfo> =>
    request('PUT', `/api/program-tasks/${encodeURIComponent(id)}`, ...json(body)),
  removeTask: (id: string): Promise<void> => request('DELETE', `/api/program-tasks/${encodeURIComponent(id)}`),
  training: (): Promise<TrainingDashboard> => request('GET', '/api/training'),
  addCertification: (body: CertificationBody): Promise<CertificationRecord> =>
    request('POST', '/api/training/me/certifications', ...json(body)),
  updateCertification: (id: string, body: CertificationBody): Promise<CertificationRecord> =>
    request('PUT', `/api/training/me/certifications/${encodeURIComponent(id)}`, ...json(body)),
  removeCertification: (id: string): Promise<void> => request('DELETE', `/api/training/me/certifications/${encodeURIComponent(id)}`),
  addTraining: (body: TrainingBody): Promise<TrainingRecord> => request('POST', '/api/training/me/trainings', ...json(body)),
  removeTraining: (id: string): Promise<void> => request('DELETE', `/api/training/me/trainings/${encodeURIComponent(id)}`),
  /** Counts only, for a program leader or admin. */
  trainingSummary: (): Promise<TrainingSummary> => request('GET', '/api/training/summary'),
};

// ── History import and drift over time (issue 5; decision 009 "History" and "Drift") ──

export const historyApi = {
  upload: async (file: File): Promise<ImportCreated> =>
    request('POST', '/api/imports', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  /** The distinct values of a column, and the member each most likely is (value → member id). */
  values: (id: string, column: string): Promise<ImportValues> =>
    request('GET', `/api/imports/${encodeURIComponent(id)}/values?column=${encodeURIComponent(column)}`),
  map: (id: string, mapping: MappingBody): Promise<ImportState> =>
    request('PUT', `/api/imports/${encodeURIComponent(id)}/mapping`, ...json(mapping)),
  commit: (id: string, batch = 200): Promise<ImportProgress> =>
    request('POST', `/api/imports/${encodeURIComponent(id)}/commit?batch=${batch}`),
  get: (id: string): Promise<ImportState> => request('GET', `/api/imports/${encodeURIComponent(id)}`),
  imports: async (): Promise<readonly ImportListItem[]> =>
    (await request<{ imports: readonly ImportListItem[] }>('GET', '/api/imports')).imports,
  /** Deletes an import (cancels one not finished): its file name, columns and staged rows; with `notes`, the notes it saved. */
  remove: (id: string, notes = false): Promise<ImportDeleted> => request('DELETE', `/api/imports/${encodeURIComponent(id)}?notes=${notes}`),
  scope: (): Promise<DriftScope> => request('GET', '/api/drift/scope'),
  drift: (which: { member: string } | { team: string }, range: MonthRange = {}): Promise<DriftReply> =>
    request(
      'GET',
      ('member' in which ? `/api/drift?member=${encodeURIComponent(which.member)}` : `/api/drift?team=${encodeURIComponent(which.team)}`) +
        rangeQuery(range, '&'),
    ),
  roster: (range: MonthRange = {}): Promise<Roster> => request('GET', `/api/drift/roster${rangeQuery(range, '?')}`),
  reflections: async (member: string): Promise<readonly Reflection[]> =>
    (await request<{ reflections: readonly Reflection[] }>('GET', `/api/reflections?member=${encodeURIComponent(member)}`)).reflections,
  reflect: async (month: string, text: string): Promise<Reflection | null> =>
    (await request<{ reflection: Reflection | null }>('PUT', `/api/reflections?month=${encodeURIComponent(month)}`, ...json({ text })))
      .reflection,
  reply: (reflectionId: string, text: string): Promise<ReflectionReply> =>
    request('POST', `/api/reflections/${encodeURIComponent(reflectionId)}/replies`, ...json({ text })),
  removeReply: (id: string): Promise<void> => request('DELETE', `/api/reflections/replies/${encodeURIComponent(id)}`),
};

// ── A range of months, the roster and the organization's allow list (issue 13) ──

/** Months, both included (YYYY-MM); an end left out is open. */
export interface MonthRange {
  readonly from?: string;
  readonly to?: string;
}

function rangeQuery(range: MonthRange, first: '?' | '&'): string {
  const q = new URLSearchParams();
  if (range.from) q.set('from', range.from);
  if (range.to) q.set('to', range.to);
  const s = q.toString();
  return s ? `${first}${s}` : '';
}

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
