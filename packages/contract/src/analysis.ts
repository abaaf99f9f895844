/**
 * Every shape the API takes or gives, as zod schemas. Fastify validates requests and encodes
 * replies with them, and @fastify/swagger turns the same schemas into the OpenAPI document, so
 * the contract of decision 007 is written once. The analysis shapes mirror @peerlens/core's
 * types (the tests check that a reply equals what core returns, so a field core adds is noticed).
 */
import { CATEGORIES, DIMENSION_IDS, DUTY_LABELS, NOTE_LABELS, SEVERITIES } from '@peerlens/core';
import { z } from 'zod';
import { futureMessage, tooFarAhead } from './dates.js';

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** The framework's dimensions, from core's own list. */
export const DimensionId = z.enum(DIMENSION_IDS);
export const NoteLabel = z.enum(NOTE_LABELS);
export const DutyLabel = z.enum(DUTY_LABELS);

const Point = z.object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() });

const findingFields = {
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  ruleId: z.string(),
  start: Point,
  end: Point,
  actual: z.string(),
  message: z.string(),
  expected: list(z.string()).describe('Replacements: words that may stand in place of exactly `actual`; offered, never applied.'),
  hints: list(z.string()).describe('Advice shown with the message, never inserted.'),
  note: z.string(),
  source: list(z.string()),
  dimension: DimensionId.optional(),
  fuzzy: z.literal(true).optional(),
  situation: z.literal('own-words').optional(),
};
/** A finding that another on the same words was merged into (its `also`). */
const MergedFinding = z.object(findingFields);
export const Finding = z
  .object({ ...findingFields, also: list(MergedFinding).optional().describe('Other rules that flagged some of the same words.') })
  .meta({ id: 'Finding' });

const Reason = z.object({
  ruleId: z.string(),
  label: DutyLabel,
  actual: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  weight: z.number(),
  dimension: DimensionId,
  context: z.enum(['negated', 'reported']).optional(),
  message: z.string(),
});

const CorpusEvidence = z.object({
  label: z.union([DutyLabel, NoteLabel]),
  probability: z.number(),
  words: list(z.string()),
});

const Sentence = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  kind: z.enum(['sentence', 'item', 'heading']),
  section: z.string().optional(),
  label: NoteLabel,
  confidence: z.number(),
  dimensions: list(DimensionId),
  reasons: list(Reason),
  evidence: CorpusEvidence.optional(),
});

const LabelShares = z.object({ peer: z.number(), overlap: z.number(), clinical: z.number(), neutral: z.number() });
const PerspectiveCounts = z.object({ peer: z.number(), overlap: z.number(), clinical: z.number() });
const DutyCounts = z.object({ peer: z.number(), overlap: z.number(), clinical: z.number(), conflict: z.number(), errand: z.number() });

export const Profile = z
  .object({
    units: z.number().int(),
    counts: LabelShares,
    shares: LabelShares,
    byDimension: z.partialRecord(DimensionId, PerspectiveCounts),
    findings: z.object({ language: z.number(), perspective: z.number(), role: z.number() }),
    words: z.number().int(),
  })
  .meta({ id: 'Profile' });

export const Analysis = z
  .object({
    label: NoteLabel,
    confidence: z.number(),
    dimensions: list(DimensionId),
    sentences: list(Sentence),
    findings: list(Finding),
    profile: Profile,
  })
  .meta({ id: 'Analysis', description: "A note's analysis: each unit labelled, the findings, the perspective profile (core `analyze`)." });

const dutyFields = {
  label: DutyLabel,
  confidence: z.number(),
  dimensions: list(DimensionId),
  reasons: list(Reason),
  findings: list(Finding),
  suggestions: list(z.string()),
  evidence: CorpusEvidence.optional(),
};

export const DutyResult = z.object(dutyFields).meta({ id: 'DutyResult', description: 'One duty classified (core `classifyDuty`).' });

const Duty = z.object({ ...dutyFields, start: z.number().int(), end: z.number().int(), text: z.string() });

const NotDuty = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  kind: z.enum(['heading', 'summary', 'qualification', 'pay', 'hours']),
});

export const RoleReview = z
  .object({
    duties: list(Duty),
    notDuties: list(NotDuty).describe('Lines that are not duties (headings, the summary, qualifications, pay, hours), not counted.'),
    counts: DutyCounts,
    rethink: z.number().int().describe('Duties that are conflicts, errands or clinical.'),
    summary: z.string(),
  })
  .meta({ id: 'RoleReview', description: 'A job description or task list reviewed duty by duty (core `reviewRole`).' });

/** The most characters a note or job description may hold (the JSON body limit is 1 MB in any case). */
export const MAX_TEXT = 500_000;
const Text = z.string().max(MAX_TEXT, `The text is longer than ${MAX_TEXT.toLocaleString('en-US')} characters.`);
const Title = z.string().trim().min(1, 'The title is empty.').max(200, 'The title is longer than 200 characters.');

export const AnalyzeBody = z.object({ text: Text, kind: z.enum(['note', 'duty', 'document']) });
export const AnalyzeReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), analysis: Analysis }),
  z.object({ kind: z.literal('duty'), duty: DutyResult }),
  z.object({ kind: z.literal('document'), role: RoleReview }),
]);

export const DocumentKind = z.enum(['note', 'role']);
export const DocumentId = z.object({ id: z.string().min(1).max(100) });

const documentMeta = {
  id: z.string(),
  title: z.string(),
  kind: DocumentKind,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  authorId: z.string().nullable().describe('Who wrote it; null for a document saved before the workspace had members.'),
  writtenAt: z.string().nullable().describe('When it was written (ISO date or date-time); null: createdAt.'),
};

export const DocumentSummary = z
  .object({
    ...documentMeta,
    profile: Profile.optional().describe("A note's perspective profile."),
    summary: z.string().describe('One line: the profile and findings of a note, or the duty counts of a role.'),
    authorName: z.string().nullable().describe('The name of who wrote it; null when it has no author.'),
    canChange: z
      .boolean()
      .describe('Whether the signed-in member may change and delete it (its author; an admin for one without an author).'),
  })
  .meta({ id: 'DocumentSummary' });

export const DocumentList = z.object({ documents: list(DocumentSummary) });

export const Document = z
  .object({
    ...documentMeta,
    text: z.string(),
    analysis: Analysis.optional().describe("A note's analysis."),
    role: RoleReview.optional().describe("A job description's or task list's review."),
    authorName: z.string().nullable().optional().describe('The name of who wrote it (when read with GET).'),
    canChange: z.boolean().optional().describe('Whether the signed-in member may change and delete it (when read with GET).'),
  })
  .meta({ id: 'Document' });

/** When a note was written: an ISO date (2026-03-01) or date-time. */
export const WrittenAt = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((v) => !tooFarAhead(v), futureMessage('The date a note was written'))
  .describe('When it was written; default now. At most a day in the future.');
export const CreateDocumentBody = z.object({ title: Title, kind: DocumentKind, text: Text, writtenAt: WrittenAt.optional() });
export const UpdateDocumentBody = z.object({ title: Title.optional(), text: Text.optional(), writtenAt: WrittenAt.optional() });

export const ReportQuery = z.object({ format: z.enum(['markdown', 'html', 'json']).default('markdown') });

export const ExtractReply = z.object({
  text: z.string(),
  format: z.enum(['docx', 'pdf', 'text', 'markdown']),
});

export const Health = z
  .object({
    ok: z.boolean(),
    ready: z.boolean().describe('The server answers requests: its database answers and it is not shutting down.'),
    version: z.string(),
  })
  .meta({ id: 'Health' });

export const ErrorReply = z
  .object({
    error: z.object({
      code: z.enum([
        'bad_json',
        'invalid',
        'not_found',
        'too_large',
        'unsupported_type',
        'unreadable',
        'unauthorized',
        'forbidden',
        'conflict',
        'rate_limited',
        'gone',
        'internal',
      ]),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error has this shape.' });

export type ErrorCode = z.infer<typeof ErrorReply>['error']['code'];
export type DocumentReply = z.infer<typeof Document>;
