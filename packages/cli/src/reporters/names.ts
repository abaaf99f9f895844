/**
 * The reporters' names, in the order `--help` lists them. A module of its own, so that the entry
 * point can offer the choices without loading every reporter; a test keeps it equal to
 * `Object.keys(REPORTERS)`.
 */
export const REPORTER_NAMES: readonly string[] = ['stylish', 'json', 'jsonl', 'markdown', 'html'];
