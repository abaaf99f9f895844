import { describe, expect, it } from 'vitest';
import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { history, redo, undo } from '../src/editor/history.js';

/** Just enough of a view for the history commands: a state and dispatch. */
function fakeView(doc: string) {
  const view = {
    state: EditorState.create({ doc, extensions: [history()] }),
    dispatch(spec: TransactionSpec) {
      view.state = view.state.update(spec).state;
    },
  };
  return view as unknown as EditorView & { state: EditorState };
}

describe('undo history', () => {
  it('takes back a replaced suggestion and brings it again', () => {
    const view = fakeView('She is a schizophrenic.');
    view.dispatch({ changes: { from: 9, to: 22, insert: 'person who lives with schizophrenia' }, userEvent: 'input.replace' });
    expect(view.state.doc.toString()).toBe('She is a person who lives with schizophrenia.');
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('She is a schizophrenic.');
    expect(undo(view)).toBe(false);
    expect(redo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('She is a person who lives with schizophrenia.');
    expect(redo(view)).toBe(false);
  });

  it('groups quick typing into one step and keeps a replacement apart', () => {
    const view = fakeView('');
    for (const [i, ch] of [...'We met'].entries()) view.dispatch({ changes: { from: i, insert: ch }, userEvent: 'input.type' });
    view.dispatch({ changes: { from: 3, to: 6, insert: 'talked' }, userEvent: 'input.replace' });
    expect(view.state.doc.toString()).toBe('We talked');
    undo(view);
    expect(view.state.doc.toString()).toBe('We met');
    undo(view);
    expect(view.state.doc.toString()).toBe('');
  });

  it('a new edit after undo drops the redo steps', () => {
    const view = fakeView('a');
    view.dispatch({ changes: { from: 1, insert: 'b' }, userEvent: 'input.replace' });
    undo(view);
    view.dispatch({ changes: { from: 1, insert: 'c' }, userEvent: 'input.replace' });
    expect(redo(view)).toBe(false);
    expect(view.state.doc.toString()).toBe('ac');
  });
});
