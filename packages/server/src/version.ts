import { readFileSync } from 'node:fs';

/** The server package's version (from its package.json, which sits beside both src and dist). */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
