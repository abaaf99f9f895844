export {
  parseInlineControls,
  maskControls,
  applyInlineControls,
  type InlineControls,
  type Directive,
  type DirectiveKind,
  type SuppressedRange,
  type ControlProblem,
  type ControlledFindings,
} from './inline.js';
export {
  deniedEntries,
  extendLexicon,
  extendEngine,
  DENIED_PHRASE_RULE,
  type DeniedPhrase,
  type LexiconAdditions,
} from './organization.js';
export { ALLOW_LIMITS, allowPhraseProblem, allowPhraseFor, tidyAllowList, allowListConfig, allowListFromConfig } from './allow.js';
