/**
 * Issue 13, "Output that misleads", in core: replacements that fit the words they replace
 * (advice stays in hints), one finding per place in the text, and a role review that counts
 * only duties and counts clinical duties as ones to rethink.
 */
import { describe, expect, it } from 'vitest';
import { analyze, classifyDuty, notDutyKind, notDutyKinds, reviewRole, rules, type Finding } from '../src/index.js';
import { fitsBefore, matchCase, takesAn } from '../src/analyze/replace.js';

const apply = (text: string, f: Finding, r: string): string => text.slice(0, f.start.offset) + r + text.slice(f.end.offset);
const all = (fs: readonly Finding[]): Finding[] => fs.flatMap((f) => [f, ...(f.also ?? [])]);

describe('replacements stand in for the flagged words; advice is a hint', () => {
  it('"refuses groups" keeps its groups and its tense', () => {
    const text = 'He refuses groups most days.';
    const f = analyze(text).findings.find((x) => x.ruleId === 'blame-refused-treatment')!;
    expect(f.actual).toBe('refuses groups');
    expect(f.expected).toEqual(['declines groups']);
    expect(f.expected.join(' ')).not.toMatch(/medication/);
    expect(apply(text, f, f.expected[0]!)).toBe('He declines groups most days.');
    expect(f.hints.join(' ')).toMatch(/decision as the person’s/);
  });

  it('"frequent flyer" says nothing about an emergency department, whatever the setting', () => {
    for (const text of ['She is a frequent flyer at the drop-in center.', 'He is a frequent flyer in the ED.']) {
      const f = analyze(text).findings.find((x) => x.ruleId === 'blame-frequent-flyer')!;
      expect(f.expected).toEqual(['frequent visitor']);
      for (const r of f.expected) expect(r).not.toMatch(/emergency|department|\bED\b/i);
    }
  });

  it('no replacement in the whole lexicon is a sentence or advice, and every offered one reads in its sentence', () => {
    for (const e of rules())
      for (const r of e.replacements) {
        const texts = typeof r === 'string' ? [r] : r.swap.map(([, t]) => t);
        for (const t of texts) expect(t, e.id).not.toMatch(/[.?!…]$|\(|^[A-Z][a-z]+ (the|with|what|your)\b/);
      }
    const text = 'Pt is a 34 yo male, noncompliant, refuses groups. He is an addict and a frequent flyer.';
    for (const f of all(analyze(text).findings))
      for (const r of f.expected) {
        const after = apply(text, f, r);
        expect(after.slice(0, f.start.offset)).toBe(text.slice(0, f.start.offset));
        expect(analyze(after).findings.filter((x) => x.ruleId === f.ruleId && x.start.offset === f.start.offset)).toEqual([]);
      }
  });

  it('a perspective cue offers its examples as hints, never as text to insert', () => {
    const f = analyze('Pt is a 34 yo male who presents with depressed mood.').findings.filter((x) => x.category === 'perspective');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.expected).toEqual([]);
    expect(f.some((x) => x.hints.length > 0)).toBe(true);
  });

  it('keeps case, articles and possessives', () => {
    expect(analyze('Addicts are welcome here.').findings[0]!.expected[0]).toBe('People with a substance use disorder');
    // "an addict" takes "a person …", the article within the flagged words
    expect(analyze('My brother is an addict.').findings[0]!.expected).toContain('a person with a substance use disorder');
    // no replacement that "an" before it would not fit
    expect(analyze('She is an alcoholic.').findings[0]!.expected.every((r) => r.startsWith('a '))).toBe(true);
    expect(matchCase('SMI', 'person with …', false)).toBe('person with …');
    expect(matchCase('Addicts', 'people', false)).toBe('People');
    expect(takesAn('SMI')).toBe(true);
    expect(takesAn('union')).toBe(false);
    expect(takesAn('hour')).toBe(true);
    expect(fitsBefore('a', 'person with schizophrenia')).toBe(true);
    expect(fitsBefore('an', 'person with schizophrenia')).toBe(false);
    expect(fitsBefore("she's", 'person with schizophrenia')).toBe(false);
  });
});

describe('one finding per place in the text', () => {
  it('"med compliance" is one finding carrying both reasons, and the counts follow', () => {
    const a = analyze('Discussed med compliance with the client.');
    expect(a.findings).toHaveLength(1);
    const [f] = a.findings;
    expect(f!.ruleId).toBe('blame-compliance-obedience');
    expect(f!.also?.map((x) => x.ruleId)).toEqual(['clinical-med-adherence']);
    expect(a.profile.findings).toEqual({ language: 1, perspective: 0, role: 0 });
  });

  it('"Pt is noncompliant" is one finding, led by the language rule, with the register cue beside it', () => {
    const a = analyze('Pt is noncompliant with meds.');
    expect(a.findings.map((f) => [f.ruleId, f.actual, f.also?.map((x) => [x.ruleId, x.actual])])).toEqual([
      ['blame-noncompliant', 'noncompliant', [['clinical-client-was-state', 'Pt is noncompliant']]],
    ]);
  });

  it('findings never overlap', () => {
    const text =
      'Pt is noncompliant with meds and has poor med compliance. He refused meds, is med compliant now, frequent flyer, an SMI. Pt presents with flat affect, denies SI/HI.';
    const fs = analyze(text).findings;
    for (let i = 1; i < fs.length; i++) expect(fs[i]!.start.offset).toBeGreaterThanOrEqual(fs[i - 1]!.end.offset);
  });
});

describe('a role review counts duties only, and clinical duties as ones to rethink', () => {
  const posting = `Peer Support Specialist

Position summary
The Peer Support Specialist uses lived experience of recovery to support adults in our outpatient program. This is a full-time position.

Responsibilities
- Complete psychiatric intake assessments
- Share lived experience to build hope
- Answer phones at the front desk
- Drive participants to appointments

Qualifications
- High school diploma or GED required
- Two years of lived experience of recovery
- Valid driver's license

Pay: $18.50 per hour, health and dental insurance.
Schedule: Monday to Friday, 8:30 am to 5 pm.`;

  it('leaves the summary, qualifications, pay and hours out, and says so', () => {
    const r = reviewRole(posting);
    expect(r.duties.map((d) => d.text)).toEqual([
      'Complete psychiatric intake assessments',
      'Share lived experience to build hope',
      'Answer phones at the front desk',
      'Drive participants to appointments',
    ]);
    expect(r.notDuties.filter((n) => n.kind !== 'heading').map((n) => n.kind)).toEqual([
      'summary',
      'hours',
      'qualification',
      'qualification',
      'qualification',
      'pay',
      'hours',
    ]);
    expect(r.summary).toBe(
      '3 of 4 duties to rethink: 2 errands and 1 clinical duty. Not counted: 7 lines that are not duties (summary, qualifications, pay, hours).',
    );
    expect(r.rethink).toBe(3);
  });

  it('gives a clinical duty what to try instead', () => {
    const d = classifyDuty('Complete psychiatric intake assessments');
    expect(d.label).toBe('clinical');
    expect(d.suggestions[0]).toBe('Leave intake assessment to clinical or intake staff.');
    const r = reviewRole(posting);
    expect(r.duties[0]!.suggestions.length).toBeGreaterThan(0);
  });

  it('keeps a qualification that asks for a conflict as a duty', () => {
    const r = reviewRole('Qualifications\n- Must be MAP certified to pass medications\n- High school diploma');
    expect(r.duties.map((d) => [d.text, d.label])).toEqual([['Must be MAP certified to pass medications', 'conflict']]);
  });

  it('reads pasted task lines with the heading above them', () => {
    expect(
      notDutyKinds(['Duties', 'Schedule appointments for the psychiatrist', 'Requirements', 'Bilingual in Spanish', 'Answer phones']),
    ).toEqual(['heading', undefined, 'heading', 'qualification', 'qualification']);
    expect(notDutyKind('Schedule appointments for the psychiatrist')).toBeUndefined();
    expect(notDutyKind('Other duties as assigned')).toBeUndefined();
    expect(notDutyKind('Full-time, 40 hours per week')).toBe('hours');
    // a job title on its own line is a heading; a task is not
    expect(notDutyKinds(['Peer Support Specialist', 'Answer phones'])).toEqual(['heading', undefined]);
    expect(notDutyKind('Peer Support Specialist (part-time)')).toBe('heading');
    expect(notDutyKind('Serve as peer advocate')).toBeUndefined();
  });
});
