/**
 * What was wrong with a line that is not JSON, without repeating any of the line: V8's messages
 * quote the input ("Unexpected token 'o', \"not json\" is not valid JSON"), and a note's text
 * must never reach a terminal log by way of an error.
 */
export function jsonProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = /at position (\d+)/.exec(message)?.[1];
  let what = 'not valid JSON';
  if (/Unexpected end of JSON input|Unterminated string/.test(message)) what = 'not valid JSON: it ends too early';
  else if (/Unexpected token|Unexpected non-whitespace|Expected/.test(message)) what = 'not valid JSON: an unexpected character';
  else if (/Bad control character|Bad escaped character|Bad Unicode escape/.test(message))
    what = 'not valid JSON: a bad character in a string';
  return position === undefined ? what : `${what} at character ${Number(position) + 1}`;
}
