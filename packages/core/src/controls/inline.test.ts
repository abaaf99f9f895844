import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { applyInlineControls, maskControls, parseInlineControls } from './inline.js';

/** A finding of `ruleId` on the first occurrence of `word` in `text`. */
function at(text: string, word: string, ruleId: string): Finding {
  const offset = text.indexOf(word);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] ?? '').length + 1;
  const point = { line, column, offset };
  return {
    category: 'language',
    severity: 'warning',
    ruleId,
    start: point,
    end: { line, column: column + word.length, offset: offset + word.length },
    actual: word,
    message: 'm',
    expected: [],
    note: 'n',
    source: [],
  };
}

const ids = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.ruleId}@${f.start.line}`);

describe('inline controls', () => {
  it('disable-next-line turns off the named rule on the next line only', () => {
    const text = 'one alpha\n<!-- peerlens-disable-next-line rule-a -->\ntwo alpha beta\nthree alpha';
    const fs = [at(text, 'one alpha', 'rule-a'), at(text, 'two alpha', 'rule-a'), at(text, 'beta', 'rule-b'), at(text, 'three', 'rule-a')];
    const r = applyInlineControls(text, fs);
    expect(ids(r.findings)).toEqual(['rule-a@1', 'rule-b@3', 'rule-a@4']);
    expect(ids(r.suppressed)).toEqual(['rule-a@3']);
  });

  it('a bare directive line works in plain text, with several rules and a reason', () => {
    const text = 'peerlens-disable-next-line rule-a, rule-b -- quoted from the referral\nalpha beta gamma';
    const fs = [at(text, 'alpha', 'rule-a'), at(text, 'beta', 'rule-b'), at(text, 'gamma', 'rule-c')];
    expect(ids(applyInlineControls(text, fs).findings)).toEqual(['rule-c@2']);
    expect(parseInlineControls(text).directives[0]).toMatchObject({ kind: 'disable-next-line', rules: ['rule-a', 'rule-b'], line: 1 });
  });

  it('disable / enable without ids covers every rule in the region', () => {
    const text = 'alpha\npeerlens-disable\nalpha beta\npeerlens-enable\nalpha';
    const fs = [at(text, 'alpha\npeer', 'rule-a'), at(text, 'alpha beta', 'rule-a'), at(text, 'beta', 'rule-b')];
    fs.push({ ...at(text, 'alpha', 'rule-a'), start: { line: 5, column: 1, offset: text.lastIndexOf('alpha') } });
    expect(ids(applyInlineControls(text, fs).findings)).toEqual(['rule-a@1', 'rule-a@5']);
  });

  it('a disable with ids and no enable lasts to the end of the text', () => {
    const text = '<!-- peerlens-disable rule-b -->\nalpha beta\n\nbeta again';
    const fs = [at(text, 'alpha', 'rule-a'), at(text, 'beta', 'rule-b'), at(text, 'again', 'rule-b')];
    expect(ids(applyInlineControls(text, fs).findings)).toEqual(['rule-a@2']);
  });

  it('disable-line covers its own line', () => {
    const text = 'alpha beta <!-- peerlens-disable-line rule-a -->\nalpha';
    const fs = [
      at(text, 'alpha', 'rule-a'),
      at(text, 'beta', 'rule-b'),
      { ...at(text, 'alpha', 'rule-a'), start: { line: 2, column: 1, offset: text.lastIndexOf('alpha') } },
    ];
    expect(ids(applyInlineControls(text, fs).findings)).toEqual(['rule-b@1', 'rule-a@2']);
  });

  it('peerlens ignore skips the next block, up to a blank line, and the mask blanks it', () => {
    const text = 'alpha\n\n<!-- peerlens ignore -->\n\nbeta one\nbeta two\n\nbeta three';
    const controls = parseInlineControls(text);
    const fs = [
      at(text, 'alpha', 'rule-a'),
      at(text, 'beta one', 'rule-b'),
      at(text, 'beta two', 'rule-b'),
      at(text, 'beta three', 'rule-b'),
    ];
    expect(ids(applyInlineControls(text, fs, controls).findings)).toEqual(['rule-a@1', 'rule-b@8']);
    const masked = maskControls(text, controls);
    expect(masked.length).toBe(text.length);
    expect(masked.split('\n').length).toBe(text.split('\n').length);
    expect(masked).not.toContain('peerlens');
    expect(masked).not.toContain('beta one');
    expect(masked).toContain('beta three');
    expect(masked.startsWith('alpha')).toBe(true);
  });

  it('reports an unknown directive with its line and leaves the text alone when there is none', () => {
    const text = 'fine\n<!-- peerlens-disabel rule-a -->';
    expect(parseInlineControls(text).problems).toEqual([{ line: 2, message: 'unknown directive "peerlens-disabel"' }]);
    expect(maskControls('no directives here')).toBe('no directives here');
  });

  it('keeps offsets with CRLF line breaks', () => {
    const text = 'x\r\n<!-- peerlens-disable-next-line rule-a -->\r\nalpha\r\nalpha';
    const second = text.indexOf('alpha');
    const fs = [
      at(text, 'alpha', 'rule-a'),
      { ...at(text, 'alpha', 'rule-a'), start: { line: 4, column: 1, offset: text.indexOf('alpha', second + 1) } },
    ];
    expect(ids(applyInlineControls(text, fs).findings)).toEqual(['rule-a@4']);
  });
});
