/** The public surface of @peerlens/core is small and deliberate: this pins it. */
import { expect, it } from 'vitest';
import * as core from '../src/index.js';

it('exports exactly the documented API', () => {
  expect(Object.keys(core).sort()).toEqual(
    [
      'ALLOW_LIMITS',
      'allowListConfig',
      'allowListFromConfig',
      'allowPhraseFor',
      'allowPhraseProblem',
      'tidyAllowList',
      'DENIED_PHRASE_RULE',
      'DIMENSIONS',
      'Engine',
      'ROLE_BOUNDARIES',
      'SEED_SOURCES',
      'TRAINING_AREAS',
      'TRAINING_NOTES',
      'analyze',
      'applyInlineControls',
      'deniedEntries',
      'extendEngine',
      'extendLexicon',
      'maskControls',
      'parseInlineControls',
      'classifyDuty',
      'classifyTasks',
      'classifyRecord',
      'defaultEngine',
      'dimension',
      'explainLabel',
      'whyText',
      'getRule',
      'isRethink',
      'notDutyKind',
      'notDutyKinds',
      'roleSummary',
      'profileOf',
      'reviewRole',
      'rules',
      'segment',
      'sources',
      'tokenize',
    ].sort(),
  );
});
