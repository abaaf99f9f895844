/**
 * Time that grows in proportion to the input (a slow test, `npm run test:slow`: it times 10 MB
 * inputs, and a timing bound belongs where nothing else shares the cores).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';

describe('time grows in proportion to the input', () => {
  function seconds(text: string): number {
    const t0 = performance.now();
    analyze(text);
    return (performance.now() - t0) / 1000;
  }

  it('a 10 MB single-line input takes about ten times as long as a 1 MB one', () => {
    const unit = 'pt noncompliant w meds "frequent flyer" I shared my own experience denies SI HI ';
    const small = unit.repeat(Math.ceil(1e6 / unit.length));
    const large = unit.repeat(Math.ceil(1e7 / unit.length));
    seconds(small); // warm up
    const a = Math.min(seconds(small), seconds(small));
    const b = seconds(large);
    // linear: ~10×; quadratic would be ~100×. Generous bound for a noisy 2-core machine.
    expect(b / a).toBeLessThan(30);
  });

  it('a 10 MB text without any space or punctuation is linear too', () => {
    const small = 'a'.repeat(1e6);
    const large = 'a'.repeat(1e7);
    seconds(small);
    const a = Math.min(seconds(small), seconds(small));
    const b = seconds(large);
    expect(b / a).toBeLessThan(30);
  });
});
