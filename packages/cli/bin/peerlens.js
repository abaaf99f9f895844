#!/usr/bin/env node
// The installed `peerlens` command. It runs the compiled CLI; `npm install` builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('peerlens: the CLI is not built yet. Run `npm install` (or `npm run build`) at the repository root.\n');
  process.exit(2);
}
// eslint-disable-next-line layering/imports -- its own compiled CLI (../dist/bin.js), checked to exist above
await import(compiled.href);
