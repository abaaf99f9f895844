/** A saved document (app level: it opens the checker or the role review, two features, on the saved text). */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type SavedDocument } from './api.js';
import { CheckPage } from './features/check/page.js';
import { RolesPage } from './features/roles/page.js';

/** /documents/:id: loads a saved document and opens it on its own page. */
export function DocumentPage({ id }: { id: string }) {
  const [doc, setDoc] = useState<SavedDocument | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .get(id)
      .then(setDoc, (e: unknown) =>
        setError(e instanceof ApiError ? (e.status === 404 ? 'There is no saved document with this address.' : e.message) : String(e)),
      );
  }, [id]);
  // The "Opening…" heading that had focus is gone: hand focus to the opened page's heading.
  useEffect(() => {
    if (doc && (document.activeElement === document.body || document.activeElement === null))
      document.getElementById('page-title')?.focus();
  }, [doc]);
  if (doc) return doc.kind === 'role' ? <RolesPage doc={doc} /> : <CheckPage doc={doc} />;
  return (
    <div>
      <h1 id="page-title" tabIndex={-1}>
        {error ? 'Document not available' : 'Opening…'}
      </h1>
      {error && (
        <p role="alert" class="error">
          {error} <a href="/documents">See saved documents</a>.
        </p>
      )}
    </div>
  );
}
