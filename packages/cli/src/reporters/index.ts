import { html } from './html.js';
import { json } from './json.js';
import { jsonl } from './jsonl.js';
import { markdown } from './markdown.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

export const REPORTERS: Readonly<Record<string, Reporter>> = { stylish, json, jsonl, markdown, html };
export { REPORTER_NAMES } from './names.js';
export type * from './types.js';
