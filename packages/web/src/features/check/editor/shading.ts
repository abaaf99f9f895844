/**
 * Shades each sentence of the note by its label: a tint, a pattern and a small word tag before
 * the sentence, so the label never rests on colour alone.
 */
import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { explainLabel, whyText, type NoteLabel, type Sentence, LABEL_TEXT } from '@peerlens/core';

class LabelTag extends WidgetType {
  constructor(readonly label: NoteLabel) {
    super();
  }
  override eq(other: LabelTag): boolean {
    return other.label === this.label;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `pl-tag pl-tag-${this.label}`;
    span.textContent = LABEL_TEXT[this.label];
    span.setAttribute('aria-hidden', 'true');
    return span;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

export const setShading = StateEffect.define<readonly Sentence[]>();

/** What hovering a shaded sentence says: its label, and why (the cues and the words that carried it). */
export function sentenceTitle(s: Sentence): string {
  const why = whyText(explainLabel(s));
  return `${LABEL_TEXT[s.label]} sentence${why ? ` — ${why}` : ''}`;
}

function build(sentences: readonly Sentence[], docLength: number): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  const sorted = [...sentences].filter((s) => s.end <= docLength && s.start < s.end).sort((a, b) => a.start - b.start);
  let last = -1;
  for (const s of sorted) {
    if (s.start < last) continue;
    b.add(s.start, s.start, Decoration.widget({ widget: new LabelTag(s.label), side: -1 }));
    b.add(
      s.start,
      s.end,
      Decoration.mark({
        class: `pl-shade pl-shade-${s.label}`,
        attributes: { 'data-label': s.label, title: sentenceTitle(s) },
      }),
    );
    last = s.end;
  }
  return b.finish();
}

const shadingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setShading)) next = build(e.value, tr.state.doc.length);
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function shading(): Extension {
  return shadingField;
}
