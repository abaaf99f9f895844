import { ChangeSet } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { isIgnored, mapIgnored } from '../src/features/check/editor/ignored.js';

const flyer = { ruleId: 'blame-frequent-flyer', from: 9, to: 23, actual: 'frequent flyer' };

describe('ignored findings follow the text', () => {
  it('move with text typed before them, and stay put for text typed after', () => {
    const before = ChangeSet.of({ from: 0, insert: 'Monday. ' }, 60);
    expect(mapIgnored([flyer], before)).toEqual([{ ...flyer, from: 17, to: 31 }]);
    const after = ChangeSet.of({ from: 40, insert: ' Later.' }, 60);
    expect(mapIgnored([flyer], after)).toEqual([flyer]);
  });

  it('are dropped when their words are deleted, and match a finding only by rule, place and words', () => {
    expect(mapIgnored([flyer], ChangeSet.of({ from: 5, to: 30 }, 60))).toEqual([]);
    expect(isIgnored(flyer, [flyer])).toBe(true);
    expect(isIgnored({ ...flyer, ruleId: 'other' }, [flyer])).toBe(false);
    expect(isIgnored({ ...flyer, actual: 'frequent flier' }, [flyer])).toBe(false);
  });
});
