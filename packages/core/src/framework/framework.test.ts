import { describe, it, expect } from 'vitest';
import type { DimensionId, Perspective } from '../types.js';
import { DIMENSIONS, ROLE_BOUNDARIES, TRAINING_AREAS, TRAINING_NOTES, dimension, type Citation, type View } from './index.js';

// Written out here, not imported, so that a change to the framework has to be made on purpose.
const DESIGN_ORDER: readonly DimensionId[] = [
  'relationship',
  'stance',
  'sharing',
  'meaning',
  'choice',
  'advocacy',
  'language',
  'identity',
  'position',
];

// docs/framework.md's table of the nine dimensions: which perspectives each dimension has.
const DESIGN_VIEWS: Readonly<Record<DimensionId, readonly Perspective[]>> = {
  relationship: ['peer', 'overlap', 'clinical'],
  stance: ['peer', 'overlap', 'clinical'],
  sharing: ['peer', 'overlap', 'clinical'],
  meaning: ['peer', 'overlap', 'clinical'],
  choice: ['peer', 'overlap', 'clinical'],
  advocacy: ['peer', 'overlap', 'clinical'],
  language: ['peer', 'overlap'],
  identity: ['peer', 'clinical'],
  position: ['peer', 'clinical'],
};

const KNOWN_SOURCES = new Set(['deegan-2017', 'deegan-chart-scan', 'peertac-cronise', 'rlc-peer-role-2013', 'ashcraft-2016']);
const PERSPECTIVES: readonly Perspective[] = ['peer', 'overlap', 'clinical'];

function expectCitations(cite: readonly Citation[], where: string): void {
  expect(cite.length, `${where} cites nothing`).toBeGreaterThan(0);
  for (const c of cite) {
    expect(KNOWN_SOURCES.has(c.source), `${where} cites unknown source ${c.source}`).toBe(true);
    expect(c.locator.trim(), `${where} has an empty locator`).not.toBe('');
  }
}

function sentences(text: string): number {
  return text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '').length;
}

const present = (views: Readonly<Partial<Record<Perspective, View>>>): Perspective[] => PERSPECTIVES.filter((p) => views[p] !== undefined);

describe('dimensions', () => {
  it('lists every dimension exactly once, in docs/design.md order', () => {
    expect(DIMENSIONS.map((d) => d.id)).toEqual(DESIGN_ORDER);
  });

  it('carries exactly the views docs/framework.md gives each dimension', () => {
    for (const d of DIMENSIONS) {
      expect(present(d.views), d.id).toEqual(DESIGN_VIEWS[d.id]);
      // No keys beyond the three perspectives.
      expect(Object.keys(d.views).sort(), d.id).toEqual([...DESIGN_VIEWS[d.id]].sort());
    }
    expect(dimension('language').views.clinical).toBeUndefined();
    expect(dimension('identity').views.overlap).toBeUndefined();
    expect(dimension('position').views.overlap).toBeUndefined();
  });

  it('gives every dimension a title and a reflective question', () => {
    for (const d of DIMENSIONS) {
      expect(d.title.trim(), d.id).not.toBe('');
      expect(d.question.trim().endsWith('?'), `${d.id} question is not a question`).toBe(true);
    }
  });

  it('has a one-line summary, a short detail and a citation in every view', () => {
    for (const d of DIMENSIONS) {
      for (const p of present(d.views)) {
        const v = d.views[p];
        if (!v) throw new Error('unreachable');
        const where = `${d.id}/${p}`;
        expect(v.summary.trim(), where).not.toBe('');
        expect(v.summary, where).not.toMatch(/\n/);
        const n = sentences(v.detail);
        expect(n, `${where} detail has ${n} sentences`).toBeGreaterThanOrEqual(1);
        expect(n, `${where} detail has ${n} sentences`).toBeLessThanOrEqual(3);
        expectCitations(v.cite, where);
      }
    }
  });

  it('draws the chart rows from Deegan and "in but not of" from the RLC article', () => {
    for (const id of DESIGN_ORDER.slice(0, 8)) {
      expect(
        dimension(id).views.peer?.cite.some((c) => c.source === 'deegan-2017'),
        `${id} peer view does not cite Deegan's chart`,
      ).toBe(true);
    }
    const position = dimension('position');
    for (const p of ['peer', 'clinical'] as const) {
      expect(position.views[p]?.cite.some((c) => c.source === 'rlc-peer-role-2013')).toBe(true);
    }
  });

  it('dimension() returns the dimension asked for', () => {
    for (const id of DESIGN_ORDER) expect(dimension(id).id).toBe(id);
    expect(dimension('choice')).toBe(DIMENSIONS[4]);
    expect(dimension('position').title).toMatch(/in but not of/i);
  });

  it('dimension() refuses an unknown id', () => {
    expect(() => dimension('nonsense' as DimensionId)).toThrow(/nonsense/);
  });
});

describe('role boundaries', () => {
  const find = (pattern: RegExp) => ROLE_BOUNDARIES.filter((b) => pattern.test(b.task));

  it('have unique ids, a reason, an alternative and a citation', () => {
    const ids = ROLE_BOUNDARIES.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of ROLE_BOUNDARIES) {
      expect(b.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(b.task.trim(), b.id).not.toBe('');
      expect(b.why.trim(), b.id).not.toBe('');
      expect(b.instead.trim(), b.id).not.toBe('');
      expect(['conflict', 'clinical', 'errand']).toContain(b.kind);
      expectCitations(b.cite, b.id);
    }
  });

  it.each([
    ['medication administration', /medication/i, 'conflict'],
    ['representative payeeship', /payee/i, 'conflict'],
    ['involuntary processes', /involuntary/i, 'conflict'],
    ['monitoring or reporting on the person', /monitor/i, 'conflict'],
    ['searches', /search/i, 'conflict'],
    ['drug screens', /drug screen/i, 'conflict'],
    ['assessments', /assessment/i, 'clinical'],
    ['treatment plans', /treatment plan/i, 'clinical'],
    ['junior clinician', /junior clinician/i, 'clinical'],
    ['assistant', /assistant/i, 'errand'],
    ['errands', /errand/i, 'errand'],
    ['catch-all other duties', /other duties/i, 'errand'],
  ] as const)('cover %s', (_name, pattern, kind) => {
    const matches = find(pattern);
    expect(matches.length, `no boundary mentions ${String(pattern)}`).toBeGreaterThan(0);
    expect(matches.map((b) => b.kind)).toContain(kind);
  });

  it('use all three kinds', () => {
    expect(new Set(ROLE_BOUNDARIES.map((b) => b.kind))).toEqual(new Set(['conflict', 'clinical', 'errand']));
  });

  it('explain the medication boundary by power and the chef analogy, not by ability', () => {
    const med = ROLE_BOUNDARIES.find((b) => b.id === 'medication-administration');
    expect(med).toBeDefined();
    expect(med?.why).toMatch(/power/i);
    expect(med?.why).toMatch(/chef/i);
    expect(med?.why).toMatch(/not about ability/i);
    expect(med?.cite.some((c) => c.source === 'rlc-peer-role-2013')).toBe(true);
  });
});

describe('training', () => {
  it('has unique ids and cites every area', () => {
    const ids = TRAINING_AREAS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of TRAINING_AREAS) {
      expect(a.title.trim(), a.id).not.toBe('');
      expect(a.description.trim(), a.id).not.toBe('');
      expectCitations(a.cite, a.id);
    }
  });

  it.each([
    ['crisis', /crisis/i],
    ['housing', /housing/i],
    ['employment', /employment|job coach/i],
    ['supported education', /supported education/i],
    ['primary care and chronic conditions', /primary care/i],
  ] as const)('widens into %s', (_name, pattern) => {
    const wider = TRAINING_AREAS.filter((a) => a.direction === 'wider');
    expect(
      wider.some((a) => pattern.test(a.title)),
      `no wider area on ${String(pattern)}`,
    ).toBe(true);
  });

  it('deepens toward purpose and toward people not yet interested in recovery', () => {
    const deeper = TRAINING_AREAS.filter((a) => a.direction === 'deeper');
    expect(deeper.length).toBeGreaterThanOrEqual(2);
    expect(deeper.some((a) => /purpose|empower/i.test(a.title))).toBe(true);
    expect(deeper.some((a) => /not yet interested/i.test(a.title))).toBe(true);
  });

  it('notes that training is non-clinical, that most states certify, and what readers added', () => {
    for (const n of TRAINING_NOTES) {
      expect(n.text.trim()).not.toBe('');
      expectCitations(n.cite, n.text.slice(0, 30));
    }
    const texts = TRAINING_NOTES.map((n) => n.text);
    expect(texts.some((t) => /not clinical|non-clinical/i.test(t))).toBe(true);
    expect(texts.some((t) => /\b38\b/.test(t) && /certif/i.test(t))).toBe(true);
    expect(texts.some((t) => /lived experience/i.test(t) && /qualif/i.test(t))).toBe(true);
    expect(texts.some((t) => /skill/i.test(t) && /listen/i.test(t) && /moment|timing/i.test(t))).toBe(true);
    const comments = TRAINING_NOTES.filter((n) => n.cite.some((c) => c.source === 'ashcraft-2016' && /comment/i.test(c.locator)));
    expect(comments.length).toBeGreaterThanOrEqual(2);
  });
});
