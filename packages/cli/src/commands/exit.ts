/** Exit codes of every `peerlens` command (a module of its own, so the entry point loads nothing else to know them). */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;
