import { describe, expect, it } from 'vitest';
import { history, redo, undo } from '@codemirror/commands';
import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { replaceRange } from '../src/features/check/editor/lint.js';

/** Just enough of a view for the history commands and replaceRange: a state and dispatch. */
function fakeView(doc: string) {
  const view = {
    state: EditorState.create({ doc, extensions: [history()] }),
    dispatch(spec: TransactionSpec) {
      view.state = view.state.update(spec).state;
    },
  };
  return view as unknown as EditorView & { state: EditorState };
}

describe('a clicked suggestion and undo', () => {
  it('takes back exactly the replaced words, and brings them again', () => {
    const view = fakeView('She is a schizophrenic.');
    replaceRange(view, 9, 22, 'person who lives with schizophrenia');
    expect(view.state.doc.toString()).toBe('She is a person who lives with schizophrenia.');
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('She is a schizophrenic.');
    expect(redo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('She is a person who lives with schizophrenia.');
  });

  it('keeps the replacement apart from the typing just before it', () => {
    const view = fakeView('');
    for (const [i, ch] of [...'We met'].entries()) view.dispatch({ changes: { from: i, insert: ch }, userEvent: 'input.type' });
    replaceRange(view, 3, 6, 'talked');
    expect(view.state.doc.toString()).toBe('We talked');
    undo(view);
    expect(view.state.doc.toString()).toBe('We met');
  });
});
