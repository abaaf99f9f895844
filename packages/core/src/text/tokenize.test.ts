import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

const words = (s: string): string[] => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('folds case and treats hyphen, slash and space alike', () => {
    expect(words('Non-compliant non/compliant NON compliant')).toEqual(['non', 'compliant', 'non', 'compliant', 'non', 'compliant']);
  });

  it("keeps apostrophes inside words and drops a possessive 's", () => {
    expect(words("She didn't go to Dana's group")).toEqual(['she', "didn't", 'go', 'to', 'dana', 'group']);
    expect(words('She didn’t go')).toEqual(['she', "didn't", 'go']);
  });

  it('gives exact UTF-16 offsets into the original text, also after astral and Turkish characters', () => {
    const text = '😀 İstanbul SI/HI';
    const tokens = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase().replace('i̇', 'i')).toBe(t.text.replace('i̇', 'i'));
    expect(tokens.at(-1)).toMatchObject({ text: 'hi', start: text.length - 2, end: text.length });
  });

  it('splits digits and units as written, so a dose stays one token', () => {
    expect(words('Depakote 500mg BID, F20.9, A&Ox3')).toEqual(['depakote', '500mg', 'bid', 'f20', '9', 'a', 'ox3']);
  });

  it('reads "US" in capitals as the country, and as "us" in a line of capitals or in lower case', () => {
    expect(words('Back in the US, he told us')).toEqual(['back', 'in', 'the', 'usa', 'he', 'told', 'us']);
    expect(words('PLEASE JOIN US')).toEqual(['please', 'join', 'us']);
    expect(words('Us too')).toEqual(['us', 'too']);
  });
});
