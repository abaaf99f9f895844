import { describe, expect, it } from 'vitest';
import { termAt } from './score.js';

describe('where a labelled term stands (language term recall)', () => {
  it('finds the whole word, not the same letters inside a longer word', () => {
    const text = 'When an addiction is found, the addict is far along.';
    expect(termAt(text, 'addict')).toBe(text.indexOf('the addict') + 4);
    expect(termAt('Addicts need care; addicts too.', 'addicts')).toBe(19);
  });

  it('falls back to the first occurrence when the term never stands alone, and keeps terms that end in punctuation', () => {
    expect(termAt('non-addictive', 'addict')).toBe(4);
    expect(termAt('Staff said “frequent flyer.” again', '“frequent flyer.”')).toBe(11);
    expect(termAt('no such words', 'addict')).toBe(-1);
  });
});
