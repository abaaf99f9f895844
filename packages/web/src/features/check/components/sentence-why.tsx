/**
 * Why a sentence got its label (issue 13), for the sentence at the editor's cursor: the shading's
 * hover says the same, but a hover cannot be reached by keyboard or touch. Click or tap a
 * sentence, move the cursor with the keys, or step through the sentences with the buttons.
 */
import { explainLabel, type Sentence, LABEL_TEXT } from '@peerlens/core';

export function SentenceWhy({
  sentences,
  index,
  onStep,
}: {
  sentences: readonly Sentence[];
  /** The sentence at the cursor, or -1. */
  index: number;
  /** Move the cursor to another sentence. */
  onStep: (index: number) => void;
}) {
  const s = index >= 0 ? sentences[index] : undefined;
  const why = s ? explainLabel(s) : null;
  return (
    <section class="panel sentence-why" aria-labelledby="sentence-why-title" data-testid="sentence-why">
      <h2 id="sentence-why-title">Why this sentence reads as it does</h2>
      {!s || !why ? (
        <p>
          {sentences.length === 0
            ? 'Write a sentence to see why it gets its label.'
            : 'Put the cursor in a sentence to see why it got its label.'}
        </p>
      ) : (
        <>
          <p aria-live="polite" data-testid="sentence-why-label">
            Sentence {index + 1} of {sentences.length}: <span class={`pl-tag pl-tag-${s.label}`}>{LABEL_TEXT[s.label]}</span>
          </p>
          <blockquote class="sentence-why-text">{s.text}</blockquote>
          {why.cues.length === 0 && why.words.length === 0 && why.against.length === 0 ? (
            <p>
              No cue or telling word decided it
              {s.label === 'neutral' ? ': it reads as neither peer nor clinical.' : '; the overall wording did.'}
            </p>
          ) : (
            <ul class="sentence-why-list" data-testid="sentence-why-reasons">
              {why.cues.map((c) => (
                <li key={`${c.ruleId}-${c.actual}`}>
                  <strong>
                    “{c.actual}”{c.context ? ` (${c.context})` : ''}
                  </strong>{' '}
                  points to {LABEL_TEXT[s.label].toLowerCase()}: {c.message}
                </li>
              ))}
              {why.words.length > 0 && <li>Words that weighed most: {why.words.join(', ')}.</li>}
              {why.against.map((c) => (
                <li key={`against-${c.ruleId}-${c.actual}`}>
                  <strong>“{c.actual}”</strong> pointed elsewhere and was outweighed: {c.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {sentences.length > 1 && (
        <div class="button-row">
          <button type="button" disabled={index <= 0} onClick={() => onStep(Math.max(0, index - 1))}>
            Previous sentence
          </button>
          <button type="button" disabled={index >= sentences.length - 1} onClick={() => onStep(index + 1)}>
            Next sentence
          </button>
        </div>
      )}
    </section>
  );
}
