/** Plain text and Markdown: one document per file. */
import { decodeText } from './decode.js';
import { bytesOf, problem } from './document.js';
import type { InputEvent, ReadOptions, Source } from './types.js';
import { maskMarkdown } from './markdown.js';

export async function* readText(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    yield problem(
      { file: source.name, ...(decoded.line !== undefined ? { line: decoded.line } : {}), reason: decoded.reason, code: decoded.code },
      bytes.length,
    );
    return;
  }
  const text = source.format === 'markdown' ? maskMarkdown(decoded.text) : decoded.text;
  yield { type: 'record', record: { file: source.name, format: source.format, kind: 'document', text, bytes: bytes.length } };
}
