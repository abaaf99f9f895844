#!/usr/bin/env node
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { classifyStream, EXIT } from './commands/classify.js';

const program = new Command();
program
  .name('peerlens')
  .description('PeerLens: see where notes, job descriptions and task lists speak from a peer, shared or clinical perspective.')
  .version('0.1.0')
  .showHelpAfterError()
  .configureOutput({ outputError: (s, write) => write(s) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT.input);
  });

program
  .command('classify')
  .description('Label each JSON Lines record {"id","text"} as a note unit or a duty; one JSON line out per line in.')
  .argument('[file]', 'a JSON Lines file; "-" or nothing reads standard input')
  .addOption(new Option('--as <kind>', 'what each text is: a note unit or passage, or a duty').choices(['note', 'duty']).default('note'))
  .addHelpText(
    'after',
    `
Output, one line per input line, in order:
  {"id":…,"label":"peer|overlap|clinical|neutral","confidence":0.82,"dimensions":[…],"findings":[…],"sentences":[…]}
  with --as duty the label is peer|overlap|clinical|conflict|errand.
A malformed line is reported on stderr with its line number and written as {"line":N,"error":"…"}.

Exit codes: 0 all lines classified; 2 a malformed line, or a file that cannot be read.

Examples:
  echo '{"id":1,"text":"Pt presents w/ flat affect."}' | npx peerlens classify
  npx peerlens classify --as duty duties.jsonl > labels.jsonl`,
  )
  .action(async (file: string | undefined, opts: { as: 'note' | 'duty' }) => {
    let input: NodeJS.ReadableStream = process.stdin;
    let name = 'stdin';
    if (file !== undefined && file !== '-') {
      try {
        const s = await stat(file);
        if (s.isDirectory()) throw new InvalidArgumentError(`${file} is a folder; classify reads one JSON Lines file`);
      } catch (e) {
        const reason =
          e instanceof InvalidArgumentError
            ? e.message
            : `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
        process.stderr.write(`peerlens classify: ${reason}\n`);
        process.exitCode = EXIT.input;
        return;
      }
      input = createReadStream(file, { encoding: 'utf8' });
      name = file;
    }
    process.exitCode = await classifyStream(input as import('node:stream').Readable, process.stdout, process.stderr, { as: opts.as, name });
  });

await program.parseAsync(process.argv);
