/**
 * An uploaded file's name, as sent in `x-file-name`, made safe to keep and show. The name is
 * never used as a path: the server writes no upload to disk. It is only looked at for its
 * extension, stored with an import and shown on the import page. So: URI-decoded when it is
 * encoded, cut to its last path segment (`../../etc/passwd` → `passwd`, `..\\..\\win.ini` →
 * `win.ini`), without control, bidirectional-override or zero-width characters, at most 200
 * characters, and `upload` when nothing is left.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export const MAX_FILE_NAME = 200;

export function safeFileName(raw: string | undefined, fallback = 'upload'): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // a name that is not URI-encoded is used as it came
  }
  name = name.replace(UNSAFE, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.trim().replace(/^\.+$/, '');
  if (name.length > MAX_FILE_NAME) {
    // keep the extension, which decides the format
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_FILE_NAME - ext.length) + ext;
  }
  return name === '' ? fallback : name;
}
