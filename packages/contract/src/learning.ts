/** The shapes of the learning, role-design and training routes (issue 5), as zod schemas. */
import { PERSPECTIVES } from '@peerlens/core';
import { z } from 'zod';
import { MIN_PEOPLE } from './history.js';
import { Role } from './people.js';
import { futureMessage, tooFarAhead } from './dates.js';
import { DimensionId, DutyLabel, DutyResult } from './analysis.js';

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const Perspective = z.enum(PERSPECTIVES);
const Counts = z.object({ peer: z.number().int(), overlap: z.number().int(), clinical: z.number().int() });
const CiteText = z.object({ source: z.string(), locator: z.string(), sourceName: z.string() });
const Id = z.string().min(1).max(100);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.');

export const SortParams = z.object({ id: Id });
export const PlacementParams = z.object({ id: Id, statementId: z.string().min(1).max(100) });

export const CardSort = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    title: z.string(),
    status: z.enum(['open', 'closed']),
    createdAt: z.string(),
    /** Members of the team (who can take part). */
    members: z.number().int(),
    /** Members who have placed at least one statement. */
    participants: z.number().int(),
    statements: z.number().int(),
    /** How many statements the asking member has placed. */
    myPlaced: z.number().int(),
    canManage: z.boolean(),
    canPlace: z.boolean(),
  })
  .meta({ id: 'CardSort' });

/** The teams this member may open a sort for, or keep a task list for (empty for those who cannot). */
export const TeamChoice = z.object({ id: z.string(), name: z.string() });
export const CardSortList = z.object({ sorts: list(CardSort), teams: list(TeamChoice) });
export const OpenSortBody = z.object({
  title: z.string().trim().min(1, 'The title is empty.').max(200, 'The title is longer than 200 characters.'),
  /** Required for a program leader; a supervisor opens sorts for their own team. */
  teamId: Id.optional(),
});
export const UpdateSortBody = z.object({ status: z.enum(['open', 'closed']) });

export const Card = z.object({ id: z.string(), text: z.string() });
export const CardSortDetail = z.object({
  sort: CardSort,
  /** The statements in this member's own order (empty for someone not on the team). */
  cards: list(Card),
  /** This member's placements so far, by statement id. */
  placements: z.record(z.string(), Perspective),
});

export const PlaceBody = z.object({ placement: Perspective });
export const PlaceReply = z.object({
  statementId: z.string(),
  placement: Perspective,
  myPlaced: z.number().int(),
  statements: z.number().int(),
});

export const StatementInfo = z.object({
  id: z.string(),
  dimension: DimensionId,
  dimensionTitle: z.string(),
  column: Perspective,
  text: z.string(),
  detail: z.string(),
  question: z.string(),
  cite: list(CiteText),
});

export const TeamMap = z
  .object({
    sort: CardSort,
    anonymityMin: z.number().int(),
    rows: list(
      z.object({
        statement: StatementInfo,
        placed: z.number().int(),
        shown: z.boolean(),
        counts: Counts.nullable(),
        spread: z.number().nullable(),
        offChart: z.number().nullable(),
      }),
    ),
    /** Statement ids, most divided first. */
    mostDivided: list(z.string()),
  })
  .meta({ id: 'CardSortMap' });

export const Guide = z
  .object({
    sort: CardSort,
    items: list(
      z.object({ statement: StatementInfo, counts: Counts, why: z.string(), questions: list(z.string()), framework: z.string() }),
    ),
  })
  .meta({ id: 'CardSortGuide' });

// Role design

export const Assignee = z.enum(['peer', 'other']);
export const ProgramTask = z
  .object({
    id: z.string(),
    teamId: z.string().nullable(),
    text: z.string(),
    assignedTo: Assignee,
    label: DutyLabel,
    result: DutyResult,
    /** For a peer task that is a conflict, an errand or a clinical duty (and a duty at all): true. */
    flagged: z.boolean(),
    /** What the line is when it is not a duty (a heading, summary, qualification, pay or hours); null for a duty. */
    notDuty: z.enum(['heading', 'summary', 'qualification', 'pay', 'hours']).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProgramTask' });

export const TaskQuery = z.object({
  /** A team's list, or `program` for the program-wide list; default every list the member may read. */
  teamId: z.string().min(1).max(100).optional(),
});
export const TaskList = z.object({
  tasks: list(ProgramTask),
  summary: z.object({
    tasks: z.number().int(),
    peerTasks: z.number().int(),
    flagged: z.number().int(),
    /** Lines given to peers that are not duties (not counted; headings left out). */
    notDuties: z.number().int(),
    /** e.g. "3 of 14 peer tasks to rethink: 1 conflict, 1 errand and 1 clinical duty." */
    text: z.string(),
  }),
  canManage: z.boolean(),
  teams: list(TeamChoice),
});
const TaskText = z.string().trim().min(1, 'The task is empty.').max(20_000, 'The text is longer than 20,000 characters.');
export const CreateTasksBody = z.object({
  /** One task per line (bullets and numbers are dropped). */
  text: TaskText,
  assignedTo: Assignee.default('peer'),
  /** null or absent: the program-wide list. */
  teamId: Id.nullable().optional(),
});
export const CreateTasksReply = z.object({ tasks: list(ProgramTask) });
export const UpdateTaskBody = z.object({ text: z.string().trim().min(1).max(1000).optional(), assignedTo: Assignee.optional() });
export const TaskParams = z.object({ id: Id });

// Training and certification

export const Certification = z
  .object({
    id: z.string(),
    state: z.string(),
    number: z.string(),
    expiresOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Certification' });
export const CertificationBody = z.object({
  state: z.string().trim().min(1, 'Name the state.').max(100),
  number: z.string().trim().max(100).default(''),
  expiresOn: IsoDate.nullable().optional(),
});
export const Training = z.object({
  id: z.string(),
  area: z.string(),
  areaTitle: z.string(),
  direction: z.enum(['wider', 'deeper', 'other']),
  title: z.string(),
  completedOn: z.string(),
  hours: z.number().nullable(),
});
export const TrainingBody = z.object({
  area: z.string().min(1).max(60),
  title: z.string().trim().min(1, 'The title is empty.').max(200),
  completedOn: IsoDate.refine((v) => !tooFarAhead(v), futureMessage('The day a training was completed')),
  hours: z.number().min(0).max(10_000).nullable().optional(),
});
export const Reminder = z.object({
  certificationId: z.string().optional(),
  kind: z.enum(['expired', 'expiring']),
  expiresOn: z.string(),
  days: z.number().int(),
  message: z.string(),
});
export const Suggestion = z.object({
  area: z.string(),
  title: z.string(),
  notes: z.number().int(),
  sentences: z.number().int(),
  why: z.string(),
});
export const TrainingPerson = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), role: Role }),
    certifications: list(Certification).describe('Every certification on record (a member may hold several), soonest to expire first.'),
    trainings: list(Training),
    reminders: list(Reminder).describe('One per certification that has expired or expires soon, most urgent first.'),
    suggestions: list(Suggestion),
  })
  .meta({ id: 'TrainingPerson' });
export const TrainingDashboard = z.object({
  /** The asking member first, then (for a supervisor) their team. */
  people: list(TrainingPerson),
  today: z.string(),
});
export const TrainingParams = z.object({ id: Id });
export const CertificationParams = z.object({ id: Id });
export const UserParams = z.object({ userId: Id });

export const TrainingSummary = z.object({
  /** Members with the peer role. */
  peers: z.number().int(),
  certified: z.number().int(),
  expiring: z.number().int(),
  expired: z.number().int(),
  /** Per training area, how many peers have a training on record. */
  byArea: z.record(z.string(), z.number().int()),
  hidden: z
    .boolean()
    .describe(`Fewer than ${MIN_PEOPLE} peers have a certification or training on record: the counts are not shown (all 0).`),
});
