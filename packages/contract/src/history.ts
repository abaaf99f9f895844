/** The shapes of history imports, drift over time, the roster and the monthly reflections (issue 5, issue 13). */
import { z } from 'zod';
import { DimensionId } from './analysis.js';
import { Role } from './people.js';
import { futureMessage, tooFarAhead } from './dates.js';

/** In a view of aggregates only, a month (or a training count) is shown only when at least this many people are in it. */
export const MIN_PEOPLE = 3;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is written YYYY-MM.');

export const Shares = z.object({ peer: z.number(), overlap: z.number(), clinical: z.number(), neutral: z.number() });

export const MonthRow = z.object({
  month: z.string(),
  notes: z.number().int(),
  units: z.number().int(),
  words: z.number().int(),
  counts: Shares,
  shares: Shares,
  byDimension: z
    .partialRecord(DimensionId, z.object({ peer: z.number(), overlap: z.number(), clinical: z.number() }))
    .describe('Per dimension, how many sentences of each perspective touched it.'),
  dimensionShares: z
    .partialRecord(DimensionId, z.object({ peer: z.number(), overlap: z.number(), clinical: z.number() }))
    .describe('Per dimension, the share of each perspective among the sentences touching it.'),
  languageFindings: z.number().int(),
  languagePer1000Words: z.number(),
  roleConflicts: z.number().int(),
  hidden: z.boolean().describe('Fewer people than minPeople wrote this month: its figures are not shown (all 0).'),
});

export const DriftReply = z
  .object({
    scope: z.object({ kind: z.enum(['member', 'team']), id: z.string(), name: z.string() }),
    months: z.array(MonthRow),
    signal: z
      .object({
        kind: z.enum(['clinical-rising', 'peer-falling']),
        months: z.array(z.string()),
        from: z.number(),
        to: z.number(),
        slope: z.number(),
        message: z.string(),
        sentences: z
          .array(z.object({ documentId: z.string(), date: z.string(), text: z.string() }))
          .optional()
          .describe('The most clinical sentences of the last months; only for readers who may read these notes.'),
      })
      .nullable(),
    status: z
      .object({
        kind: z.enum(['signal', 'steady', 'too-little']),
        title: z.string(),
        message: z.string(),
        needed: z.string().optional(),
      })
      .describe('What the page says: a signal, no signal over enough months, or not enough notes to judge yet (with what is needed).'),
    rule: z.string().describe('How the signal is decided, in words.'),
    minPeople: z
      .number()
      .int()
      .nullable()
      .describe('In a view of aggregates only (a leader or admin): a month shows only when at least this many people wrote in it.'),
  })
  .meta({ id: 'Drift' });

/** ?from=YYYY-MM&to=YYYY-MM: the months the drift page looks at, both included (issue 13). */
export const RangeQuery = {
  from: Month.optional().describe('The first month counted (YYYY-MM); left out: from the first month with notes.'),
  to: Month.optional().describe('The last month counted (YYYY-MM); left out: to the last month with notes.'),
};

export const RosterRow = z.object({
  id: z.string(),
  name: z.string(),
  role: Role.nullable(),
  people: z.number().int().nullable().describe('Members in the team (teams), or null (people).'),
  lastNote: z.string().nullable().describe("A person's last note in the range (YYYY-MM-DD), or a team's last month shown (YYYY-MM)."),
  monthsWithNotes: z.number().int(),
  signal: z.object({ kind: z.enum(['signal', 'steady', 'too-little']), title: z.string() }),
  hidden: z.boolean().describe('A team in which fewer than minPeople people wrote in every month: nothing about it is shown.'),
});

export const RosterReply = z
  .object({
    kind: z.enum(['people', 'teams']),
    rows: z.array(RosterRow),
    minPeople: z.number().int().nullable(),
  })
  .meta({ id: 'Roster' });

/** The largest history file accepted. */
export const IMPORT_LIMIT = 20 * 1024 * 1024;

export const LineProblem = z.object({ line: z.number().int(), reason: z.string() });

export const Columns = z.object({
  textColumn: z.string().optional(),
  authorColumn: z.string().optional(),
  dateColumn: z.string().optional(),
});

export const Progress = z.object({
  done: z.number().int(),
  total: z.number().int(),
  kept: z.number().int(),
  duplicates: z.number().int(),
  problems: z.number().int(),
  finished: z.boolean(),
});

export const ImportCreated = z
  .object({
    id: z.string(),
    format: z.enum(['csv', 'jsonl', 'docx', 'pdf', 'text', 'markdown']),
    columns: z.array(z.string()),
    mapping: Columns.describe('The guessed text, author and date columns.'),
    preview: z.array(z.object({ line: z.number().int(), fields: z.record(z.string(), z.string()) })).describe('The first 10 rows.'),
    rows: z.number().int(),
    authorValues: z.array(z.string()).describe('The distinct values of the guessed author column (at most 200), to map to members.'),
    authorGuess: z
      .record(z.string(), z.string())
      .describe('Author value → the member id it most likely is (name or username, ignoring case; else a first name only one member has).'),
    problems: z.array(LineProblem),
  })
  .meta({ id: 'ImportCreated' });

export const MappingBody = z.object({
  textColumn: z.string().min(1).max(500),
  authorColumn: z.string().min(1).max(500).optional(),
  dateColumn: z.string().min(1).max(500).optional(),
  authors: z.record(z.string().max(500), z.string().max(100)).optional().describe('A value of the author column → a member id.'),
  defaultAuthor: z.string().max(100).optional().describe('The author of rows without an author column (default: you).'),
});

export const ImportState = z
  .object({
    id: z.string(),
    fileName: z.string(),
    format: z.string(),
    status: z.enum(['parsed', 'mapped', 'committing', 'done']),
    createdAt: z.string(),
    columns: z.array(z.string()),
    mapping: Columns.extend({ authors: z.record(z.string(), z.string()).optional(), defaultAuthor: z.string().optional() }),
    progress: Progress,
    problems: z.array(LineProblem),
  })
  .meta({ id: 'ImportState' });

/** A month to write a reflection on: not one that has not begun (it would never reach the retention period). */
export const PastMonth = Month.refine((m) => !tooFarAhead(`${m}-01`), futureMessage('A reflection’s month'));

export const Writer = z.object({ id: z.string(), name: z.string(), role: Role });

export const ReflectionReply = z
  .object({
    id: z.string(),
    author: Writer.nullable().describe('Who wrote it; null once their account is gone.'),
    text: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReflectionReply' });

export const Reflection = z
  .object({
    id: z.string(),
    member: z.string(),
    memberName: z.string(),
    month: z.string(),
    text: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    replies: z.array(ReflectionReply).describe('Answers beneath the reflection, oldest first: by the member or their supervisor.'),
  })
  .meta({ id: 'Reflection' });

export const ImportDeleted = z.object({ deleted: z.object({ notes: z.number().int() }) });

export const ImportValues = z.object({
  values: z.array(z.string()),
  guess: z.record(z.string(), z.string()).describe('Value → the member id it most likely is (as authorGuess of POST /api/imports).'),
});

export const ImportList = z.object({
  imports: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      status: z.enum(['parsed', 'mapped', 'committing', 'done']),
      createdAt: z.string(),
      createdBy: z.object({ id: z.string(), name: z.string() }).describe('Who made it (a supervisor also sees their team’s).'),
      progress: Progress,
    }),
  ),
});

export const DriftScope = z.object({
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shown: z
        .boolean()
        .describe(
          `Whether the team's drift shows this viewer anything: for a leader or admin, whether in some month ${MIN_PEOPLE} or more of its members wrote notes (smaller groups are hidden); always true for its supervisor.`,
        ),
    }),
  ),
});

export const ReflectionSaved = z.object({ reflection: Reflection.nullable() });

export const ReflectionList = z.object({ reflections: z.array(Reflection) });
