import { describe, expect, it } from 'vitest';
import { Engine } from '../src/analyze/engine.js';
import { LEXICON } from '../src/generated/lexicon.js';
import { properNames, trainLinear } from '../scripts/train-linear.js';

const engine = new Engine(LEXICON);

describe('training the deciding models', () => {
  it('names of people and places are not learned as evidence, whoever wrote them', () => {
    const items = [
      { text: 'We walked to the library and Marisol picked a book.', label: 'peer' },
      { text: 'Marisol and I made a list of places to apply.', label: 'peer' },
      { text: 'Met Marisol at the Elm Street office on Monday.', label: 'neutral' },
      { text: 'Pt reports SI, denies HI. PRN given at 2100.', label: 'clinical' },
      { text: "I'm meeting her at the park; I'll bring the forms.", label: 'neutral' },
    ];
    const names = properNames(engine, items);
    expect([...names].sort()).toEqual(['elm', 'marisol', 'street']);
    // acronyms, the first-person I and the days of the week stay words
    for (const w of ['si', 'hi', 'prn', "i'm", "i'll", 'monday']) expect(names.has(w)).toBe(false);
    const model = trainLinear(items, ['peer', 'overlap', 'clinical', 'neutral'], engine, 'note', {
      l2: 0.0005,
      iterations: 50,
      minCount: 1,
      balance: 0.5,
      prune: 0,
    });
    const learned = Object.keys(model.features);
    expect(learned.some((f) => f.split(' ').includes('marisol'))).toBe(false);
    expect(learned).toContain('library');
    expect(learned).toContain('monday');
  });
});
