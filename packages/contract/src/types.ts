/**
 * The API's types, for the web's client (packages/web/src/api.ts): each is the type of a schema
 * in this package, so a field the server adds or drops is a type error in the web. Replies that
 * carry an analysis of core's (a note's `Analysis`, a role's `RoleReview`, a duty's `DutyResult`)
 * give it core's own type, which the schema mirrors (server tests check the two agree).
 */
import type * as core from '@peerlens/core';
import type { z } from 'zod';
import type * as analysis from './analysis.js';
import type * as history from './history.js';
import type * as learning from './learning.js';
import type * as organization from './organization.js';
import type * as people from './people.js';

/** `T` with the fields of `O` in place of its own. */
type With<T, O> = Omit<T, keyof O> & O;
type Out<S extends z.ZodType> = z.output<S>;
/** What a client sends: the input of a schema (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;

// documents and analysis
export type DocumentKind = Out<typeof analysis.DocumentKind>;
export type DocumentSummary = With<Out<typeof analysis.DocumentSummary>, { readonly profile?: core.Profile }>;
export type SavedDocument = With<Out<typeof analysis.Document>, { readonly analysis?: core.Analysis; readonly role?: core.RoleReview }>;
export type CreateDocumentBody = In<typeof analysis.CreateDocumentBody>;
export type UpdateDocumentBody = In<typeof analysis.UpdateDocumentBody>;
export type ReportFormat = Out<typeof analysis.ReportQuery>['format'];
export type ExtractReply = Out<typeof analysis.ExtractReply>;
export type ErrorCode = Out<typeof analysis.ErrorReply>['error']['code'];

// sign-in, people, privacy and the demo workspace
export type SessionInfo = Out<typeof people.SessionReply>;
export type MemberRole = Out<typeof people.Role>;
export type SignedInUser = Out<typeof people.Member>;
export type SignedIn = Out<typeof people.SignedIn>;
export type SetupBody = In<typeof people.SetupBody>;
export type Team = Out<typeof people.Team>;
export type MemberDetail = Out<typeof people.MemberDetail>;
export type MemberChange = In<typeof people.MemberChange>;
export type InvitationBody = In<typeof people.InvitationBody>;
/** An invitation; `link` only in the reply that creates it. */
export type Invitation = Out<typeof people.Invitation> & { readonly link?: string };
export type CreatedInvitation = Out<typeof people.CreatedInvitation>;
export type InvitationPreview = Out<typeof people.InvitationPreview>;
export type Visibility = Out<typeof people.Visibility>;
export type PrivacySettings = Out<typeof people.Settings>;
export type AuditEntry = Out<typeof people.AuditEntry>;
export type AuditPage = Out<typeof people.AuditPage>;
export type DeletedData = Out<typeof people.DeletedData>;
export type ResetLink = Out<typeof people.ResetLink>;
export type ResetPreview = Out<typeof people.ResetPreview>;
export type DemoWorkspace = Out<typeof people.DemoWorkspace>;
export type DemoLogins = Out<typeof people.DemoLogins>;
export type DemoRemoved = Out<typeof people.DemoRemoved>;

// the organization's allow list
export type AllowList = Out<typeof organization.AllowList>;
export type AllowListImported = Out<typeof organization.AllowListImported>;
export type AllowListWithRight = Out<typeof organization.AllowListWithRight>;

// team learning, role design and training
export type Placement = core.Perspective;
export type PlacementCounts = Readonly<Record<Placement, number>>;
export type TeamChoice = Out<typeof learning.TeamChoice>;
export type CardSortInfo = Out<typeof learning.CardSort>;
export type CardSortList = Out<typeof learning.CardSortList>;
export type CardSortDetail = Out<typeof learning.CardSortDetail>;
export type PlaceReply = Out<typeof learning.PlaceReply>;
export type StatementInfo = Out<typeof learning.StatementInfo>;
export type StatementCite = StatementInfo['cite'][number];
export type TeamMapReply = Out<typeof learning.TeamMap>;
export type MapRow = TeamMapReply['rows'][number];
export type GuideReply = Out<typeof learning.Guide>;
export type GuideItem = GuideReply['items'][number];
export type Assignee = Out<typeof learning.Assignee>;
export type ProgramTaskInfo = With<Out<typeof learning.ProgramTask>, { readonly result: core.DutyResult }>;
export type TaskListReply = With<Out<typeof learning.TaskList>, { readonly tasks: readonly ProgramTaskInfo[] }>;
export type CreateTasksBody = In<typeof learning.CreateTasksBody>;
export type UpdateTaskBody = In<typeof learning.UpdateTaskBody>;
export type CertificationRecord = Out<typeof learning.Certification>;
export type CertificationBody = In<typeof learning.CertificationBody>;
export type TrainingRecord = Out<typeof learning.Training>;
export type TrainingBody = In<typeof learning.TrainingBody>;
export type TrainingPerson = Out<typeof learning.TrainingPerson>;
export type TrainingDashboard = Out<typeof learning.TrainingDashboard>;
export type TrainingSummary = Out<typeof learning.TrainingSummary>;

// history imports, drift, the roster and reflections
export type LineProblem = Out<typeof history.LineProblem>;
export type ColumnMapping = Out<typeof history.Columns>;
export type ImportCreated = Out<typeof history.ImportCreated>;
export type ImportProgress = Out<typeof history.Progress>;
export type ImportState = Out<typeof history.ImportState>;
export type ImportListItem = Out<typeof history.ImportList>['imports'][number];
export type ImportValues = Out<typeof history.ImportValues>;
export type ImportDeleted = Out<typeof history.ImportDeleted>;
export type MappingBody = In<typeof history.MappingBody>;
export type DriftReply = Out<typeof history.DriftReply>;
export type DriftMonth = DriftReply['months'][number];
export type DriftScope = Out<typeof history.DriftScope>;
export type RosterRow = Out<typeof history.RosterRow>;
export type Roster = Out<typeof history.RosterReply>;
export type ReflectionReply = Out<typeof history.ReflectionReply>;
export type Reflection = Out<typeof history.Reflection>;
