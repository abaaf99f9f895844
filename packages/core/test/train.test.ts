import { describe, expect, it } from 'vitest';
import { Engine } from '../src/analyze/engine.js';
import { LEXICON } from '../src/generated/lexicon.js';
import { properNames, trainLinear } from '../scripts/train-linear.js';
import { TUNING } from '../src/tuning.js';

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

describe('stems', () => {
  const labels = ['peer', 'overlap', 'clinical', 'neutral'] as const;
  const options = { l2: 0.0005, iterations: 80, minCount: 1, balance: 0.5, prune: 0, stems: true };
  const items = [
    { text: 'Observed the resident pacing the hall.', label: 'clinical' },
    { text: 'Staff observed him at the nurses station.', label: 'clinical' },
    { text: 'We walked to the bus stop together.', label: 'peer' },
    { text: 'We walked to the library together after lunch.', label: 'peer' },
    { text: 'Meeting moved to Thursday at ten.', label: 'neutral' },
  ];

  it('a word the training never saw counts through its stem, and the stem is named as the word that carried it', () => {
    const model = trainLinear(items, labels, engine, 'note', options);
    expect(Object.keys(model.stems ?? {})).toEqual(expect.arrayContaining(['observ', 'walk']));
    const withStems = new Engine(LEXICON, { note: model });
    const without = new Engine(LEXICON, { note: { ...model, stems: {} } });
    // "observes" and "observation" never occur in training: only the stem knows them
    const text = 'Observes her closely.';
    const score = (e: Engine): number[] => {
      const p = e.prepare(text);
      const w = e.weigh(p, 0, p.tokens.length, 'note');
      return w ? [...w.probabilities] : [];
    };
    const clinical = labels.indexOf('clinical');
    expect(score(withStems)[clinical]).toBeGreaterThan((score(without)[clinical] as number) + 0.05);
    const p = withStems.prepare(text);
    const hits = withStems.weigh(p, 0, p.tokens.length, 'note')?.raw.hits.map((h) => h[0]);
    expect(hits).toContain('observ*');
  });

  it('training without stems keeps the model as it was (no stem weights at all)', () => {
    const model = trainLinear(items, labels, engine, 'note', { ...options, stems: false });
    expect(model.stems).toBeUndefined();
  });
});

describe('naive Bayes blended into the regression', () => {
  const labels = ['peer', 'overlap', 'clinical', 'neutral'] as const;
  const options = { l2: 0.05, iterations: 40, minCount: 1, balance: 0.5, prune: 0, stems: false };
  const items = [
    { text: 'Resident pacing the hall at night.', label: 'clinical' },
    { text: 'He was pacing and muttering at breakfast.', label: 'clinical' },
    { text: 'We walked to the bus stop together.', label: 'peer' },
    { text: 'Meeting moved to Thursday at ten.', label: 'neutral' },
  ];
  const margin = (w: readonly number[] | undefined): number => {
    const c = labels.indexOf('clinical');
    const v = w ?? [];
    return (v[c] as number) - Math.max(...v.filter((_, k) => k !== c));
  };

  it('a word seen only under one label pulls harder toward it, and the result is still one linear model', () => {
    const plain = trainLinear(items, labels, engine, 'note', { ...options, bayes: 0 });
    const blended = trainLinear(items, labels, engine, 'note', { ...options, bayes: 0.5 });
    expect(margin(blended.features['pacing'])).toBeGreaterThan(margin(plain.features['pacing']) + 0.1);
    // the same words, the same shape of model; the cues keep their trained weights
    expect(Object.keys(blended.features).sort()).toEqual(Object.keys(plain.features).sort());
    expect(blended.cues).toEqual(plain.cues);
    // the same corpus gives the same weights
    expect(trainLinear(items, labels, engine, 'note', { ...options, bayes: 0.5 })).toEqual(blended);
  });
});

describe('job titles', () => {
  it('the words of an ignored title are not learned, alone, in a pair or as a stem; the note model ignores "peer" and "peers"', () => {
    const items = [
      { text: 'The peer specialist went with her to the food bank.', label: 'peer' },
      { text: 'Peers run the drop-in on Tuesdays.', label: 'neutral' },
      { text: 'Peer support is offered in the lobby.', label: 'neutral' },
      { text: 'Pt reports poor sleep, rates anxiety 7/10.', label: 'clinical' },
    ];
    const options = { l2: 0.0005, iterations: 40, minCount: 1, balance: 0.5, prune: 0, stems: true };
    const labels = ['peer', 'overlap', 'clinical', 'neutral'] as const;
    const learns = (ignore?: string[]): string[] => {
      const model = trainLinear(items, labels, engine, 'note', { ...options, ignore });
      return [...Object.keys(model.features), ...Object.keys(model.stems ?? {})];
    };
    expect(learns().some((f) => f.split(' ').includes('peer'))).toBe(true);
    const without = learns(['peer', 'peers']);
    expect(without.some((f) => f.split(' ').some((w) => w === 'peer' || w === 'peers'))).toBe(false);
    expect(without).toContain('specialist');
    expect(TUNING.train.note.ignore).toEqual(['peer', 'peers']);
  });
});
