import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type DocumentSummary } from '../api.js';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function DocumentsPage() {
  const [docs, setDocs] = useState<readonly DocumentSummary[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = async (): Promise<void> => {
    try {
      setDocs(await api.list());
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  useEffect(() => void load(), []);

  const remove = async (d: DocumentSummary): Promise<void> => {
    if (!window.confirm(`Delete “${d.title}”? This cannot be undone.`)) return;
    try {
      await api.remove(String(d.id));
      setNotice(`Deleted “${d.title}”.`);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div class="documents-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Saved documents
        </h1>
        <p class="lede">Notes and roles saved on this machine. Open one to keep working on it.</p>
      </div>
      <p role="status" class="save-status">
        {notice}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {docs === null && !error && <p>Loading…</p>}
      {docs && docs.length === 0 && (
        <p>
          Nothing saved yet. <a href="/check">Check a note</a> or <a href="/roles">review a role</a>, then save it.
        </p>
      )}
      {docs && docs.length > 0 && (
        <div class="table-wrap">
          <table class="data-table" data-testid="documents-table">
            <caption class="sr-only">Saved documents</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Last changed</th>
                <th scope="col">Summary</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={String(d.id)}>
                  <th scope="row">
                    <a href={`/documents/${encodeURIComponent(String(d.id))}`}>{d.title}</a>
                  </th>
                  <td>{d.kind === 'role' ? 'Role' : 'Note'}</td>
                  <td>{when(d.updatedAt)}</td>
                  <td>{d.summary ?? ''}</td>
                  <td>
                    <button type="button" class="danger" onClick={() => void remove(d)} aria-label={`Delete ${d.title}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
