import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorState, StateEffect } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { linter, lintGutter, lintKeymap, forceLinting } from '@codemirror/lint';
import { allowPhraseFor, analyze, type Analysis, type AnalyzeOptions, LABEL_TEXT, NOTE_LABELS } from '@peerlens/core';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { shading, setShading } from './editor/shading.js';
import { replaceRange, toCmDiagnostic } from './editor/lint.js';
import { isIgnored, mapIgnored, sameFinding, type Ignored } from './editor/ignored.js';
import { diagnosticsFor, type DiagnosticData } from './diagnostics.js';
import { ProfilePanel } from './components/profile.js';
import { FindingsPanel } from './components/findings.js';
import { SentenceWhy } from './components/sentence-why.js';
import { useAllowList } from '../../components/allow-list.js';
import { api, ApiError, organizationApi, type SavedDocument } from '../../api.js';
import { navigate, renameLocation } from '../../router.js';

interface Checked {
  readonly text: string;
  readonly analysis: Analysis;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Unsaved work survives a visit to another page of the app (a framework link, the back button):
 * kept in this tab's memory only, never written to storage, gone when the tab closes.
 */
const drafts = new Map<string, { text: string; title: string }>();

/** Findings ignored in each note (issue 13): like drafts, in this tab's memory only. */
const ignoredStore = new Map<string, readonly Ignored[]>();

/** Asks the linter to read the note again though its text did not change (an ignored finding, the allow list). */
const refreshFindings = StateEffect.define<null>();

const ignoredOf = (d: DiagnosticData): Ignored => ({ ruleId: d.ruleId, from: d.from, to: d.to, actual: d.actual });

export function CheckPage({ doc }: { doc?: SavedDocument }) {
  const draftKey = doc ? String(doc.id) : 'new';
  /** A note the member may read but not change (a supervisor reading a peer's): no saving, no editing. */
  const readOnly = doc?.canChange === false;
  const [initial] = useState(() => (readOnly ? undefined : drafts.get(draftKey)) ?? { text: doc?.text ?? '', title: doc?.title ?? '' });
  const titleRef = useRef(initial.title);
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const saveRef = useRef<() => Promise<void>>(async () => undefined);
  const dirtyRef = useRef(drafts.has(draftKey));
  const [checked, setChecked] = useState<Checked | null>(() => ({ text: initial.text, analysis: analyze(initial.text) }));
  // the organization's allow list (an admin's), applied to every analysis here as on the server
  const allowList = useAllowList();
  const optionsRef = useRef<AnalyzeOptions>({});
  optionsRef.current = allowList.allow.length > 0 ? { allow: allowList.allow } : {};
  const [ignored, setIgnoredState] = useState<readonly Ignored[]>(() => ignoredStore.get(draftKey) ?? []);
  const ignoredRef = useRef(ignored);
  const [cursor, setCursor] = useState(0);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [shade, setShade] = useState(false);
  const [title, setTitle] = useState(initial.title);
  titleRef.current = title;
  const [docId, setDocId] = useState<string | null>(doc ? String(doc.id) : null);
  const docIdRef = useRef(docId);
  const [dirty, setDirty] = useState(drafts.has(draftKey));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text: string }>({
    kind: 'idle',
    text: drafts.has(draftKey)
      ? 'Your unsaved changes are back. They are kept in this tab only until you save.'
      : doc
        ? 'Opened from saved documents.'
        : 'Not saved. The note is checked in this browser only.',
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial.text,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          lintGutter(),
          linter(
            (v) => {
              const text = v.state.doc.toString();
              const analysis = analyze(text, optionsRef.current);
              setChecked({ text, analysis });
              return diagnosticsFor(analysis.findings, text.length)
                .filter((d) => !isIgnored(ignoredOf(d), ignoredRef.current))
                .map(toCmDiagnostic);
            },
            { delay: 300, needsRefresh: (u) => u.transactions.some((tr) => tr.effects.some((e) => e.is(refreshFindings))) },
          ),
          shading(),
          keymap.of([
            {
              key: 'Mod-s',
              preventDefault: true,
              run: () => {
                void saveRef.current();
                return true;
              },
            },
            ...lintKeymap,
          ]),
          placeholder('Write or paste a note here. Findings appear as you type.'),
          EditorView.lineWrapping,
          // a tap on an editor without the focus can leave the cursor where it was: put it where the tap was,
          // so the sentence panel follows touch as it follows the mouse and keys
          EditorView.domEventHandlers({
            click: (e, v) => {
              const pos = v.posAtCoords({ x: e.clientX, y: e.clientY });
              const main = v.state.selection.main;
              if (pos !== null && main.empty && main.head !== pos && !e.shiftKey) v.dispatch({ selection: { anchor: pos } });
              return false;
            },
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'Note text', 'aria-describedby': 'editor-help' }),
          ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              dirtyRef.current = true;
              setDirty(true);
              if (ignoredRef.current.length > 0) {
                ignoredRef.current = mapIgnored(ignoredRef.current, u.changes);
                setIgnoredState(ignoredRef.current);
              }
            }
            if (u.docChanged || u.selectionSet) setCursor(u.state.selection.main.head);
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      const key = docIdRef.current ?? draftKey;
      if (dirtyRef.current) drafts.set(key, { text: view.state.doc.toString(), title: titleRef.current });
      else drafts.delete(key);
      if (ignoredRef.current.length > 0) ignoredStore.set(key, ignoredRef.current);
      else ignoredStore.delete(key);
      if (key !== draftKey) ignoredStore.delete(draftKey);
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // Ask before leaving the page with changes that are not saved.
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent): void => {
      if (dirtyRef.current && viewRef.current && viewRef.current.state.doc.length > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, []);

  // Shade sentences when asked, and only with an analysis of the text now in the editor.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = checked && checked.text === view.state.doc.toString() ? checked.analysis.sentences : null;
    view.dispatch({ effects: setShading.of(shade && current ? current : []) });
  }, [checked, shade]);

  const savingRef = useRef(false);
  const save = async (): Promise<void> => {
    const view = viewRef.current;
    // Ctrl+S on a note one may only read: nothing to save
    if (!view || savingRef.current || readOnly) return;
    savingRef.current = true;
    const text = view.state.doc.toString();
    const name = titleRef.current.trim() || 'Untitled note';
    setStatus({ kind: 'saving', text: 'Saving…' });
    try {
      const known = docIdRef.current;
      const saved = known ? await api.update(known, { title: name, text }) : await api.create({ title: name, kind: 'note', text });
      const id = String(saved.id);
      setDocId(id);
      docIdRef.current = id;
      setTitle(saved.title);
      // Anything typed while the request was out is still unsaved.
      const clean = viewRef.current?.state.doc.toString() === text;
      setDirty(!clean);
      dirtyRef.current = !clean;
      drafts.delete('new');
      if (location.pathname !== `/documents/${id}`) renameLocation(`/documents/${encodeURIComponent(id)}`);
      setStatus({ kind: 'saved', text: `Saved at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.` });
    } catch (e) {
      setStatus({ kind: 'error', text: `Not saved: ${e instanceof ApiError ? e.message : String(e)}` });
    } finally {
      savingRef.current = false;
    }
  };

  saveRef.current = save;

  const startNew = (): void => {
    if (dirtyRef.current && !window.confirm('Start a new note? The changes you have not saved will be lost.')) return;
    dirtyRef.current = false;
    drafts.clear();
    ignoredStore.delete('new');
    ignoredRef.current = [];
    navigate('/check');
  };

  const focusRange = (from: number, to: number): void => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.focus();
  };

  const apply = (from: number, to: number, expected: string, text: string): void => {
    const view = viewRef.current;
    if (!view) return;
    // Only if the flagged words are still there, unchanged.
    if (view.state.sliceDoc(from, to) !== expected) {
      forceLinting(view);
      return;
    }
    replaceRange(view, from, to, text);
    view.focus();
  };

  /** Reads the note again now: after a finding is ignored or shown again, or the allow list changed. */
  const relint = (): void => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ effects: refreshFindings.of(null) });
    forceLinting(view);
  };
  useEffect(relint, [allowList.allow]);

  const setIgnored = (next: readonly Ignored[]): void => {
    ignoredRef.current = next;
    setIgnoredState(next);
    relint();
  };
  // the notice's Undo takes the focus from a button that has gone, so the keyboard is not lost
  const announce = (text: string, undo?: () => void): void => {
    setNotice({ text, ...(undo ? { undo } : {}) });
    setTimeout(() => undoRef.current?.focus(), 0);
  };
  const ignore = (d: DiagnosticData): void => {
    const i = ignoredOf(d);
    setIgnored([...ignoredRef.current, i]);
    announce(`Ignored “${d.actual}” in this note.`, () => {
      setIgnored(ignoredRef.current.filter((x) => !sameFinding(x, i)));
      setNotice({ text: `“${d.actual}” is shown again.` });
    });
  };
  const restore = (d: DiagnosticData): void => {
    setIgnored(ignoredRef.current.filter((x) => !sameFinding(x, ignoredOf(d))));
    setNotice({ text: `“${d.actual}” is shown again.` });
  };
  const allowForOrganization = async (d: DiagnosticData): Promise<void> => {
    const phrase = allowPhraseFor(d.actual);
    try {
      allowList.set(await organizationApi.allow(phrase));
      announce(`“${phrase}” is allowed for the organization: PeerLens no longer flags it for anyone here.`, () => {
        organizationApi.disallow(phrase).then(
          (list) => {
            allowList.set(list);
            setNotice({ text: `“${phrase}” is flagged again.` });
          },
          (e: unknown) => setNotice({ text: `Not undone: ${e instanceof ApiError ? e.message : String(e)}` }),
        );
      });
    } catch (e) {
      setNotice({ text: `Not allowed: ${e instanceof ApiError ? e.message : String(e)}` });
    }
  };

  const current = checked;
  const all = current ? diagnosticsFor(current.analysis.findings, current.text.length) : [];
  const diags = all.filter((d) => !isIgnored(ignoredOf(d), ignored));
  const ignoredDiags = all.filter((d) => isIgnored(ignoredOf(d), ignored));
  // the sentence at the cursor, from the latest analysis (while typing, the one of a moment ago, so the panel does not flicker)
  const sentences = current ? current.analysis.sentences : [];
  let at = -1;
  sentences.forEach((s, i) => {
    if (s.start <= cursor) at = i;
  });
  const stepTo = (i: number): void => {
    const view = viewRef.current;
    const s = sentences[i];
    if (!view || !s) return;
    view.dispatch({ selection: { anchor: s.start }, scrollIntoView: true });
  };

  return (
    <div class="check-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Check a note
        </h1>
        <p class="lede">
          PeerLens reads each sentence and shows whether it speaks from a peer, shared or clinical perspective, and where the words about a
          person might land badly. Use it to start a conversation, not to score anyone.
        </p>
      </div>
      <div class="check-layout">
        <section class="editor-column" aria-labelledby="note-heading">
          <h2 id="note-heading" class="sr-only">
            Note
          </h2>
          <div class="save-row">
            <label for="note-title">Title</label>
            <input
              id="note-title"
              type="text"
              value={title}
              readOnly={readOnly}
              placeholder="e.g. Tuesday check-in"
              onInput={(e) => {
                setTitle((e.target as HTMLInputElement).value);
                dirtyRef.current = true;
                setDirty(true);
              }}
            />
            {!readOnly && (
              <button type="button" class="primary" onClick={() => void save()} disabled={status.kind === 'saving'}>
                {docId ? 'Save changes' : 'Save'}
              </button>
            )}
            <button type="button" onClick={startNew}>
              New note
            </button>
            {docId && (
              <a class="button-link" href={api.reportHref(docId)} download>
                Download report
              </a>
            )}
          </div>
          {readOnly ? (
            <p class="save-status" data-testid="read-only">
              Read only: {doc?.authorName ? `${doc.authorName} wrote this note` : 'this note is not yours'}, and only its author can change
              it. You can read it, see its findings and download its report.
            </p>
          ) : (
            <p role="status" class={`save-status save-status-${status.kind}`} data-testid="save-status">
              {dirty && (
                <span class="unsaved-marker" data-testid="unsaved-marker">
                  Unsaved changes.{' '}
                </span>
              )}
              {status.text}
            </p>
          )}
          <div ref={host} class="editor" data-testid="editor" />
          <p id="editor-help" class="help">
            Underlined words have a finding: hover, or move the cursor there and press F8 to go to the next one, Ctrl+Shift+M (Cmd+Shift+M
            on a Mac) for the list. Suggestions change the text only when you choose one; Ctrl+Z undoes it. Ctrl+S (Cmd+S) saves. Tab leaves
            the editor.
          </p>
          <div class="toggle-row">
            <input id="shade-toggle" type="checkbox" checked={shade} onChange={(e) => setShade((e.target as HTMLInputElement).checked)} />
            <label for="shade-toggle">Shade each sentence by its perspective</label>
          </div>
          {shade && (
            <ul class="legend" aria-label="Shading legend">
              {NOTE_LABELS.map((l) => (
                <li key={l}>
                  <span class={`pl-shade pl-shade-${l} legend-sample`}>
                    <span class={`pl-tag pl-tag-${l}`}>{LABEL_TEXT[l]}</span> sample
                  </span>
                </li>
              ))}
            </ul>
          )}
          <SentenceWhy sentences={sentences} index={at} onStep={stepTo} />
        </section>
        <aside class="side-column" aria-label="What PeerLens noticed">
          {current ? <ProfilePanel profile={current.analysis.profile} /> : <p>Reading the note…</p>}
          <p role="status" class="finding-notice" data-testid="finding-notice">
            {notice && (
              <>
                {notice.text}{' '}
                {notice.undo && (
                  <button
                    type="button"
                    ref={undoRef}
                    onClick={() => {
                      const undo = notice.undo;
                      setNotice(null);
                      undo?.();
                    }}
                  >
                    Undo
                  </button>
                )}
              </>
            )}
          </p>
          <FindingsPanel
            diags={diags}
            ignored={ignoredDiags}
            lineOf={(offset) => lineOf(current?.text ?? '', offset)}
            canAllow={allowList.canChange}
            onFocus={focusRange}
            onApply={apply}
            onIgnore={ignore}
            onRestore={restore}
            onAllow={allowForOrganization}
            readOnly={readOnly}
          />
        </aside>
      </div>
    </div>
  );
}
