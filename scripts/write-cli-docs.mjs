#!/usr/bin/env node
// Writes docs/cli.md from the commands' own help, so the reference cannot drift.
// With --check, fails when the committed page differs.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandHelp, commands, mainHelp, VERSION } from '../packages/cli/dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'docs/cli.md');
const page = [
  '# The `evident` command',
  '',
  'Generated from the commands\' `--help` by `scripts/write-cli-docs.mjs`.',
  '',
  '```text',
  mainHelp(commands, VERSION).trimEnd(),
  '```',
  '',
  '## Environment',
  '',
  '| Variable | Used by | Meaning |',
  '| --- | --- | --- |',
  '| `GITHUB_TOKEN` | commands that call GitHub | Token for the GitHub API. Never printed or recorded. |',
  '| `GITHUB_API_URL` | commands that call GitHub | API base (default `https://api.github.com`), as on a runner. |',
  '| `GITHUB_REPOSITORY` | commands that call GitHub | `OWNER/NAME` when `--repo` is not given. |',
  '| `NO_COLOR` | all | Turns colours off (they are on only when writing to a terminal). |',
  '| `EVIDENT_DEBUG` | all | Prints a stack trace with internal errors. |',
  '',
  ...commands.flatMap((command) => [`## evident ${command.name}`, '', '```text', commandHelp(command).trimEnd(), '```', '']),
].join('\n');
const current = await readFile(file, 'utf8').catch(() => '');
if (current === page) process.exit(0);
if (process.argv.includes('--check')) {
  console.error('docs/cli.md is stale: run `node scripts/write-cli-docs.mjs`');
  process.exit(1);
}
await writeFile(file, page);
console.log('wrote docs/cli.md');
