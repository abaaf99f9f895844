/** DOCX, through mammoth's plain-text extraction: one document, paragraphs on their own lines. */
import mammoth from 'mammoth';
import { bytesOf, problem } from './document.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

export async function* readDocx(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const old = bytes[0] === 0xd0 && bytes[1] === 0xcf;
    yield problem(
      {
        file: source.name,
        reason: old ? 'an old binary Word file (.doc), not DOCX; save it as .docx' : 'not a DOCX file (not a ZIP archive)',
      },
      bytes.length,
    );
    return;
  }
  let text: string;
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    text = result.value;
  } catch (e) {
    yield problem({ file: source.name, reason: `a broken DOCX: ${(e as Error).message.split('\n')[0] ?? 'cannot be read'}` }, bytes.length);
    return;
  }
  // mammoth ends each paragraph with a blank line; one line per paragraph reads better and keeps list items apart
  text = text.replace(/\n\n(?=\S)/g, '\n').replace(/\s+$/, '\n');
  yield { type: 'record', record: { file: source.name, format: 'docx', kind: 'document', text, bytes: bytes.length } };
}
