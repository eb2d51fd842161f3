/**
 * Every command that loads the program and offers `--format json` prints, when evident.yaml is missing
 * or broken, a JSON document of the configuration's findings on stdout (as `evident check --format
 * json` does), keeps the message for people on stderr, and exits 2. Without `--format json`, stdout
 * stays empty.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, coreFixture, expectNoStackTrace, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

/** GitHub settings for the commands that open a session before reading the program; nothing is sent. */
const github = { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'example/program', GITHUB_API_URL: 'http://127.0.0.1:9' };

/** Each command, with what it needs besides --root and --format to reach the program (FILE: a file to add or import; OUT: a folder to write into). */
const commands: [string, string[]][] = [
  ['ack status', ['ack', 'status']],
  ['ack request', ['ack', 'request', '--all']],
  ['access review', ['access', 'review']],
  ['access collect', ['access', 'collect', '--dry-run']],
  ['populations collect', ['populations', 'collect', '--dry-run']],
  ['vulnerabilities collect', ['vulnerabilities', 'collect', '--dry-run']],
  ['evidence add', ['evidence', 'add', 'FILE', '--control', 'AC-01', '--covers', '2026-09', '--by', 'ada-lovelace']],
  ['evidence collect', ['evidence', 'collect', '--pr', '7']],
  ['import', ['import', 'FILE']],
  ['reminders sync', ['reminders', 'sync']],
  ['rename policy', ['rename', 'policy', 'access-control', 'identity-and-access']],
  ['bundle', ['bundle', '--out', 'OUT']],
];

async function run(argv: string[], root: string, json: boolean) {
  const work = await temporaryDirectory();
  const file = path.join(work, 'policy.md');
  await writeFile(file, '# Acceptable Use Policy\n\nUse company systems for company work.\n');
  const args = argv.map((a) => (a === 'FILE' ? file : a === 'OUT' ? path.join(work, 'out') : a));
  return capture([...args, '--root', root, ...(json ? ['--format', 'json'] : [])], { cwd: work, env: github });
}

describe.each(commands)('evident %s --format json on a broken configuration', (_name, argv) => {
  it('prints a JSON document saying evident.yaml is missing, the line on stderr, and exits 2', async () => {
    const empty = await temporaryDirectory();
    const result = await run(argv, empty, true);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error No evident.yaml in ${empty}: run \`evident init\` or pass --root to the repository that holds it\n`);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      summary: { errors: 1, warnings: 0, infos: 0 },
      diagnostics: [expect.objectContaining({ ruleId: 'config', severity: 'error', file: 'evident.yaml', line: null, message: `Missing \`evident.yaml\` in ${empty}, expected the program's configuration: run \`evident init\` or pass --root to the repository that holds it` })],
    });
    expectNoStackTrace(result);
    const text = await run(argv, empty, false);
    expect(text).toEqual({ code: 2, stdout: '', stderr: result.stderr });
  });

  it("prints the findings of an invalid evident.yaml as JSON, each at its line, and exits 2", async () => {
    const root = coreFixture('config', 'not-ok');
    const result = await run(argv, root, true);
    expect(result.code).toBe(2);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ version: 1, summary: { errors: 5, warnings: 0, infos: 0 } });
    expect(parsed.diagnostics.map((d: { ruleId: string; file: string; line: number }) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['evident.yaml:1 config', 'evident.yaml:3 config', 'evident.yaml:6 config', 'evident.yaml:7 config', 'evident.yaml:10 config']);
    expect(parsed.diagnostics[0].message).toBe('Missing key `audit` in evident.yaml, expected it to be set');
    expect(result.stderr).toContain('Missing key `audit` in evident.yaml, expected it to be set');
    expectNoStackTrace(result);
    const text = await run(argv, root, false);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(result.stderr);
  });
});
