import type { Point } from '../types.js';

/** Turns offsets into 1-based line and column, for any number of look-ups after one scan. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Line starts, found on the first look-up (many texts never need one). */
  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const { text } = this;
    if (text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0) {
      // only \n breaks lines: let indexOf find them
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) starts.push(i + 1);
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      } else if (c === 0x2028 || c === 0x2029) starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
  }

  point(offset: number): Point {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1, offset };
  }
}
