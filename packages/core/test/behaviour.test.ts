/**
 * What a user relies on from the built-in lexicon and analyzer, in the words real records use:
 * context (negation, mention, quotation, own words, who acts), abbreviations, typos, headings
 * and section labels. Accuracy as a whole is measured by `npm run eval`; these pin behaviour.
 */
import { describe, expect, it } from 'vitest';
import { analyze, classifyDuty, explainLabel, reviewRole } from '../src/index.js';

const label = (text: string): string => analyze(text).label;
const language = (text: string): string[] =>
  analyze(text)
    .findings.filter((f) => f.category === 'language')
    .map((f) => f.actual);
/** Language findings shown as warnings or errors, as `rule:words`. */
const warnings = (text: string): string[] =>
  analyze(text)
    .findings.filter((f) => f.category === 'language' && f.severity !== 'info')
    .map((f) => `${f.ruleId}:${f.actual}`);

describe('notes in the clinical register read as clinical', () => {
  it.each([
    'Pt presents w/ flat affect, denies SI/HI, A&Ox3.',
    'A: Writer assessed pt mood; insight and judgment fair.',
    'Dx: schizoaffective d/o (F25.0). Depakote 500mg BID.',
    'psychoed on relapse signs, gave handout',
  ])('%s', (text) => expect(label(text)).toBe('clinical'));
});

describe('peer practice reads as peer', () => {
  it.each([
    'I told him about my own time in the hospital and what helped me.',
    'We both learned something: she taught me the bus app and I showed her my trick for the phone tree.',
    'I made clear I am not part of the hold, and I stayed with her in the lobby.',
    'Coached him to ask for his records; he called and did it himself.',
  ])('%s', (text) => expect(label(text)).toBe('peer'));
});

describe('context', () => {
  it('a negated clinical act is not clinical', () => {
    expect(label('I did not assess her; that is not my role.')).toBe('peer');
  });

  it('a term mentioned to discuss it is not flagged, a term used is', () => {
    expect(language('Our team stopped using the phrase "frequent flyer".')).toEqual([]);
    expect(language('He is a frequent flyer in the ED.')).toEqual(['frequent flyer']);
  });

  it("a person's own words about themselves are theirs: shown as information, never a warning", () => {
    const own = analyze('"I\'m an addict and proud of my recovery," she told the group.').findings.filter((f) => f.category === 'language');
    expect(own.map((f) => [f.actual, f.severity, f.situation])).toEqual([['an addict', 'info', 'own-words']]);
    expect(analyze('I am a recovering drug addict.').findings.filter((f) => f.category === 'language' && f.severity !== 'info')).toEqual(
      [],
    );
    // about someone else, the same word is a warning
    expect(analyze('My brother is an addict.').findings.find((f) => f.category === 'language')).toMatchObject({ severity: 'warning' });
  });

  it('a label named as one others give a group is a mention; staff naming a person with it is a use', () => {
    expect(language('Many of us belong to a population commonly referred to as “the mentally ill” by reporters.')).toEqual([]);
    expect(language('We come from the community known as the mentally ill, and we speak for ourselves.')).toEqual([]);
    expect(language('The night nurse referred to him as a “frequent flyer” at handover.')).toEqual(['frequent flyer']);
  });

  it('a negation carries through a list: every item of "do not … such as A or B" is a boundary', () => {
    const s = analyze('Peer staff do not take part in involuntary holds such as an emergency petition or outpatient commitment.')
      .sentences[0]!;
    expect(s.label).toBe('peer');
    expect(s.reasons.filter((r) => r.label !== 'peer')).toEqual([]);
    // a new clause after "and" is not negated
    const t = analyze('I did not assess her mood, and later the nurse assessed her mood again.').sentences[0]!;
    expect(t.reasons.some((r) => r.label === 'clinical')).toBe(true);
  });

  it('a diagnosis used as a diagnosis is not a slur', () => {
    expect(language('She has a diagnosis of schizophrenia and works full time.')).toEqual([]);
    expect(language('He is a schizophrenic who lives on Elm Street.')).not.toEqual([]);
  });

  it('typos and abbreviations in hurried notes still match', () => {
    expect(language('pt is noncomplaint w/ meds')).toEqual(['noncomplaint']);
    expect(analyze('pt is noncomplaint w/ meds').findings.find((f) => f.category === 'language')).toMatchObject({ fuzzy: true });
  });

  it('headings and SOAP labels are neutral on their own, and the content under them is read', () => {
    const a = analyze('PLAN\nS: Pt denies SI/HI.');
    expect(a.sentences.map((s) => [s.kind, s.section ?? null, s.label])).toEqual([
      ['heading', null, 'neutral'],
      ['sentence', 'S', 'clinical'],
    ]);
  });

  it('a heading that names a clinical section speaks from it; the profile still counts only the content', () => {
    expect(label('MENTAL STATUS EXAM:')).toBe('clinical');
    const a = analyze('MENTAL STATUS EXAM\nWe met at the library at 2pm.');
    expect(a.sentences.map((s) => [s.kind, s.label])).toEqual([
      ['heading', 'clinical'],
      ['sentence', 'neutral'],
    ]);
    expect(a.label).toBe('neutral');
    expect(a.profile.counts.clinical).toBe(0);
  });

  it('a quoted label said of people is a use; "long-term" is not "the term"', () => {
    expect(language('Half of the callers were “frequent fliers” by the dispatcher’s count.')).toEqual(['frequent fliers']);
    expect(language('He was a “drug seeking” patient in the night nurse’s report.')).toEqual(['drug seeking']);
    expect(language('The label was “frequent flyer” in the old system.')).toEqual([]);
    expect(language('We need long-term housing for the mentally ill.')).toEqual(['the mentally ill']);
  });

  it('logistics are neutral', () => {
    expect(label('Met at the library at 2pm; next visit is Thursday.')).toBe('neutral');
  });

  it('every label says why: its cues, or the corpus evidence and its words', () => {
    for (const s of analyze('She wants to get her license back. Pt denies SI/HI.').sentences) {
      expect(s.reasons.length > 0 || (s.evidence?.words.length ?? 0) > 0).toBe(true);
    }
  });
});

describe('duties', () => {
  it.each([
    ['Administer and document medications per MAP.', 'conflict'],
    ['Serve as representative payee for assigned members.', 'conflict'],
    ['Collect urine drug screens.', 'conflict'],
    ['Transport members to appointments.', 'errand'],
    ['Other duties as assigned.', 'errand'],
    ['Complete intake assessments and treatment plans.', 'clinical'],
    ['Share lived experience of recovery to build hope.', 'peer'],
    ['Will not administer or document medications.', 'peer'],
    ['Take part in treatment planning meetings with the team.', 'overlap'],
  ])('%s → %s', (text, expected) => expect(classifyDuty(text).label).toBe(expected));

  it("a duty's why keeps a conflict cue apart from a clinical label (in a note a conflict cue counts toward clinical)", () => {
    const text = 'Administer medication and complete risk assessments.';
    const d = classifyDuty(text);
    const why = explainLabel(d, 'duty');
    const conflictCues = d.reasons.filter((r) => r.label === 'conflict').map((r) => r.ruleId);
    expect(conflictCues.length).toBeGreaterThan(0);
    const side = d.label === 'conflict' ? why.cues : why.against;
    for (const id of conflictCues) expect(side.map((c) => c.ruleId)).toContain(id);
    if (d.label !== 'conflict') for (const id of conflictCues) expect(why.cues.map((c) => c.ruleId)).not.toContain(id);
  });

  it('a conflict or errand comes with a suggestion', () => {
    for (const text of ['Administer medications.', 'Drive the agency van.'])
      expect(classifyDuty(text).suggestions.length).toBeGreaterThan(0);
  });

  it('a job description is reviewed duty by duty with a summary', () => {
    const r = reviewRole(
      'RESPONSIBILITIES\n- Share lived experience on purpose\n- Transport members\n- Administer medications\n- Attend team meetings',
    );
    expect(r.duties.map((d) => d.label)).toEqual(['peer', 'errand', 'conflict', 'overlap']);
    expect(r.summary).toBe('2 of 4 duties to rethink: 1 conflict and 1 errand.');
  });
});

describe('language as real text writes it (round 8)', () => {
  it('reads a diagnosis as a noun by the word after it, not before a noun it describes', () => {
    expect(warnings('They picked up the wrong schizophrenic.')).toEqual(['diagnosis-as-identity-schizophrenic:schizophrenic']);
    expect(warnings('Neighbors Say Schizophrenic Was Left Alone')).toEqual(['diagnosis-as-identity-schizophrenic:Schizophrenic']);
    expect(warnings('The schizophrenic symptoms eased after a month.')).toEqual([]);
    expect(warnings('The council is schizophrenic about parking.')).toEqual([]);
  });

  it('a symptom in scare quotes doubts the person; a word held up for discussion does not', () => {
    expect(warnings("Her 'chest pain' was gone by lunch.")).toEqual(['blame-scare-quoted-symptom:chest pain']);
    expect(warnings('He has chest pain and wants to lie down.')).toEqual([]);
    expect(warnings('My peer never called it "pain"; she asked what it was like.')).toEqual([]);
  });

  it("a guide's quoted example is a mention however long the quotation", () => {
    expect(warnings('Instead of: "They had a dirty test." Write: "The test was positive."')).toEqual([]);
    expect(warnings("Don't use: 'suffers from mental illness' or 'afflicted by addiction'.")).toEqual([]);
    expect(warnings('Instead of taking the retarded man to a hospital, the police held him.')).toEqual(['slur-retarded:retarded']);
  });

  it("a person's own words about themselves are information, someone else's are warnings", () => {
    const own = analyze('I have been clean for 18 months.').findings.filter((f) => f.category === 'language');
    expect(own.map((f) => f.severity)).toEqual(['info']);
    expect(warnings('She believes her son was clean at the wedding.')).toEqual(['sud-clean-pronoun:son was clean']);
  });
});

describe('names are not read as misspelled words', () => {
  it("an author's name opening a citation in parentheses is not a typo of a slur", () => {
    const findings = analyze('Blackouts are a common feature of heavy drinking (Maxmen & Ward, 1995).').findings;
    expect(findings.filter((f) => f.category === 'language').map((f) => f.actual)).toEqual([]);
  });
});

describe('text about the roles (round 10)', () => {
  it('a clinician not expected to share their own story is the clinical role described', () => {
    for (const text of [
      'In therapy there is little expectation that the therapist shares their own history.',
      'Counselors are not expected to disclose their own struggles to clients.',
    ]) {
      const [unit] = analyze(text).sentences;
      expect(unit?.label).toBe('clinical');
      expect(unit?.reasons.map((r) => r.ruleId)).toContain('clinical-role-medical-model');
    }
  });
});

describe('language as real text writes it (round 10)', () => {
  it('"US" in capitals is the country, not the writer\'s "us"', () => {
    expect(warnings('In the US, crazy people are blamed for every shooting.')).toEqual(['slur-crazy:crazy']);
    expect(warnings('The forms drive us crazy.')).toEqual([]);
    // in a line of capitals "US" is the pronoun again
    expect(warnings('THE FORMS DRIVE US CRAZY')).toEqual([]);
  });

  it('refusals of a named medicine or route, denial joined to an illness, and a past sentence as a group name', () => {
    expect(warnings('She keeps refusing her PO antipsychotic.')).toEqual(['blame-refused-treatment:refusing her PO antipsychotic']);
    expect(warnings('His family saw only addiction and denial.')).toEqual(['blame-in-denial:addiction and denial']);
    expect(warnings('Landlords still turn away the formerly incarcerated.')).toEqual([
      'identity-the-formerly-incarcerated:the formerly incarcerated',
    ]);
    expect(warnings('The job fair is for formerly incarcerated people.')).toEqual([]);
  });

  it('a workplace after "our" does not make the writer one of the group; "other X and I" still does', () => {
    expect(warnings('He was unlike the other alcohol abusers who came to our ED.')).toEqual(['sud-substance-abuser:alcohol abusers']);
    expect(warnings('Other addicts and I meet at the library on Tuesdays.')).toEqual([]);
  });

  it('a label in quotes after a possessive names people; a diagnosis joined to another by "or" is not a label', () => {
    expect(warnings('The night staff still look after our “frequent fliers.”')).toEqual(['blame-frequent-flyer:frequent fliers']);
    expect(warnings('Her doctor thinks it could be a psychotic or mood disorder.')).toEqual([]);
  });

  it('"avoid" names a term only right before it; "non-" undoes a judgement; addiction before the person is a label', () => {
    expect(warnings('We try to avoid turning away addicts who relapse.')).toEqual(['sud-addict:addicts']);
    expect(warnings('Avoid "addict"; say "person who uses drugs".')).toEqual([]);
    expect(warnings('The group keeps a non-confrontational tone.')).toEqual([]);
    expect(warnings('The clinic sees addicted patients on Mondays.')).toEqual(['sud-drug-addicted-label:addicted patients']);
  });

  it('institutions, rooms and diets are not people: no flag where the new wordings would misfire', () => {
    expect(warnings('The facility failed to comply with state rules.')).toEqual([]);
    expect(warnings('The house was clean for the visit.')).toEqual([]);
    expect(warnings('They ate an unbalanced diet all winter.')).toEqual([]);
    expect(warnings('My cousin was clean for about two years.')).toEqual(['sud-clean-time:clean for about two years']);
  });

  it('a comma list held up for discussion stays a mention through words that are no terms; a quotation opened by a closing mark is still one', () => {
    expect(warnings('People toss around words like psycho, moody, crazy, slow, retarded as if they meant nothing.')).toEqual([]);
    expect(warnings('Groups such as ”drug addicts” and ”the homeless” are defined by others.')).toEqual([]);
  });

  it('a headline names a person by a diagnosis before what was done to them', () => {
    expect(warnings('Schizophrenic jailed after attack on neighbour')).toEqual(['diagnosis-as-identity-schizophrenic:Schizophrenic']);
  });

  it('belittling self-pity and suffering without "from" are flagged', () => {
    expect(warnings("Don't let him wallow in self-pity all weekend.")).toEqual(['belittle-pity-party:wallow in self-pity']);
    expect(warnings('Many of the tenants suffer psychiatric disorders.')).toEqual(['pity-suffers-from:suffer psychiatric disorders']);
  });
});
