import { afterEach, describe, expect, it } from '@jest/globals';
import type { Style } from '@evident/core';
import { cp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode } from '../exit-codes.js';
import { captureInFixture, coreFixture, expectNoStackTrace, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';
import { commands } from './registry.js';

/** A style that marks every call with ANSI colour codes, as a terminal style would. */
const colourStyle: Style = Object.fromEntries(
  ['red', 'yellow', 'blue', 'green', 'dim', 'bold', 'underline'].map((name) => [name, (text: string) => `\u001b[31m${text}\u001b[39m`]),
) as unknown as Style;

afterEach(removeTemporary);

describe('evident check: exit codes', () => {
  it('exits 0 on a clean repository', async () => {
    const result = await captureInFixture(['check', '--root', coreFixture('schema', 'ok')]);
    expect(result).toEqual({ code: ExitCode.ok, stdout: '0 errors, 0 warnings, 0 info\n', stderr: '' });
  });

  it('checks the working directory without --root', async () => {
    const result = await captureInFixture(['check'], { cwd: coreFixture('id-duplicate', 'not-ok') });
    expect(result.code).toBe(ExitCode.findings);
    expect(result.stdout).toContain('policies/archive/access-control.md:2:5 error Unexpected duplicate policy id `access-control`');
  });

  it('exits 1 on errors and prints them as file:line:col', async () => {
    const result = await captureInFixture(['check', '--root', coreFixture('id-file-name', 'not-ok')]);
    expect(result.code).toBe(ExitCode.findings);
    expect(result.stdout).toBe(
      [
        'controls/ac-01.md',
        '  controls/ac-01.md:2:5 error Unexpected id `AC-01` in `ac-01.md`, expected the file to be named `AC-01.md` [id/file-name]',
        '',
        'policies/access.md',
        '  policies/access.md:2:5 error Unexpected id `access-control` in `access.md`, expected the file to be named `access-control.md` [id/file-name]',
        '',
        '2 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
  });

  it('exits 0 on warnings, and 1 on warnings with --strict', async () => {
    const lenient = await captureInFixture(['check', '--root', coreFixture('review-overdue', 'not-ok')]);
    expect(lenient.code).toBe(ExitCode.ok);
    expect(lenient.stdout).toMatch(/0 errors, 2 warnings, 0 info\n$/);
    const strict = await captureInFixture(['check', '--strict', '--root', coreFixture('review-overdue', 'not-ok')]);
    expect(strict.code).toBe(ExitCode.findings);
    expect(strict.stdout).toBe(lenient.stdout);
  });

  it('takes today from --now, not from the clock', async () => {
    const early = await captureInFixture(['check', '--strict', '--now', '2026-10-31', '--root', coreFixture('review-overdue', 'not-ok')]);
    expect(early).toMatchObject({ code: ExitCode.ok, stdout: '0 errors, 0 warnings, 0 info\n' });
  });

  it('exits 2 on an unknown option, pointing to the usage, with no stack trace', async () => {
    const result = await captureInFixture(['check', '--bogus']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error Unexpected option `--bogus` for `evident check`, expected one of `--root`, `--format`, `--strict`, `--now`, `--help`\nRun `evident check --help` for usage.\n');
    expectNoStackTrace(result);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await captureInFixture(['frobnicate', '--root', '.']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toBe(`error Unexpected command \`frobnicate\`, expected one of ${commands.map((c) => `\`${c.name}\``).join(', ')}\nRun \`evident --help\` for usage.\n`);
    expectNoStackTrace(result);
  });

  it('exits 2 on an unknown format or a malformed --now', async () => {
    const format = await captureInFixture(['check', '--format', 'xml']);
    expect(format.code).toBe(ExitCode.usage);
    expect(format.stderr).toBe('error Unexpected format `xml`, expected one of text, json, github\nRun `evident check --help` for usage.\n');
    const now = await captureInFixture(['check', '--now', '26/11/2026']);
    expect(now.code).toBe(ExitCode.usage);
    expect(now.stderr).toMatch(/^error Unexpected --now `26\/11\/2026`, expected a date as YYYY-MM-DD\n/);
    expectNoStackTrace(format);
    expectNoStackTrace(now);
  });

  it('exits 2 when evident.yaml is missing', async () => {
    const empty = await temporaryDirectory();
    const result = await captureInFixture(['check', '--root', empty]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error No evident.yaml in ${empty}: run \`evident init\` or pass --root to the repository that holds it\n`);
    expectNoStackTrace(result);
  });

  it('prints a JSON document saying evident.yaml is missing with --format json, and exits 2 as before', async () => {
    const empty = await temporaryDirectory();
    const result = await captureInFixture(['check', '--root', empty, '--format', 'json']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toBe(`error No evident.yaml in ${empty}: run \`evident init\` or pass --root to the repository that holds it\n`);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      summary: { errors: 1, warnings: 0, infos: 0 },
      diagnostics: [
        {
          ruleId: 'config',
          severity: 'error',
          message: `Missing \`evident.yaml\` in ${empty}, expected the program's configuration: run \`evident init\` or pass --root to the repository that holds it`,
          file: 'evident.yaml',
          line: null,
          column: null,
          endLine: null,
          endColumn: null,
          related: [],
          url: 'docs/rules/config.md',
        },
      ],
    });
    expectNoStackTrace(result);
  });

  it('prints the findings of an invalid evident.yaml as JSON with --format json, and exits 2', async () => {
    const result = await captureInFixture(['check', '--root', coreFixture('config', 'not-ok'), '--format', 'json']);
    expect(result.code).toBe(ExitCode.usage);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.summary).toEqual({ errors: 5, warnings: 0, infos: 0 });
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId: 'config', file: 'evident.yaml', line: 1, message: 'Missing key `audit` in evident.yaml, expected it to be set' });
  });

  it('exits 2 when evident.yaml is invalid, and prints its findings', async () => {
    const result = await captureInFixture(['check', '--root', coreFixture('config', 'not-ok')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toContain('evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]');
    expect(result.stdout).toMatch(/5 errors, 0 warnings, 0 info\n$/);
    expectNoStackTrace(result);
  });

  it('exits 2 when evident.yaml is a symbolic link out of the repository, without printing its target', async () => {
    const parent = await temporaryDirectory();
    const root = path.join(parent, 'repo');
    await cp(coreFixture('schema', 'ok'), root, { recursive: true });
    await writeFile(path.join(parent, 'secrets.yaml'), 'DEPLOY_TOKEN: do-not-print-me\n');
    await rm(path.join(root, 'evident.yaml'));
    await symlink('../secrets.yaml', path.join(root, 'evident.yaml'));
    const result = await captureInFixture(['check', '--root', root]);
    expect(result.code).toBe(ExitCode.usage);
    // Reported like any other finding about evident.yaml, so --format json output is complete too.
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('evident.yaml:1:1 error Unexpected symbolic link to a path outside the repository, expected a file inside it [config]');
    expect(result.stdout + result.stderr).not.toContain('do-not-print-me');
    const json = await captureInFixture(['check', '--root', root, '--format', 'json']);
    expect(json.code).toBe(ExitCode.usage);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ ruleId: 'config', file: 'evident.yaml' })]);
    expectNoStackTrace(result);
  });
});

describe('evident check: output formats', () => {
  it('prints version 1 JSON with the documented shape', async () => {
    const result = await captureInFixture(['check', '--format', 'json', '--root', coreFixture('id-duplicate', 'not-ok')]);
    expect(result.code).toBe(ExitCode.findings);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['version', 'summary', 'diagnostics']);
    expect(parsed.version).toBe(1);
    expect(parsed.summary).toEqual({ errors: 4, warnings: 0, infos: 0 });
    expect(parsed.diagnostics).toHaveLength(4);
    for (const d of parsed.diagnostics) {
      expect(Object.keys(d)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'related', 'url']);
    }
    expect(parsed.diagnostics[0]).toEqual({
      ruleId: 'id/duplicate',
      severity: 'error',
      message: 'Unexpected team id `security`, expected an id used by no other team or person',
      file: 'evident.yaml',
      line: 16,
      column: 9,
      endLine: 16,
      endColumn: 17,
      related: [{ file: 'evident.yaml', line: 13, message: '`security` is first defined here' }],
      url: 'docs/rules/id-duplicate.md',
    });
  });

  it('prints an empty JSON report for a clean repository', async () => {
    const result = await captureInFixture(['check', '-f', 'json', '--root', coreFixture('schema', 'ok')]);
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout)).toEqual({ version: 1, summary: { errors: 0, warnings: 0, infos: 0 }, diagnostics: [] });
  });

  it('uses null for positions a finding does not have', async () => {
    const parent = await temporaryDirectory();
    const root = path.join(parent, 'repo');
    await cp(coreFixture('schema', 'ok'), root, { recursive: true });
    await writeFile(path.join(root, 'policies', 'binary.md'), Uint8Array.from([0x00, 0x01, 0x02]));
    const result = await captureInFixture(['check', '--format', 'json', '--root', root]);
    const [binary] = JSON.parse(result.stdout).diagnostics;
    expect(binary).toMatchObject({ ruleId: 'parse/binary', file: 'policies/binary.md', line: null, column: null, endLine: null, endColumn: null, related: [], url: 'docs/rules/parse.md' });
  });

  it('prints GitHub workflow commands, one per finding', async () => {
    const errors = await captureInFixture(['check', '--format', 'github', '--root', coreFixture('id-file-name', 'not-ok')]);
    expect(errors.code).toBe(ExitCode.findings);
    expect(errors.stdout).toBe(
      [
        '::error file=controls/ac-01.md,line=2,endLine=2,col=5,endColumn=10,title=Evident id/file-name::Unexpected id `AC-01` in `ac-01.md`, expected the file to be named `AC-01.md`',
        '::error file=policies/access.md,line=2,endLine=2,col=5,endColumn=19,title=Evident id/file-name::Unexpected id `access-control` in `access.md`, expected the file to be named `access-control.md`',
        '',
      ].join('\n'),
    );
    const warnings = await captureInFixture(['check', '--format', 'github', '--root', coreFixture('review-missing', 'not-ok')]);
    expect(warnings.stdout).toMatch(/^::warning file=policies\/access-control\.md,line=9,/);
    const infos = await captureInFixture(['check', '--format', 'github', '--root', coreFixture('reference-out-of-scope-criterion', 'not-ok')]);
    expect(infos.stdout).toMatch(/^::notice file=controls\/AV-01\.md,line=5,/);
    const clean = await captureInFixture(['check', '--format', 'github', '--root', coreFixture('schema', 'ok')]);
    expect(clean).toEqual({ code: ExitCode.ok, stdout: '', stderr: '' });
  });

  it('prints no colour codes with a plain style', async () => {
    for (const format of ['text', 'json', 'github']) {
      const result = await captureInFixture(['check', '--format', format, '--root', coreFixture('reference-unknown-person', 'not-ok')]);
      expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);
    }
    const usage = await captureInFixture(['check', '--bogus']);
    expect(usage.stderr).not.toMatch(/\u001b\[/);
  });

  it('colours only the text format when the style has colours', async () => {
    const text = await captureInFixture(['check', '--root', coreFixture('reference-unknown-person', 'not-ok')], { style: colourStyle });
    expect(text.stdout).toMatch(/\u001b\[/);
    for (const format of ['json', 'github']) {
      const result = await captureInFixture(['check', '--format', format, '--root', coreFixture('reference-unknown-person', 'not-ok')], { style: colourStyle });
      expect(result.stdout).not.toMatch(/\u001b\[/);
    }
  });
});
