/**
 * Node-only entry point `@peerlens/core/loader`: reads lexicon YAML (the built-in one, or an
 * organization's own in the same schema) and reports problems with file, line and field.
 * The browser-safe analyzer is the main entry point and never imports this.
 */
export { loadLexicon, loadExtraFiles, protectedWordsFor, formatProblem, type Problem, type LoadResult } from './load.js';
export { entrySchema, sourceSchema, DIMENSIONS, type EntryInput } from './schema.js';
