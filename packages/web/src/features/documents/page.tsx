import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, type DocumentSummary } from '../../api.js';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** The author filter's value for documents without an author (saved before the workspace had members, or the demo examples). */
const NO_AUTHOR = 'no-author';
const authorOf = (d: DocumentSummary): string => d.authorName ?? 'No author';

/** The documents whose title or summary holds every word of `query`, by `author` ('' for all) and `kind` ('' for both). */
export function filterDocuments(
  docs: readonly DocumentSummary[],
  query: string,
  author: string,
  kind: '' | 'note' | 'role',
): DocumentSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return docs.filter((d) => {
    if (kind && d.kind !== kind) return false;
    if (author === NO_AUTHOR ? d.authorId != null : author && d.authorId !== author) return false;
    const hay = `${d.title} ${d.summary ?? ''} ${d.authorName ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function DocumentsPage() {
  const [docs, setDocs] = useState<readonly DocumentSummary[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [query, setQuery] = useState('');
  const [author, setAuthor] = useState('');
  const [kind, setKind] = useState<'' | 'note' | 'role'>('');
  /** The authors in the list, by name (more than one: someone reads others' documents, so the list shows who wrote each). */
  const authors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const d of docs ?? []) byId.set(d.authorId ?? NO_AUTHOR, authorOf(d));
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [docs]);
  const others = authors.length > 1;
  const shown = useMemo(() => (docs ? filterDocuments(docs, query, author, kind) : []), [docs, query, author, kind]);

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
        <p class="lede">Notes and roles saved on this machine that you may read. Open one to keep working on it.</p>
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
        <div class="filters" role="search" aria-label="Find a document">
          <div class="field">
            <label for="documents-search">Search titles and summaries</label>
            <input id="documents-search" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
          </div>
          {others && (
            <div class="field">
              <label for="documents-author">Written by</label>
              <select id="documents-author" value={author} onChange={(e) => setAuthor((e.target as HTMLSelectElement).value)}>
                <option value="">Everyone</option>
                {authors.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="documents-kind">Kind</label>
            <select
              id="documents-kind"
              value={kind}
              onChange={(e) => setKind((e.target as HTMLSelectElement).value as '' | 'note' | 'role')}
            >
              <option value="">Notes and roles</option>
              <option value="note">Notes</option>
              <option value="role">Roles</option>
            </select>
          </div>
          <p class="help" data-testid="documents-count" aria-live="polite">
            {shown.length === docs.length
              ? `${docs.length} ${docs.length === 1 ? 'document' : 'documents'}`
              : `${shown.length} of ${docs.length} documents`}
          </p>
        </div>
      )}
      {docs?.some((d) => d.canChange === false) && (
        <p class="help" data-testid="documents-read-only">
          You can read your team’s documents here; only the person who wrote one can change or delete it.
        </p>
      )}
      {docs && docs.length > 0 && shown.length === 0 && <p>No document matches. Clear the search or choose “Everyone”.</p>}
      {shown.length > 0 && (
        <div class="table-wrap">
          <table class="data-table" data-testid="documents-table">
            <caption class="sr-only">Saved documents</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Written by</th>
                <th scope="col">Kind</th>
                <th scope="col">Last changed</th>
                <th scope="col">Summary</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={String(d.id)}>
                  <th scope="row">
                    <a href={`/documents/${encodeURIComponent(String(d.id))}`}>{d.title}</a>
                  </th>
                  <td>{authorOf(d)}</td>
                  <td>{d.kind === 'role' ? 'Role' : 'Note'}</td>
                  <td>{when(d.updatedAt)}</td>
                  <td>{d.summary ?? ''}</td>
                  <td>
                    {d.canChange !== false ? (
                      <button type="button" class="danger" onClick={() => void remove(d)} aria-label={`Delete ${d.title}`}>
                        Delete
                      </button>
                    ) : null}
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
