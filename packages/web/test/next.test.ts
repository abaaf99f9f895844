import { describe, expect, it } from 'vitest';
import { safeNext } from '../src/router.js';

const ORIGIN = 'http://127.0.0.1:8080';

describe('where sign-in goes next (?next=)', () => {
  it('keeps a path of this app, with its query and hash', () => {
    expect(safeNext('/documents', ORIGIN)).toBe('/documents');
    expect(safeNext('/documents/abc?from=mail#findings', ORIGIN)).toBe('/documents/abc?from=mail#findings');
    expect(safeNext('/drift', ORIGIN)).toBe('/drift');
  });

  it('never leaves this site, and never goes back to a sign-in page', () => {
    for (const next of [
      null,
      '',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%09/evil.example',
      '/\t/evil.example',
      '/login?next=/documents',
      '/setup',
      '/no-such-page',
    ])
      expect(safeNext(next, ORIGIN), String(next)).toBe('/check');
  });
});
