#!/usr/bin/env node
// Writes docs/cli.md from the commands' own help, so the reference cannot drift.
// With --check, fails when the committed page differs.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBuild, parseBuildInfo } from '../packages/cli/dist/build-info.js';
import { commandHelp, commands, mainHelp, runCli, VERSION } from '../packages/cli/dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'docs/cli.md');
const cliManifest = JSON.parse(await readFile(path.join(root, 'packages/cli/package.json'), 'utf8'));

/** What `evident ...argv` prints on stderr, run in memory without colours: the examples below cannot drift either. */
async function stderrOf(argv) {
  let stderr = '';
  const same = (text) => text;
  const style = { red: same, yellow: same, blue: same, green: same, dim: same, bold: same, underline: same };
  const io = { stdout: () => {}, stderr: (text) => void (stderr += text), cwd: root, env: {}, style, errStyle: style, stderrIsTTY: false, now: () => new Date(0) };
  await runCli(argv, io);
  return [`$ evident ${argv.join(' ')}`, stderr.trimEnd()];
}
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
  '| `NO_COLOR` | all | Any value but the empty string turns colours off, whatever `FORCE_COLOR` says. |',
  '| `FORCE_COLOR` | all | `0` or `false` turns colours off; any other value (`1`, `2`, `3`, `true`) turns them on even when output is not a terminal. |',
  '| `EVIDENT_DEBUG` | all | Prints a stack trace with internal errors. |',
  '',
  '## Exit codes',
  '',
  'Every command exits with one of three codes; its `--help` says what 1 means for it.',
  '',
  '| Code | Meaning |',
  '| --- | --- |',
  '| `0` | Success: the command did its work and found nothing it exists to report. |',
  '| `1` | It found what it exists to report: findings at error level (or warnings with `--strict`), an uncovered criterion, a failed verification or a broken evidence chain, something overdue, a file that already exists. |',
  '| `2` | A usage error (unknown command or option, missing or malformed value), a configuration error (no or invalid `evident.yaml`), an environment fault (GitHub or git unreachable, no token, output that cannot be written such as a full disk) or an internal error. |',
  '',
  'A command whose reader closes its stdout (`evident check | head -1`) stops at once, quietly, with',
  'code `141` (128 + SIGPIPE), as a shell reports a command a closed pipe ended.',
  '',
  '## Usage errors',
  '',
  'A mistake on the command line is one line on stderr naming what was unexpected, and the command or',
  'option most likely meant when one is close, then where the usage is. Nothing is written to stdout,',
  'and the exit code is 2.',
  '',
  '```text',
  ...(await stderrOf(['chek'])),
  ...(await stderrOf(['check', '--formt', 'json'])),
  '```',
  '',
  '## Colours',
  '',
  'Text output is coloured only when it goes to a terminal (and `TERM` is not `dumb`); stdout and stderr',
  'are decided separately, so `evident check > report.txt` writes no escape codes. `NO_COLOR` set to any',
  'non-empty value turns colours off and wins over everything else. `FORCE_COLOR=1` (or `2`, `3`, `true`)',
  'turns them on without a terminal, as in CI logs that render them; `FORCE_COLOR=0` or `false` turns them off.',
  'Machine-readable output (`--format json`, `github`, `markdown`, `csv`) is never coloured.',
  '',
  '## Version',
  '',
  '`evident --version` (or `-v`) prints the package, its release, and the tag, commit and repository it',
  'was built from, as recorded in the packed package\'s `build-info.json`. A build from a checkout of',
  'this repository has none and says so:',
  '',
  '```text',
  '$ evident --version',
  describeBuild(parseBuildInfo(JSON.stringify({ version: VERSION, commit: '0123456789abcdef0123456789abcdef01234567', repository: 'OWNER/REPO', tag: `evident-v${VERSION}` }))),
  '$ node packages/cli/dist/bin.js --version',
  describeBuild(parseBuildInfo(undefined)),
  '```',
  '',
  `Evident runs on Node.js ${cliManifest.engines.node.replace('>=', '')} or later (the active LTS lines and Node.js 20).`,
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
