/** /import: bring in past notes (CSV, JSON Lines, DOCX, PDF, text) with a preview, column and author mapping, and a progress bar. */
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  loadSession,
  type DriftScope,
  type ImportCreated,
  type ImportListItem,
  type ImportProgress,
  type ImportState,
  type LineProblem,
  type SessionInfo,
} from '../../api.js';
import { historyApi } from './api.js';

const NONE = '';
const message = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));

function Problems({ problems }: { problems: readonly LineProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="data-table" data-testid="import-problems">
        <caption>Rows left out, by line (the rest are kept)</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.line}-${p.reason}`}>
              <td>{p.line}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportPage() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [scope, setScope] = useState<DriftScope | null>(null);
  const [staged, setStaged] = useState<ImportCreated | null>(null);
  const [textColumn, setTextColumn] = useState(NONE);
  const [authorColumn, setAuthorColumn] = useState(NONE);
  const [dateColumn, setDateColumn] = useState(NONE);
  const [authorValues, setAuthorValues] = useState<readonly string[]>([]);
  const [authors, setAuthors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [problems, setProblems] = useState<readonly LineProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [imports, setImports] = useState<readonly ImportListItem[]>([]);
  const [notice, setNotice] = useState('');
  /** The import whose progress is shown, to undo it once finished. */
  const [finishedId, setFinishedId] = useState<string | null>(null);
  const [finishedName, setFinishedName] = useState('');

  const loadImports = async (): Promise<void> => setImports(await historyApi.imports());

  useEffect(() => {
    void (async () => {
      try {
        const s = await loadSession();
        setSession(s);
        if (s.user) setScope(await historyApi.scope());
        if (s.user && s.user.role !== 'leader') await loadImports();
      } catch (e) {
        setError(message(e));
      }
    })();
  }, []);

  /** Deletes (or cancels) an import after asking; with `notes`, the notes it saved go too. */
  const remove = async (imp: { id: string; fileName: string }, notes: boolean): Promise<void> => {
    const what = notes
      ? `Delete the import of ${imp.fileName} and every note it saved? This cannot be undone.`
      : `Delete the import of ${imp.fileName}? Its file name, columns and staged rows are deleted; notes it already saved stay.`;
    if (!window.confirm(what)) return;
    setBusy(true);
    setError('');
    try {
      const r = await historyApi.remove(imp.id, notes);
      setNotice(
        `Deleted the import of ${imp.fileName}${notes ? ` and ${r.deleted.notes} ${r.deleted.notes === 1 ? 'note' : 'notes'}` : ''}.`,
      );
      if (staged?.id === imp.id || finishedId === imp.id) {
        setStaged(null);
        setProgress(null);
        setProblems([]);
        setFinishedId(null);
      }
      await loadImports();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const user = session?.user ?? null;
  const isPeer = user?.role === 'peer';

  const choose = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setError('');
    setProgress(null);
    setProblems([]);
    setBusy(true);
    try {
      const s = await historyApi.upload(file);
      // a file chosen before the page finished loading: the members are fetched now, so the guess below can use them
      const members = scope ?? (await historyApi.scope());
      if (!scope) setScope(members);
      setStaged(s);
      setTextColumn(s.mapping.textColumn ?? s.columns[0] ?? NONE);
      setAuthorColumn(s.mapping.authorColumn ?? NONE);
      setDateColumn(s.mapping.dateColumn ?? NONE);
      setAuthorValues(s.authorValues);
      setProblems(s.problems);
      // each author value starts as the member it names (the server's guess: name or username, ignoring case)
      setAuthors({ ...(s.authorGuess ?? {}) });
      await loadImports();
    } catch (e) {
      setStaged(null);
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  /** A column chosen by hand as the author column: its values, each set to the member it names (as for a guessed column). */
  const changeAuthorColumn = async (col: string): Promise<void> => {
    setAuthorColumn(col);
    if (!staged || col === NONE) return setAuthorValues([]);
    try {
      const { values, guess } = await historyApi.values(staged.id, col);
      setAuthorValues(values);
      setAuthors({ ...guess });
    } catch (e) {
      setError(message(e));
    }
  };

  /** Saves chunk after chunk until the import is finished, drawing the progress bar. */
  const commitAll = async (id: string, start: ImportProgress, fileName: string): Promise<void> => {
    setFinishedId(id);
    setFinishedName(fileName);
    let p = start;
    setProgress(p);
    while (!p.finished) {
      p = await historyApi.commit(id);
      setProgress(p);
    }
    setProblems((await historyApi.get(id)).problems);
    await loadImports();
  };

  const resume = async (imp: Pick<ImportState, 'id' | 'progress' | 'fileName'>): Promise<void> => {
    setBusy(true);
    setError('');
    setStaged(null);
    try {
      await commitAll(imp.id, imp.progress, imp.fileName);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const run = async (): Promise<void> => {
    if (!staged || textColumn === NONE) return;
    setBusy(true);
    setError('');
    try {
      const useAuthor = !isPeer && authorColumn !== NONE;
      const state = await historyApi.map(staged.id, {
        textColumn,
        ...(useAuthor ? { authorColumn, authors } : {}),
        ...(dateColumn !== NONE ? { dateColumn } : {}),
      });
      await commitAll(staged.id, state.progress, state.fileName);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : progress ? 100 : 0;
  const columnSelect = (id: string, label: string, value: string, set: (v: string) => void, optional: boolean) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={busy || (progress !== null && progress.done > 0)}
        onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}
      >
        {optional && <option value={NONE}>None</option>}
        {staged?.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div class="import-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Import past notes
        </h1>
        <p class="lede">
          Bring in a year or more of notes to see how the work has changed over time. Nothing is saved until you start the import, and the
          same note is never kept twice.
        </p>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {session && !user && (
        <p>
          Please <a href="/login">sign in</a> to import notes.
        </p>
      )}
      {user && user.role === 'leader' && (
        <p>Program leaders see team figures on the drift page; notes are imported by peers and supervisors.</p>
      )}
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      {imports.length > 0 && (
        <section class="panel" aria-labelledby="imports-title">
          <h2 id="imports-title">{user?.role === 'supervisor' ? 'Imports by you and your team' : 'Your imports'}</h2>
          <p class="help">
            An import not finished is deleted after a day, with the rows staged from its file. Deleting one removes its file name, columns
            and rows now.
          </p>
          <div class="table-wrap">
            <table class="data-table" data-testid="import-list">
              <caption>Newest first</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">By</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => {
                  const mine = i.createdBy.id === user?.id;
                  return (
                    <tr key={i.id}>
                      <td>{i.fileName}</td>
                      <td>{mine ? 'You' : i.createdBy.name}</td>
                      <td>
                        {i.status === 'done'
                          ? `Done: ${i.progress.kept} kept`
                          : i.status === 'committing'
                            ? `Stopped part way: ${i.progress.done} of ${i.progress.total} rows`
                            : 'Not started'}
                      </td>
                      <td class="button-row">
                        {mine && i.status === 'committing' && (
                          <button type="button" disabled={busy} onClick={() => void resume(i)}>
                            Continue {i.fileName}
                          </button>
                        )}
                        <button type="button" disabled={busy} onClick={() => void remove(i, false)}>
                          {i.status === 'done' ? 'Delete' : 'Cancel'} import of {i.fileName}
                        </button>
                        {i.progress.kept > 0 && (
                          <button type="button" class="danger" disabled={busy} onClick={() => void remove(i, true)}>
                            Delete {i.fileName} and its notes
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {user && user.role !== 'leader' && (
        <section class="panel" aria-labelledby="file-title">
          <h2 id="file-title">1. Choose a file</h2>
          <div class="field">
            <label for="import-file">File of notes (CSV, JSON Lines, DOCX, PDF or text; up to 20 MB)</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,.tsv,.jsonl,.ndjson,.docx,.pdf,.txt,.md"
              disabled={busy}
              onChange={(e) => void choose((e.currentTarget as HTMLInputElement).files?.[0])}
            />
          </div>
          <p class="help">{isPeer ? 'Notes you import are saved as your own.' : 'You can import notes for the members of your team.'}</p>
        </section>
      )}
      {staged && (
        <section class="panel" aria-labelledby="preview-title">
          <h2 id="preview-title">2. Check the preview and the columns</h2>
          <p>
            {staged.rows} {staged.rows === 1 ? 'row' : 'rows'} read from the file ({staged.format.toUpperCase()}).
          </p>
          <div class="table-wrap">
            <table class="data-table preview-table" data-testid="import-preview">
              <caption>The first {staged.preview.length} rows</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  {staged.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {staged.preview.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    {staged.columns.map((c) => (
                      <td key={c}>{(r.fields[c] ?? '').slice(0, 160)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="mapping-grid">
            {columnSelect('map-text', 'Note text', textColumn, setTextColumn, false)}
            {columnSelect('map-date', 'Date written', dateColumn, setDateColumn, true)}
            {!isPeer && columnSelect('map-author', 'Author', authorColumn, (v) => void changeAuthorColumn(v), true)}
          </div>
          {!isPeer && authorColumn !== NONE && authorValues.length > 0 && (
            <fieldset class="author-map">
              <legend>Who wrote them</legend>
              {authorValues.map((v, i) => (
                <div class="field inline" key={v}>
                  <label for={`author-${i}`}>{v}</label>
                  <select
                    id={`author-${i}`}
                    value={authors[v] ?? NONE}
                    disabled={busy}
                    onChange={(e) => {
                      const id = (e.currentTarget as HTMLSelectElement).value;
                      setAuthors((a) => {
                        const next = { ...a };
                        if (id === NONE) delete next[v];
                        else next[v] = id;
                        return next;
                      });
                    }}
                  >
                    <option value={NONE}>Leave these rows out</option>
                    {scope?.members.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          )}
          <div class="button-row">
            <button
              type="button"
              class="primary"
              disabled={busy || textColumn === NONE || progress?.finished === true}
              onClick={() => void run()}
            >
              Import these notes
            </button>
            {progress === null && (
              <button type="button" disabled={busy} onClick={() => void remove({ id: staged.id, fileName: 'this file' }, false)}>
                Cancel
              </button>
            )}
          </div>
        </section>
      )}
      {progress && (
        <section class="panel" aria-labelledby="progress-title">
          <h2 id="progress-title">3. Progress</h2>
          <div
            class="progress"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${progress.done} of ${progress.total} rows`}
          >
            <div class="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p role="status" data-testid="import-status">
            {progress.finished
              ? `Done: ${progress.kept} kept, ${progress.duplicates} already saved before, ${progress.problems} left out.`
              : `${progress.done} of ${progress.total} rows…`}
          </p>
          {progress.finished && (
            <p>
              <a href="/drift">See how the notes change month by month</a>
            </p>
          )}
          {progress.finished && finishedId && (
            <div class="button-row">
              <button
                type="button"
                class="danger"
                disabled={busy}
                onClick={() => void remove({ id: finishedId, fileName: finishedName }, progress.kept > 0)}
              >
                {progress.kept > 0
                  ? `Undo this import (delete the ${progress.kept} ${progress.kept === 1 ? 'note' : 'notes'} it saved)`
                  : 'Undo this import'}
              </button>
            </div>
          )}
        </section>
      )}
      <Problems problems={problems} />
    </div>
  );
}
