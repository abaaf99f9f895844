/**
 * Which lines of a job description are duties. A posting also has headings, a position
 * summary, qualifications asked of the person, pay and benefits, and hours: none of these is
 * work the role does, so none is counted as a duty (issue 13). A line is read by its own
 * words and by the heading it stands under ("Qualifications", "Benefits", "Schedule" …).
 *
 * Plain word lists, not lexicon rules: they decide what is counted, not what a duty is.
 */
import type { NotDutyKind } from '../types.js';

/** What the lines under a heading are. */
export type Section = 'duties' | NotDutyKind | 'other';

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9$]+(?:'[a-z]+)?/g) ?? [];

/** Words a heading of a posting is made of, and the section each names. */
const HEADING_WORDS: Readonly<Record<string, Section>> = {
  responsibilities: 'duties',
  responsibility: 'duties',
  duties: 'duties',
  duty: 'duties',
  functions: 'duties',
  tasks: 'duties',
  accountabilities: 'duties',
  activities: 'duties',
  qualifications: 'qualification',
  qualification: 'qualification',
  requirements: 'qualification',
  requirement: 'qualification',
  education: 'qualification',
  experience: 'qualification',
  skills: 'qualification',
  abilities: 'qualification',
  knowledge: 'qualification',
  competencies: 'qualification',
  licensure: 'qualification',
  certification: 'qualification',
  certifications: 'qualification',
  credentials: 'qualification',
  eligibility: 'qualification',
  benefits: 'pay',
  compensation: 'pay',
  salary: 'pay',
  pay: 'pay',
  wage: 'pay',
  wages: 'pay',
  rate: 'pay',
  perks: 'pay',
  schedule: 'hours',
  hours: 'hours',
  shift: 'hours',
  shifts: 'hours',
  summary: 'summary',
  overview: 'summary',
  purpose: 'summary',
  description: 'summary',
  about: 'summary',
  introduction: 'summary',
  location: 'other',
  department: 'other',
  title: 'other',
  status: 'other',
  supervisor: 'other',
  conditions: 'other',
  demands: 'other',
  environment: 'other',
  flsa: 'other',
  classification: 'other',
  contact: 'other',
  apply: 'other',
};

/** Words that may stand beside those in a heading without making it a sentence. */
const HEADING_FILLER = new Set([
  'and',
  'or',
  'the',
  'of',
  'to',
  'a',
  'an',
  'for',
  'our',
  'us',
  'we',
  'you',
  "you'll",
  'will',
  'do',
  'what',
  'who',
  'are',
  'job',
  'position',
  'role',
  'key',
  'main',
  'primary',
  'core',
  'essential',
  'general',
  'specific',
  'minimum',
  'preferred',
  'required',
  'desired',
  'additional',
  'other',
  'physical',
  'working',
  'work',
  'reports',
  'reporting',
  'hiring',
  'range',
  'special',
  'typical',
  'examples',
  'example',
  'program',
  'agency',
  'organization',
  'company',
  'team',
  'how',
]);

/** A job title standing as a line of its own: "Peer Support Specialist", "Recovery Coach (part-time)". */
const JOB_TITLE =
  /^(?:senior |lead |certified |peer |recovery |family |youth |forensic |community |[a-z]+ ){0,4}(?:specialist|worker|coach|advocate|navigator|mentor|partner|provider|associate|counselor|counsellor|supporter|bridger|liaison|aide)s?(?: \([^)]*\))?$/i;

/** The section a heading opens, or undefined when the line does not read as a posting's heading. */
export function headingSection(text: string): Section | undefined {
  const t = text.trim().replace(/:$/, '');
  if (t.length === 0 || t.length > 60 || /[.!?]$/.test(t)) return undefined;
  const ws = words(t);
  if (ws.length === 0 || ws.length > 6) return undefined;
  // every word capitalized, as titles are ("Serve as peer advocate" is a duty)
  if (
    JOB_TITLE.test(t) &&
    t
      .replace(/\([^)]*\)/g, '')
      .trim()
      .split(/\s+/)
      .every((w) => /^[A-Z]/.test(w))
  )
    return 'other';
  let section: Section | undefined;
  for (const w of ws) {
    const s = HEADING_WORDS[w];
    if (s !== undefined) {
      // "Duties and responsibilities"; "Education and experience"; the first named wins
      section ??= s;
      continue;
    }
    if (!HEADING_FILLER.has(w)) return undefined;
  }
  return section;
}

const PAY =
  /(\$\s?\d|\b\d+(?:\.\d+)?\s?(?:\/|per |an |a )(?:hr|hour|year|yr|annum)\b|\bper hour\b|\bhourly\b|\bsalary\b|\bwages?\b|\bcompensation\b|\bpay (?:range|rate|grade|scale)\b|^pay\b|\bpaid time off\b|\bPTO\b|\b401\s?\(?k\)?|\bhealth(?:,| and)? (?:dental|vision|insurance)\b|\bdental and vision\b|\bbenefits package\b|\btuition (?:reimbursement|assistance)\b|\bloan forgiveness\b)/i;
const HOURS =
  /(^(?:full|part)[- ]time\b|\b(?:full|part)[- ]time (?:position|role|job|schedule|hours)\b|\bthis is a (?:full|part)[- ]time\b|\b\d+(?:\.\d+)? ?(?:hours|hrs)(?: (?:per|a|each) ?week|\/week|\/wk)\b|^(?:schedule|hours|shifts?)\s*:|\b(?:monday|mon)\s?(?:-|–|—|to|through|thru)\s?(?:friday|fri)\b|\bm\s?-\s?f\b|\b\d{1,2}(?::\d\d)?\s?(?:am|a\.m\.|pm|p\.m\.)\s?(?:-|–|to)\s?\d{1,2}(?::\d\d)?\s?(?:am|a\.m\.|pm|p\.m\.)?|\bfte\b|\bper diem\b|\bweekend availability\b)/i;
const QUALIFICATION =
  /(^(?:must|should) (?:have|be|possess|hold|pass|demonstrate|meet|obtain)\b|^(?:ability|able|willing(?:ness)?) to\b|^(?:knowledge|understanding|proficiency|familiarity) (?:of|in|with)\b|^(?:experience|background) (?:in|with|working)\b|^(?:excellent|strong|good|effective|proven|demonstrated) .{0,40}\b(?:skills|abilities|ability|experience|judgment|judgement)\b|\bhigh school\b|\bdiploma\b|\bged\b|\bbachelor'?s?\b|\bmaster'?s?\b|\bassociate'?s? degree\b|\bdegree in\b|\b(?:\d+|one|two|three|four|five|six)\+? (?:years?|months?)(?: of)? (?:\w+ ){0,3}experience\b|\bexperience (?:is )?(?:required|preferred)\b|\bor equivalent\b|\bvalid driver'?s? licen[cs]e\b|\bdriver'?s licen[cs]e\b|\bbackground check\b|\bcpr\b|\bbilingual\b|\bcertification (?:is )?(?:required|preferred)\b|\bcertified (?:peer|recovery)\b|\bpeer (?:specialist |support )?certification\b|\b(?:within|in) (?:\d+|six|three|twelve|nine) months of hire\b|^lived experience (?:of|with)\b|^(?:personal |own )?lived experience\b(?!.*\b(?:share|sharing|uses?|draw)\b))/i;
const SUMMARY =
  /(^(?:position|job|role) (?:summary|overview|purpose|description)\b|^(?:summary|overview|about (?:us|the role|the position|this role))\b|^this (?:position|role|job)\b|^the (?:[a-z]+ ){0,4}(?:specialist|worker|coach|advocate|navigator|mentor|partner|provider|associate|counselor|counsellor|aide|assistant|bridger|position|role)(?:\s\([^)]*\))? (?:is|will be|works|provides|uses|serves|supports|offers|joins|is responsible|reports)\b|^we are (?:seeking|looking|hiring)\b|\bis (?:seeking|hiring|looking for) an? \b|^(?:reports|reporting) to\b|^under (?:the )?(?:general |direct )?supervision of\b)/i;

/**
 * What a line is when it is not a duty, or undefined for a duty. `section` is what the heading
 * above it names: a line under "Qualifications" is a qualification whatever its words, a line
 * under "Responsibilities" a duty unless it is plainly pay or hours.
 */
export function notDutyKind(text: string, section?: Section): NotDutyKind | undefined {
  const t = text
    .trim()
    .replace(/^(?:[-*•·–]|\d{1,3}[.)])\s+/, '')
    .trim();
  if (t.length === 0) return undefined;
  if (headingSection(t) !== undefined) return 'heading';
  if (PAY.test(t)) return 'pay';
  if (HOURS.test(t)) return 'hours';
  if (section === 'duties') return undefined;
  if (section === 'qualification' || section === 'pay' || section === 'hours' || section === 'summary') return section;
  if (QUALIFICATION.test(t)) return 'qualification';
  if (SUMMARY.test(t)) return 'summary';
  return undefined;
}

/**
 * For each line of a pasted task list or posting, in order, what it is when it is not a duty;
 * each heading sets the section of the lines after it.
 */
export function notDutyKinds(lines: readonly string[]): (NotDutyKind | undefined)[] {
  let section: Section | undefined;
  return lines.map((line) => {
    const opens = headingSection(line.trim().replace(/^(?:[-*•·–]|\d{1,3}[.)])\s+/, ''));
    if (opens !== undefined) {
      section = opens;
      return 'heading';
    }
    return notDutyKind(line, section);
  });
}
