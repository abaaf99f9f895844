/**
 * The PeerLens framework as typed data: the nine dimensions with their peer, overlap and
 * clinical views, the tasks a peer role should not be given, and the directions peer training
 * can grow in. Every text is the project's own summary; the seed documents are the authority
 * and each entry says where in them it comes from. Browser-safe: no Node imports.
 */
import type { DimensionId, Perspective } from '../types.js';

/** The five seed documents (keys from packages/core/lexicon/sources.yml). */
export type SeedSource = 'deegan-2017' | 'deegan-chart-scan' | 'peertac-cronise' | 'rlc-peer-role-2013' | 'ashcraft-2016';

/** The seed keys, in the order the five seed documents are numbered (docs/framework.md). */
export const SEED_SOURCES: readonly SeedSource[] = [
  'deegan-2017',
  'deegan-chart-scan',
  'peertac-cronise',
  'rlc-peer-role-2013',
  'ashcraft-2016',
];

/** Where a statement comes from: a seed document and a place in it. */
export interface Citation {
  readonly source: SeedSource;
  /** Where in the source, e.g. "chart, row on mutuality" or "section 'In but not of'". */
  readonly locator: string;
}

/** One perspective on one dimension. */
export interface View {
  /** One line. */
  readonly summary: string;
  /** One to three sentences. */
  readonly detail: string;
  readonly cite: readonly Citation[];
}

/** One row of the framework. */
export interface Dimension {
  readonly id: DimensionId;
  readonly title: string;
  /** A question a supervisor and a peer specialist can talk through together. */
  readonly question: string;
  /** Only the perspectives the sources describe for this dimension. */
  readonly views: Readonly<Partial<Record<Perspective, View>>>;
}

/**
 * A task a peer role should not be handed.
 * - `conflict`: the task gives the peer power over the person, or sets them against the person.
 * - `clinical`: the task pulls the role toward clinical work.
 * - `errand`: the task uses the peer as general help rather than as a peer.
 */
export interface RoleBoundary {
  readonly id: string;
  readonly task: string;
  readonly kind: 'conflict' | 'clinical' | 'errand';
  readonly why: string;
  readonly instead: string;
  readonly cite: readonly Citation[];
}

/** A direction advanced peer training can take: reaching more settings, or going further in the work. */
export interface TrainingArea {
  readonly id: string;
  readonly direction: 'wider' | 'deeper';
  readonly title: string;
  readonly description: string;
  readonly cite: readonly Citation[];
}

/** Something to keep in mind about peer training as a whole. */
export interface TrainingNote {
  readonly text: string;
  readonly cite: readonly Citation[];
}

// Shorthands for the citations used most often.
const chart = (row: string): Citation => ({ source: 'deegan-2017', locator: `chart, row on ${row}` });
const scan = (row: string): Citation => ({ source: 'deegan-chart-scan', locator: `scanned chart, row on ${row}` });
const peertac = (locator: string): Citation => ({ source: 'peertac-cronise', locator });
const rlc = (locator: string): Citation => ({ source: 'rlc-peer-role-2013', locator });
const ashcraft = (locator: string): Citation => ({ source: 'ashcraft-2016', locator });

/** The nine dimensions, in the order of docs/design.md. */
export const DIMENSIONS: readonly Dimension[] = [
  {
    id: 'relationship',
    title: 'Relationship',
    question: 'In this work, who gave and who received, and did both of us come away having learned something?',
    views: {
      peer: {
        summary: 'A mutual, two-way connection in which both people learn and can be changed.',
        detail:
          'What matters most is the bond itself, between peer specialist and person, and it runs in both directions. ' +
          'Each of them can learn from it, whatever their titles, and mutuality is also a way of levelling the power between them.',
        cite: [chart('mutuality'), scan('mutuality'), peertac('chart excerpt, first row'), rlc("common threads, 'Mutuality'")],
      },
      overlap: {
        summary: 'Positive regard for the person that comes with no conditions attached.',
        detail: 'Peer specialists and clinicians alike hold the person they serve in regard that does not have to be earned.',
        cite: [chart('mutuality, overlap column'), peertac('chart excerpt, first row')],
      },
      clinical: {
        summary: 'A helper and a person who is helped, centred on diagnosis, strengths and treatment.',
        detail:
          'The clinician helps and supports the participant, paying attention to diagnosis, strengths and treatment. ' +
          'No one expects the relationship to go both ways.',
        cite: [chart('mutuality, clinical column'), peertac('chart excerpt, first row')],
      },
    },
  },
  {
    id: 'stance',
    title: 'Stance',
    question: 'Were we finding things out together, or was one of us sizing up the other and deciding what help they need?',
    views: {
      peer: {
        summary: 'Learning alongside the person rather than assessing them or prescribing help.',
        detail:
          'The peer specialist approaches the person as a fellow learner. Working out what is wrong and what should be done is not the peer task.',
        cite: [chart('learning together'), scan('learning together')],
      },
      overlap: {
        summary: 'Wanting the person to recover and to reach their full human potential.',
        detail: 'Both roles share a hope for the person: that they recover and grow into everything they can be.',
        cite: [chart('learning together, overlap column')],
      },
      clinical: {
        summary: 'Assessing the person and then helping.',
        detail: 'Clinical work starts from an assessment and goes on to offer help based on it.',
        cite: [chart('learning together, clinical column')],
      },
    },
  },
  {
    id: 'sharing',
    title: 'Sharing',
    question: 'When I told part of my own story, what was it for, and did it leave room for theirs?',
    views: {
      peer: {
        summary: 'Both people share their experience; lived experience is used on purpose, as a tool.',
        detail:
          'Peer work explores life experience from both sides, with each person offering their own. ' +
          'People in peer roles have agreed to draw on what their own experience taught them deliberately, as one of the main tools of the job.',
        cite: [
          chart('sharing life experiences'),
          peertac('chart excerpt, second row'),
          rlc("common threads, 'Use of personal experience as a tool'"),
        ],
      },
      overlap: {
        summary: 'Connection, common ground and respect.',
        detail: 'Whatever the role, it matters to connect with the person, to find what you have in common and to treat them with respect.',
        cite: [chart('sharing life experiences, overlap column'), peertac('chart excerpt, second row')],
      },
      clinical: {
        summary: "Explores the participant's experience; the clinician seldom shares their own.",
        detail:
          'The clinician draws out and explores what the participant has lived through. ' +
          'Some clinicians do disclose, but sharing their own story is not expected and is not a central part of the work.',
        cite: [
          chart('sharing life experiences, clinical column'),
          peertac('chart excerpt, second row'),
          rlc("common threads, 'Use of personal experience as a tool'"),
        ],
      },
    },
  },
  {
    id: 'meaning',
    title: 'Meaning',
    question: 'Whose way of understanding what happened did we use: the person’s own, or one we brought with us?',
    views: {
      peer: {
        summary: 'Many valid ways to understand distress; the bio-psycho-social view is only one of them.',
        detail:
          'What gets diagnosed as mental illness can be understood in spiritual or cultural terms, as distress that teaches, ' +
          'as an altered state, as part of natural human variety, or through the bio-psycho-social lens, among others.',
        cite: [chart('ways of understanding experience'), scan('ways of understanding experience')],
      },
      overlap: {
        summary: 'Supporting the person to make their own meaning of what they have been through.',
        detail: 'Both roles are committed to helping the person arrive at an understanding of their experience that is theirs.',
        cite: [chart('ways of understanding experience, overlap column')],
      },
      clinical: {
        summary: 'The bio-psycho-social model frames diagnosis and treatment, with attention to culture.',
        detail:
          'Clinicians mainly use the bio-psycho-social approach to diagnose and treat, and apply a framework of cultural competency as they do.',
        cite: [chart('ways of understanding experience, clinical column'), scan('ways of understanding experience')],
      },
    },
  },
  {
    id: 'choice',
    title: 'Choice',
    question: 'Where did the person’s own choice stand today, and did anything I did lean on them to go along?',
    views: {
      peer: {
        summary: 'Takes no part in involuntary interventions.',
        detail:
          'Peer specialists do not help carry out coercive measures such as committing someone to hospital or ordering outpatient commitment.',
        cite: [chart('involuntary interventions'), scan('involuntary interventions')],
      },
      overlap: {
        summary: 'Choice and self-determination are central to recovery.',
        detail:
          'Peer specialists and clinicians agree that people need to make their own choices and direct their own lives as they recover.',
        cite: [chart('involuntary interventions, overlap column')],
      },
      clinical: {
        summary: 'Involuntary intervention may be judged necessary, weighing duty to care against dignity of risk.',
        detail:
          'Clinicians hold a duty to care for the person and also respect their right to take risks. ' +
          'When those pull apart, some clinicians conclude that hospital commitment is justified.',
        cite: [chart('involuntary interventions, clinical column'), scan('involuntary interventions')],
      },
    },
  },
  {
    id: 'advocacy',
    title: 'Advocacy',
    question: 'Did we speak up for what the person wants, and did they get a chance to practise speaking for themselves?',
    views: {
      peer: {
        summary: 'Advocates with and for the person, and coaches them to speak for themselves.',
        detail:
          'Peer specialists are trained as advocates: they raise the person’s needs and goals, help the person find their own voice, ' +
          'and stand up for their legal, civil and human rights.',
        cite: [chart('advocacy'), scan('advocacy')],
      },
      overlap: {
        summary: 'Listening closely to what the person needs, prefers, aims for and hopes for.',
        detail: 'Both roles try to hear the person well: their needs, preferences, goals and aspirations.',
        cite: [chart('advocacy, overlap column'), scan('advocacy')],
      },
      clinical: {
        summary: 'Recovery-oriented practice that is strengths-based and person-centred.',
        detail:
          'Many clinicians are trained in a recovery orientation that builds on strengths, centres the person and supports their own goals.',
        cite: [chart('advocacy, clinical column'), scan('advocacy')],
      },
    },
  },
  {
    id: 'language',
    title: 'Language',
    question: 'Would the person recognise themselves, and feel respected, in the words we used about them?',
    views: {
      peer: {
        summary: 'Alert to stigma and to words that objectify people; speaks up when colleagues slip.',
        detail:
          'Belonging to a group society looks down on makes peer specialists quick to notice stigma, objectifying words, prejudice and harmful practice. ' +
          'As advocates they raise it when a colleague’s words or habits, usually without meaning to, lower the people being served.',
        cite: [chart('membership of a socially devalued group'), scan('membership of a socially devalued group')],
      },
      overlap: {
        summary: 'Building a culture of respect in the service system and in the wider public.',
        detail: 'Clinicians and peer specialists work side by side so that respect is the norm across behavioral health and beyond it.',
        cite: [chart('membership of a socially devalued group, overlap column')],
      },
    },
  },
  {
    id: 'identity',
    title: 'Identity',
    question:
      'What does my own lived experience bring to this role, and is it the experience or the way I use it that makes the work peer?',
    views: {
      peer: {
        summary: 'Belongs to a group society devalues; lived experience is the qualification for the role.',
        detail:
          'Peer specialists share the experience of being labelled and set apart because of a psychiatric history. ' +
          'That experience, used with intent, is what qualifies them for the work.',
        cite: [
          chart('membership of a socially devalued group'),
          rlc("common threads, 'Use of personal experience as a tool'"),
          ashcraft("readers' comments"),
        ],
      },
      clinical: {
        summary: 'Not part of that group unless they disclose, and disclosing does not turn a role into a peer role.',
        detail:
          'A clinician without a disclosed psychiatric history stands outside the devalued group. ' +
          'A person with lived experience in a traditional job is still in that traditional job: peer is a way of working, not only an identity.',
        cite: [
          chart('membership of a socially devalued group, clinical column'),
          scan('membership of a socially devalued group'),
          rlc("section 'Traditional Role Filled by Someone Who Discloses'"),
        ],
      },
    },
  },
  {
    id: 'position',
    title: 'Position: in but not of',
    question: 'Where did the system’s routines shape this work, and where did the person’s voice and choice lead it?',
    views: {
      peer: {
        summary: 'Works inside the system without taking on its language or its frame.',
        detail:
          'A peer specialist is employed in the system but does not adopt its usual vocabulary or approach. ' +
          'Their first duty is to support the person’s voice and choice, and the system’s functions should not be allowed to get in the way of it.',
        cite: [rlc("section 'In but not of'")],
      },
      clinical: {
        summary: 'Carries the system’s duties, and the power that comes with them.',
        detail:
          'Someone in a traditional role may, for example, give out and record medication for the system, and that duty comes first even when they share their own story along the way. ' +
          'The responsibility, and the power, sit with the system.',
        cite: [rlc("section 'In but not of', medication administration example")],
      },
    },
  },
];

const BY_ID = new Map<DimensionId, Dimension>(DIMENSIONS.map((d) => [d.id, d]));

/** One dimension by id. Throws on an id that is not a dimension. */
export function dimension(id: DimensionId): Dimension {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`Unknown framework dimension: ${String(id)}`);
  return found;
}

/** Tasks a peer role should not be given, with the reason and what to do instead. */
export const ROLE_BOUNDARIES: readonly RoleBoundary[] = [
  {
    id: 'medication-administration',
    task: 'Administering, passing or documenting medication (Medication Administration Program, MAP), or being MAP trained',
    kind: 'conflict',
    why:
      'Being responsible for giving someone their medication and recording it puts power over that person in the peer’s hands and tips the role toward the system. ' +
      'It is not about ability: a gifted chef asked to cover as host may do that well too, yet the food suffers; a peer who takes on medication may manage it fine, and it is the peer work that suffers.',
    instead:
      'Talk with the person about their own experience of medication, and help them get their questions and wishes heard by the prescriber. Leave administering and recording to staff in clinical roles.',
    cite: [rlc("section 'In but not of', medication administration example"), rlc('the head chef example')],
  },
  {
    id: 'representative-payee',
    task: 'Acting as representative payee or managing the person’s money',
    kind: 'conflict',
    why:
      'Control of someone’s money is control over much of their life, and it changes what the relationship can be. ' +
      'Keeping peers out of payeeship says nothing about whether they could manage it; it keeps them free to do their own job.',
    instead: 'Support the person with their own money goals, or in their dealings with a payee, as someone on their side.',
    cite: [rlc('closing section, on medication administration and rep-payeeship'), rlc('the head chef example')],
  },
  {
    id: 'assessment-treatment-plan',
    task: 'Doing assessments or writing treatment plans',
    kind: 'clinical',
    why:
      'Assessing a person and writing their plan is clinical work that turns the peer into an assessor. ' +
      'A peer could do it well, but it is not the peer job and it takes away from it.',
    instead: 'Help the person set out their goals in their own words and bring that voice into the planning meeting.',
    cite: [rlc('the head chef example'), chart('learning together')],
  },
  {
    id: 'involuntary-process',
    task: 'Taking part in involuntary processes (hospital or outpatient commitment, petitions, escorts, holds)',
    kind: 'conflict',
    why: 'Helping to carry out coercion against the person can undo the trust that peer work rests on, and it places the peer on the side of force.',
    instead:
      'Stay with the person as an ally: make sure their wishes are heard and their rights are respected, and leave the coercive steps to others.',
    cite: [chart('involuntary interventions'), scan('involuntary interventions')],
  },
  {
    id: 'monitoring-reporting',
    task: 'Monitoring the person or reporting on them (compliance checks, watching for rule breaking, informing on them)',
    kind: 'conflict',
    why:
      'Watching someone on the system’s behalf turns the peer into part of the system’s control and works against the mutuality that evens out power. ' +
      'The peer’s first duty is the person’s voice, not the system’s oversight.',
    instead: 'Check in as a peer, on the person’s terms, and help them raise any concerns themselves with their team.',
    cite: [
      rlc("section 'In but not of'"),
      rlc("common threads, 'Mutuality'"),
      ashcraft('section on deeper training, on working without control'),
    ],
  },
  {
    id: 'searches-drug-screens',
    task: 'Searches of rooms, bags or people, and collecting or observing drug screens',
    kind: 'conflict',
    why: 'Searching someone or overseeing their drug test is an act of control over them, and it puts the peer between the person and the system instead of beside the person.',
    instead: 'Leave searches and screens to other staff; if the person wants it, talk through the experience with them afterwards.',
    cite: [rlc("section 'In but not of'"), ashcraft('section on deeper training, on working without control')],
  },
  {
    id: 'junior-clinician',
    task: 'Being used as a junior clinician, junior case manager or low-cost counsellor',
    kind: 'clinical',
    why:
      'Over time peers in clinical settings can come to talk and work like the clinicians around them. ' +
      'A peer is not a cheaper clinician; the value of the role is the different perspective it brings.',
    instead: 'Give the peer work that draws on lived experience and mutuality, and let the team see how the roles complement each other.',
    cite: [
      { source: 'deegan-2017', locator: 'introduction, before the chart' },
      peertac('introduction, on roles and strengths'),
      ashcraft("section 'Peers can do more'"),
    ],
  },
  {
    id: 'assistant',
    task: 'Working as an assistant or clerk to clinical staff (paperwork, scheduling, front desk)',
    kind: 'errand',
    why: 'Filling the peer’s time with other staff members’ tasks uses little of what they are best placed to do, and it tells the team the role is support staff.',
    instead: 'Assign tasks that let the peer play from their strengths: time with people, sharing experience, advocacy.',
    cite: [peertac('introduction, on roles and strengths')],
  },
  {
    id: 'driver-errands',
    task: 'Driving, delivering and running errands for the team',
    kind: 'errand',
    why: 'A peer who mainly drives and fetches becomes errand staff; time that could go to the relationship goes to logistics.',
    instead: 'When a ride happens, use it for peer work with the person; give pure transport and deliveries to others.',
    cite: [peertac('introduction, on roles and strengths')],
  },
  {
    id: 'other-duties',
    task: 'A catch-all of "other duties as assigned" with no peer purpose',
    kind: 'errand',
    why:
      'An open-ended list lets whatever is short-staffed fill the peer’s time, the way a chef pulled to cover for the host stops cooking. ' +
      'Over months the role drifts away from peer work.',
    instead: 'Name the peer duties in the job description and review any added task against them with the peer and their supervisor.',
    cite: [peertac('introduction, on roles and strengths'), rlc('the head chef example')],
  },
];

/** The directions advanced peer training can grow in. */
export const TRAINING_AREAS: readonly TrainingArea[] = [
  {
    id: 'crisis',
    direction: 'wider',
    title: 'Crisis settings',
    description: 'Carrying peer skills into crisis services, where people meet the system at their hardest moments.',
    cite: [ashcraft("section 'Peers can do more', on wider training")],
  },
  {
    id: 'housing',
    direction: 'wider',
    title: 'Housing',
    description: 'Offering peer support within housing programs.',
    cite: [ashcraft("section 'Peers can do more', on wider training")],
  },
  {
    id: 'employment',
    direction: 'wider',
    title: 'Employment and job coaching',
    description: 'Coaching people as they look for, start and keep work.',
    cite: [ashcraft("section 'Peers can do more', on wider training")],
  },
  {
    id: 'supported-education',
    direction: 'wider',
    title: 'Supported education',
    description: 'Mentoring people who are going back to school or into training.',
    cite: [ashcraft("section 'Peers can do more', on wider training")],
  },
  {
    id: 'primary-care',
    direction: 'wider',
    title: 'Primary care and chronic conditions',
    description:
      'As primary care and behavioral health come together, supporting people with physical illness and long-term conditions, who can gain from the recovery and resilience skills peers model.',
    cite: [ashcraft("section 'Peers can do more', on wider training")],
  },
  {
    id: 'purpose-empowerment',
    direction: 'deeper',
    title: 'More purpose and empowerment',
    description:
      'Using peer skills with clearer purpose so that people come away stronger: connecting, engaging, inspiring and empowering from a place of mutuality, with the focus on strengths rather than on problems and symptoms.',
    cite: [ashcraft("section 'Peers can do more', on deeper training")],
  },
  {
    id: 'engaging-not-yet-interested',
    direction: 'deeper',
    title: 'Engaging people not yet interested in recovery',
    description:
      'Building the confidence and skill to work as well with people who are not yet drawn to recovery, or doubt they can recover, as with those already seeking it.',
    cite: [ashcraft("section 'Peers can do more', on deeper training")],
  },
];

/** What to keep in mind about peer training as a whole. */
export const TRAINING_NOTES: readonly TrainingNote[] = [
  {
    text: 'Advanced peer training is not clinical. Peers do not need to learn to diagnose, medicate or manage people; they need more of the human skills of connecting and empowering.',
    cite: [ashcraft("section 'Peers can do more'")],
  },
  {
    text: 'Most states certify peer specialists: at the time of the article, 38 states asked peers to finish specialized training and be certified before being hired.',
    cite: [ashcraft('section on the growth of the peer workforce')],
  },
  {
    text: 'Readers pointed out that a peer’s own lived experience, recovery and inner wisdom are the heart of their qualification; training adds to them and does not replace them, and peers do not need training to be credible.',
    cite: [ashcraft("readers' comments")],
  },
  {
    text: 'Sharing lived experience well is a skill: choosing the moment, listening more than telling, and not filling the conversation with one’s own story. A note that is mostly about the peer’s own story is a kind of drift too.',
    cite: [ashcraft("readers' comments"), rlc("common threads, 'Use of personal experience as a tool'")],
  },
];
