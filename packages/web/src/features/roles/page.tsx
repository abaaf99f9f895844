import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  dimension as frameworkDimension,
  reviewRole,
  type Duty,
  type NotDuty,
  LABEL_TEXT,
  DUTY_LABELS,
  NOT_DUTY_TEXT,
} from '@peerlens/core';
import { useAllowList } from '../../components/allow-list.js';
import { api, ApiError, type SavedDocument } from '../../api.js';
import { renameLocation } from '../../router.js';
import { dutyReasons, dutySuggestions, fileNameFor, roleMarkdown } from '../../lib/report.js';

const ACCEPT =
  '.docx,.pdf,.txt,.md,.markdown,text/plain,text/markdown,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Unsaved work survives a visit to another page of the app: this tab's memory only, never stored. */
const drafts = new Map<string, { text: string; title: string }>();

export function RolesPage({ doc }: { doc?: SavedDocument }) {
  const draftKey = doc ? String(doc.id) : 'new';
  /** A role the member may read but not change (someone else's): no saving, no editing. */
  const readOnly = doc?.canChange === false;
  const [initial] = useState(() => (readOnly ? undefined : drafts.get(draftKey)) ?? { text: doc?.text ?? '', title: doc?.title ?? '' });
  const [text, setText] = useState(initial.text);
  const [title, setTitle] = useState(initial.title);
  const [docId, setDocId] = useState<string | null>(doc ? String(doc.id) : null);
  const saved = useRef({ text: doc?.text ?? '', title: doc?.title ?? '' });
  const latest = useRef({ text, title, key: docId ?? draftKey });
  latest.current = { text, title, key: docId ?? draftKey };
  useEffect(
    () => () => {
      const { text: t, title: n, key } = latest.current;
      if (t !== saved.current.text || n !== saved.current.title) drafts.set(key, { text: t, title: n });
      else drafts.delete(key);
    },
    [],
  );
  // Ask before leaving the page with changes that are not saved.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent): void => {
      const { text: t, title: n } = latest.current;
      if (!readOnly && t.trim() && (t !== saved.current.text || n !== saved.current.title)) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, []);
  const [upload, setUpload] = useState<{ kind: 'idle' | 'reading' | 'done' | 'error'; text: string }>({ kind: 'idle', text: '' });
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text: string }>({
    kind: 'idle',
    text: doc ? 'Opened from saved documents.' : 'Not saved. The review runs in this browser only.',
  });
  const settled = useDebounced(text, 250);
  // the organization's allow list, as in the checker and on the server
  const { allow } = useAllowList();
  const review = useMemo(() => (settled.trim() ? reviewRole(settled, allow.length > 0 ? { allow } : {}) : null), [settled, allow]);
  // the duties, numbered, and the lines that are not duties (headings left out), in text order
  const notDuties = review ? review.notDuties.filter((n) => n.kind !== 'heading') : [];
  const rows: ({ kind: 'duty'; duty: Duty; number: number } | { kind: 'not-duty'; line: NotDuty })[] = review
    ? [
        ...review.duties.map((duty, number) => ({ kind: 'duty' as const, duty, number, at: duty.start })),
        ...notDuties.map((line) => ({ kind: 'not-duty' as const, line, at: line.start })),
      ].sort((a, b) => a.at - b.at)
    : [];

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setUpload({ kind: 'reading', text: `Reading “${file.name}”…` });
    try {
      const out = await api.extract(file);
      setText(out.text);
      if (!title.trim()) setTitle(file.name.replace(/\.[^.]+$/, ''));
      setUpload({ kind: 'done', text: `Read “${file.name}” (${out.format.toUpperCase()}).` });
    } catch (e) {
      const why = e instanceof ApiError ? e.message : String(e);
      setUpload({ kind: 'error', text: `Could not read “${file.name}”: ${why}` });
    }
  };

  const latestSaved = (t: string, n: string): void => {
    saved.current = { text: t, title: n };
  };

  const save = async (): Promise<void> => {
    const name = title.trim() || 'Untitled role';
    setStatus({ kind: 'saving', text: 'Saving…' });
    try {
      const doneDoc = docId ? await api.update(docId, { title: name, text }) : await api.create({ title: name, kind: 'role', text });
      const id = String(doneDoc.id);
      setDocId(id);
      setTitle(name);
      drafts.delete('new');
      latestSaved(text, name);
      if (location.pathname !== `/documents/${id}`) renameLocation(`/documents/${encodeURIComponent(id)}`);
      setStatus({ kind: 'saved', text: `Saved at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.` });
    } catch (e) {
      setStatus({ kind: 'error', text: `Not saved: ${e instanceof ApiError ? e.message : String(e)}` });
    }
  };

  return (
    <div class="roles-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Review a role
        </h1>
        <p class="lede">
          Paste a job description or a task list, or upload one. PeerLens labels each duty and points out tasks that would set a peer
          specialist against the people they walk beside, or use them as general help.
        </p>
      </div>
      <section class="panel no-print" aria-labelledby="input-title">
        <h2 id="input-title">The role</h2>
        <div class="field">
          <label for="role-title">Title</label>
          <input
            id="role-title"
            type="text"
            value={title}
            placeholder="e.g. Peer specialist, outpatient team"
            readOnly={readOnly}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field" hidden={readOnly}>
          <label for="role-file">Upload a file (DOCX, PDF with text, plain text or Markdown)</label>
          <input id="role-file" type="file" accept={ACCEPT} onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])} />
          <p role={upload.kind === 'error' ? 'alert' : 'status'} class={`upload-status upload-${upload.kind}`} data-testid="upload-status">
            {upload.text}
          </p>
        </div>
        <div class="field">
          <label for="role-text">Job description or task list</label>
          <textarea
            id="role-text"
            rows={10}
            value={text}
            readOnly={readOnly}
            placeholder={'One duty per line works best, for example:\n- Share lived experience to build hope\n- Other duties as assigned'}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
          <p class="help">The file is turned into text by this machine’s PeerLens server; the review itself runs in this browser.</p>
        </div>
        <div class="button-row">
          {!readOnly && (
            <button type="button" class="primary" onClick={() => void save()} disabled={!text.trim() || status.kind === 'saving'}>
              {docId ? 'Save changes' : 'Save'}
            </button>
          )}
          <button type="button" onClick={() => window.print()} disabled={!review}>
            Print
          </button>
          <button
            type="button"
            onClick={() => review && download(fileNameFor(title, 'md'), roleMarkdown(title, settled, review), 'text/markdown')}
            disabled={!review}
          >
            Export Markdown
          </button>
          {docId && (
            <a class="button-link" href={api.reportHref(docId)} download>
              Download the saved report
            </a>
          )}
        </div>
        {readOnly ? (
          <p class="save-status" data-testid="read-only">
            Read only: {doc?.authorName ? `${doc.authorName} saved this role` : 'this role is not yours'}, and only its author can change
            it. You can read its review, print it and download its report.
          </p>
        ) : (
          <p role="status" class={`save-status save-status-${status.kind}`} data-testid="save-status">
            {text !== saved.current.text || title !== saved.current.title ? (
              <span class="unsaved-marker" data-testid="unsaved-marker">
                Unsaved changes.{' '}
              </span>
            ) : null}
            {status.text}
          </p>
        )}
      </section>
      {review && (
        <section class="panel" aria-labelledby="duties-title">
          <h2 id="duties-title">Duties{title.trim() ? `: ${title.trim()}` : ''}</h2>
          <p class="summary" data-testid="role-summary">
            {review.summary}
          </p>
          <ul class="counts" aria-label="Duties by label">
            {DUTY_LABELS.map((l) => (
              <li key={l}>
                <span class={`badge badge-${l}`}>{LABEL_TEXT[l]}</span> {review.counts[l]}
              </li>
            ))}
            {notDuties.length > 0 && (
              <li>
                <span class="badge badge-not-duty">Not a duty</span> {notDuties.length}
              </li>
            )}
          </ul>
          <div class="table-wrap">
            <table class="data-table duty-table" data-testid="duty-table">
              <caption class="sr-only">
                Each duty with its label, the reasons, and what to try instead; lines that are not duties are marked and not counted
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Duty</th>
                  <th scope="col">Label</th>
                  <th scope="col">Why</th>
                  <th scope="col">What to try instead</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  if (row.kind === 'not-duty') {
                    const n = row.line;
                    return (
                      <tr key={`n-${n.start}`} class="duty not-duty" data-label="not-duty">
                        <td data-col="#">–</td>
                        <td data-col="Duty">{n.text}</td>
                        <td data-col="Label">
                          <span class="badge badge-not-duty">Not a duty</span>
                        </td>
                        <td data-col="Why">
                          <span class="muted">A {NOT_DUTY_TEXT[n.kind]}, not work the role does: not counted.</span>
                        </td>
                        <td data-col="What to try instead">
                          <span class="muted">—</span>
                        </td>
                      </tr>
                    );
                  }
                  const { duty: d, number: i } = row;
                  const reasons = dutyReasons(d);
                  const suggestions = dutySuggestions(d);
                  return (
                    <tr key={`${d.start}-${i}`} class={`duty duty-${d.label}`} data-label={d.label}>
                      <td data-col="#">{i + 1}</td>
                      <td data-col="Duty">{d.text}</td>
                      <td data-col="Label">
                        <span class={`badge badge-${d.label}`}>{LABEL_TEXT[d.label]}</span>
                      </td>
                      <td data-col="Why">
                        {reasons.length ? (
                          <ul>
                            {reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        ) : (
                          <span class="muted">No specific cue; judged from the wording as a whole.</span>
                        )}
                        {d.dimensions.length > 0 && (
                          <p class="dims">
                            Framework:{' '}
                            {d.dimensions.map((dim, j) => (
                              <span key={dim}>
                                {j > 0 ? ', ' : ''}
                                <a href={`/framework#${dim}`}>{frameworkDimension(dim).title}</a>
                              </span>
                            ))}
                          </p>
                        )}
                      </td>
                      <td data-col="What to try instead">
                        {suggestions.length ? (
                          <ul>
                            {suggestions.map((s) => (
                              <li key={s}>{s}</li>
                            ))}
                          </ul>
                        ) : (
                          <span class="muted">—</span>
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
    </div>
  );
}
