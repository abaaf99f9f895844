import { describe, expect, it } from 'vitest';
import { segment } from './segment.js';

function units(text: string): { kind: string; section?: string; text: string }[] {
  return segment(text).map((u) => ({ kind: u.kind, ...(u.section ? { section: u.section } : {}), text: text.slice(u.start, u.end) }));
}

describe('segment', () => {
  it('splits sentences but not after titles, initials or a.m./p.m.', () => {
    expect(units('Met Dr. Smith at 3 p.m. today. J. Doe came too! Was it ok? yes').map((u) => u.text)).toEqual([
      'Met Dr. Smith at 3 p.m. today.',
      'J. Doe came too!',
      'Was it ok?',
      'yes',
    ]);
  });

  it('keeps SOAP, DAP and BIRP section labels apart from the content', () => {
    const out = units('S: Pt reports feeling down.\nAssessment: mood low.\nD - met at library\nPlan:\nf/u next week.');
    expect(out).toEqual([
      { kind: 'sentence', section: 'S', text: 'Pt reports feeling down.' },
      { kind: 'sentence', section: 'Assessment', text: 'mood low.' },
      { kind: 'sentence', section: 'D', text: 'met at library' },
      { kind: 'sentence', section: 'Plan', text: 'f/u next week.' },
    ]);
  });

  it('reads headings and list items', () => {
    const out = units('RESPONSIBILITIES\n• Administer meds\n- Drive members\n2) Other duties as assigned.\n## Goals\nShe wants a job.');
    expect(out).toEqual([
      { kind: 'heading', text: 'RESPONSIBILITIES' },
      { kind: 'item', text: 'Administer meds' },
      { kind: 'item', text: 'Drive members' },
      { kind: 'item', text: 'Other duties as assigned.' },
      { kind: 'heading', text: 'Goals' },
      { kind: 'sentence', text: 'She wants a job.' },
    ]);
  });

  it('does not take a dose or a time for a list number', () => {
    expect(units('1.5 mg daily was ok').map((u) => u.kind)).toEqual(['sentence']);
  });

  it('joins a wrapped line that continues in lower case', () => {
    expect(units('We talked about her\nplans for the summer.').map((u) => u.text)).toEqual(['We talked about her\nplans for the summer.']);
  });

  it('cuts a unit that never ends into bounded pieces, covering the text in order', () => {
    const text = 'word '.repeat(2000);
    const out = segment(text);
    expect(out.length).toBeGreaterThan(1);
    for (let i = 1; i < out.length; i++) expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
    expect(out.every((u) => u.end - u.start <= 1200)).toBe(true);
  });
});
