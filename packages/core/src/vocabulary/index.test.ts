import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../framework/index.js';
import { CATEGORY_TEXT, DIMENSION_IDS, DUTY_LABELS, LABEL_TEXT, NOTE_LABELS, PERSPECTIVES, SEVERITY_TEXT } from './index.js';

describe('vocabulary', () => {
  it('lists the dimensions in the chart’s order', () => {
    expect([...DIMENSION_IDS]).toEqual(DIMENSIONS.map((d) => d.id));
  });
  it('has words for every label, category and severity', () => {
    for (const l of [...NOTE_LABELS, ...DUTY_LABELS]) expect(LABEL_TEXT[l]).toMatch(/\w/);
    expect(Object.keys(CATEGORY_TEXT)).toHaveLength(3);
    expect(Object.keys(SEVERITY_TEXT)).toHaveLength(3);
    expect(NOTE_LABELS.slice(0, 3)).toEqual([...PERSPECTIVES]);
  });
});
