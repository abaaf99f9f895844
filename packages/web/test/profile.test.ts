import { describe, expect, it } from 'vitest';
import { analyze } from '@peerlens/core';
import { dimensionRows, percent, profileSentence, shareRows } from '../src/features/check/profile.js';

describe('profile → chart rows', () => {
  const note = 'I shared my own story of recovery with her. Assessed patient for symptoms. We met at the library.';
  const { profile } = analyze(note);

  it('has one row per label, in order, with shares adding up', () => {
    const rows = shareRows(profile);
    expect(rows.map((r) => r.label)).toEqual(['peer', 'overlap', 'clinical', 'neutral']);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(profile.units);
    expect(rows.reduce((n, r) => n + r.share, 0)).toBeCloseTo(1, 2);
    expect(rows.find((r) => r.label === 'peer')!.count).toBeGreaterThan(0);
    expect(rows.every((r) => /^\d+%$/.test(r.percent))).toBe(true);
  });

  it('lists only the dimensions the note touched, three perspectives each', () => {
    const rows = dimensionRows(profile);
    expect(rows.length % 3).toBe(0);
    expect(rows.some((r) => r.dimension === 'sharing' && r.perspective === 'peer' && r.count === 1)).toBe(true);
    expect(rows.every((r) => r.title.length > 0)).toBe(true);
  });

  it('says the profile in words', () => {
    expect(profileSentence(profile)).toMatch(/^3 sentences: /);
    expect(profileSentence(analyze('').profile)).toMatch(/^Nothing to show yet/);
    expect(percent(1 / 3)).toBe('33%');
  });
});
