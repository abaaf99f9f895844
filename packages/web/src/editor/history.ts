/**
 * A small undo history for the note editor: typing close together is one step; a clicked
 * suggestion is a step of its own, so a person can always take it back (Ctrl/Cmd-Z).
 */
import { Annotation, ChangeSet, EditorSelection, StateEffect, StateField, Transaction, type Extension } from '@codemirror/state';
import { EditorView, keymap, type Command } from '@codemirror/view';

interface Step {
  /** Takes the document back to before the step. */
  readonly changes: ChangeSet;
  readonly selection: EditorSelection;
  readonly time: number;
  readonly typing: boolean;
}

interface History {
  readonly done: readonly Step[];
  readonly undone: readonly Step[];
}

const setHistory = StateEffect.define<History>();
const fromHistory = Annotation.define<boolean>();
const GROUP_MS = 600;

const historyField = StateField.define<History>({
  create: () => ({ done: [], undone: [] }),
  update(h, tr) {
    for (const e of tr.effects) if (e.is(setHistory)) return e.value;
    if (!tr.docChanged || tr.annotation(fromHistory)) return h;
    if (tr.annotation(Transaction.addToHistory) === false) return { done: [], undone: [] };
    const inverse = tr.changes.invert(tr.startState.doc);
    const typing = tr.isUserEvent('input.type') || tr.isUserEvent('delete');
    const now = Date.now();
    const last = h.done[h.done.length - 1];
    if (last && typing && last.typing && now - last.time < GROUP_MS) {
      const merged: Step = { changes: inverse.compose(last.changes), selection: last.selection, time: now, typing };
      return { done: [...h.done.slice(0, -1), merged], undone: [] };
    }
    return { done: [...h.done, { changes: inverse, selection: tr.startState.selection, time: now, typing }].slice(-200), undone: [] };
  },
});

function move(view: EditorView, from: 'done' | 'undone'): boolean {
  const h = view.state.field(historyField);
  const stack = h[from];
  const step = stack[stack.length - 1];
  if (!step) return false;
  const back: Step = { changes: step.changes.invert(view.state.doc), selection: view.state.selection, time: 0, typing: false };
  const next: History =
    from === 'done'
      ? { done: h.done.slice(0, -1), undone: [...h.undone, back] }
      : { done: [...h.done, back], undone: h.undone.slice(0, -1) };
  view.dispatch({
    changes: step.changes,
    selection: step.selection,
    effects: setHistory.of(next),
    annotations: fromHistory.of(true),
    userEvent: from === 'done' ? 'undo' : 'redo',
    scrollIntoView: true,
  });
  return true;
}

export const undo: Command = (view) => move(view, 'done');
export const redo: Command = (view) => move(view, 'undone');

export function history(): Extension {
  return [
    historyField,
    keymap.of([
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-y', run: redo, preventDefault: true },
      { key: 'Mod-Shift-z', run: redo, preventDefault: true },
    ]),
    EditorView.domEventHandlers({
      beforeinput(e, view) {
        if (e.inputType === 'historyUndo') return undo(view);
        if (e.inputType === 'historyRedo') return redo(view);
        return false;
      },
    }),
  ];
}
