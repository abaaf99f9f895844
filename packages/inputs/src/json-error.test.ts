import { describe, expect, it } from 'vitest';
import { jsonProblem } from './json-error.js';

function problemOf(line: string): string {
  try {
    JSON.parse(line);
  } catch (e) {
    return jsonProblem(e);
  }
  throw new Error('parsed');
}

describe('jsonProblem', () => {
  it('says what is wrong without repeating the text of the line', () => {
    const secret = '{"id":1,"text":"she was hospitalized at St. Elsewhere';
    const message = problemOf(secret);
    expect(message).toMatch(/^not valid JSON/);
    expect(message).not.toContain('hospitalized');
    expect(problemOf('not json about her diagnosis')).not.toContain('diagnosis');
  });

  it('keeps the position when the parser gives one', () => {
    expect(problemOf('{"a":1 "b":2}')).toMatch(/at character \d+$/);
  });
});
