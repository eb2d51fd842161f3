import { afterEach, describe, expect, it } from '@jest/globals';
import { plainStyle, type Style } from '@evident/core';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { commands } from './commands/registry.js';
import { ExitCode } from './exit-codes.js';
import { runCli } from './run-cli.js';
import { VERSION } from './version.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core/test/fixtures');
const repo = (page: string, variant: 'ok' | 'not-ok') => path.join(fixtures, page, variant);

/** A style that marks every call with ANSI colour codes, as a terminal style would. */
const colourStyle: Style = Object.fromEntries(
  ['red', 'yellow', 'blue', 'green', 'dim', 'bold', 'underline'].map((name) => [name, (text: string) => `\u001b[31m${text}\u001b[39m`]),
) as unknown as Style;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; style?: Style; env?: Record<string, string>; commands?: readonly Command[] } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd ?? repo('schema', 'ok'),
    env: options.env ?? {},
    style: options.style ?? plainStyle,
    errStyle: options.style ?? plainStyle,
    stderrIsTTY: false,
    now: () => new Date('2026-11-26T12:00:00Z'),
  };
  const code = await runCli(argv, io, options.commands);
  return { code, stdout, stderr };
}

const stackTrace = /\n\s+at .+[:(]/;

function expectNoStackTrace(result: Run): void {
  expect(result.stdout).not.toMatch(stackTrace);
  expect(result.stderr).not.toMatch(stackTrace);
  expect(result.stderr).not.toContain('internal error');
}

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-cli-'));
  temporary.push(dir);
  return dir;
}

describe('evident check: exit codes', () => {
  it('exits 0 on a clean repository', async () => {
    const result = await run(['check', '--root', repo('schema', 'ok')]);
    expect(result).toEqual({ code: ExitCode.ok, stdout: '0 errors, 0 warnings, 0 info\n', stderr: '' });
  });

  it('checks the working directory without --root', async () => {
    const result = await run(['check'], { cwd: repo('id-duplicate', 'not-ok') });
    expect(result.code).toBe(ExitCode.findings);
    expect(result.stdout).toContain('policies/archive/access-control.md:2:5 error Unexpected duplicate policy id `access-control`');
  });

  it('exits 1 on errors and prints them as file:line:col', async () => {
    const result = await run(['check', '--root', repo('id-file-name', 'not-ok')]);
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
    const lenient = await run(['check', '--root', repo('review-overdue', 'not-ok')]);
    expect(lenient.code).toBe(ExitCode.ok);
    expect(lenient.stdout).toMatch(/0 errors, 2 warnings, 0 info\n$/);
    const strict = await run(['check', '--strict', '--root', repo('review-overdue', 'not-ok')]);
    expect(strict.code).toBe(ExitCode.findings);
    expect(strict.stdout).toBe(lenient.stdout);
  });

  it('takes today from --now, not from the clock', async () => {
    const early = await run(['check', '--strict', '--now', '2026-10-31', '--root', repo('review-overdue', 'not-ok')]);
    expect(early).toMatchObject({ code: ExitCode.ok, stdout: '0 errors, 0 warnings, 0 info\n' });
  });

  it('exits 2 on an unknown option, with the usage and no stack trace', async () => {
    const result = await run(['check', '--bogus']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error .*--bogus.*\nUsage: evident check /);
    expectNoStackTrace(result);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await run(['frobnicate', '--root', '.']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toBe(`error Unexpected command \`frobnicate\`, expected one of: ${commands.map((c) => c.name).join(', ')}. See \`evident --help\`.\n`);
    expectNoStackTrace(result);
  });

  it('exits 2 on an unknown format or a malformed --now', async () => {
    const format = await run(['check', '--format', 'xml']);
    expect(format.code).toBe(ExitCode.usage);
    expect(format.stderr).toBe('error Unexpected format `xml`, expected one of text, json, github\nUsage: evident check [--root DIR] [--format text|json|github] [--strict] [--now DATE]\n');
    const now = await run(['check', '--now', '26/11/2026']);
    expect(now.code).toBe(ExitCode.usage);
    expect(now.stderr).toMatch(/^error Unexpected --now `26\/11\/2026`, expected a date as YYYY-MM-DD\n/);
    expectNoStackTrace(format);
    expectNoStackTrace(now);
  });

  it('exits 2 when evident.yaml is missing', async () => {
    const empty = await tempDir();
    const result = await run(['check', '--root', empty]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error No evident.yaml in ${empty}: run \`evident init\` or pass --root to the repository that holds it\n`);
    expectNoStackTrace(result);
  });

  it('exits 2 when evident.yaml is invalid, and prints its findings', async () => {
    const result = await run(['check', '--root', repo('config', 'not-ok')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toContain('evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]');
    expect(result.stdout).toMatch(/5 errors, 0 warnings, 0 info\n$/);
    expectNoStackTrace(result);
  });

  it('exits 2 when evident.yaml is a symbolic link out of the repository, without printing its target', async () => {
    const parent = await tempDir();
    const root = path.join(parent, 'repo');
    await cp(repo('schema', 'ok'), root, { recursive: true });
    await writeFile(path.join(parent, 'secrets.yaml'), 'DEPLOY_TOKEN: do-not-print-me\n');
    await rm(path.join(root, 'evident.yaml'));
    await symlink('../secrets.yaml', path.join(root, 'evident.yaml'));
    const result = await run(['check', '--root', root]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toBe('error evident.yaml: Unexpected symbolic link to a path outside the repository, expected a file inside it\n');
    expect(result.stdout + result.stderr).not.toContain('do-not-print-me');
    expectNoStackTrace(result);
  });
});

describe('evident check: output formats', () => {
  it('prints version 1 JSON with the documented shape', async () => {
    const result = await run(['check', '--format', 'json', '--root', repo('id-duplicate', 'not-ok')]);
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
    const result = await run(['check', '-f', 'json', '--root', repo('schema', 'ok')]);
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout)).toEqual({ version: 1, summary: { errors: 0, warnings: 0, infos: 0 }, diagnostics: [] });
  });

  it('uses null for positions a finding does not have', async () => {
    const parent = await tempDir();
    const root = path.join(parent, 'repo');
    await cp(repo('schema', 'ok'), root, { recursive: true });
    await writeFile(path.join(root, 'policies', 'binary.md'), Uint8Array.from([0x00, 0x01, 0x02]));
    const result = await run(['check', '--format', 'json', '--root', root]);
    const [binary] = JSON.parse(result.stdout).diagnostics;
    expect(binary).toMatchObject({ ruleId: 'parse/binary', file: 'policies/binary.md', line: null, column: null, endLine: null, endColumn: null, related: [], url: 'docs/rules/parse.md' });
  });

  it('prints GitHub workflow commands, one per finding', async () => {
    const errors = await run(['check', '--format', 'github', '--root', repo('id-file-name', 'not-ok')]);
    expect(errors.code).toBe(ExitCode.findings);
    expect(errors.stdout).toBe(
      [
        '::error file=controls/ac-01.md,line=2,endLine=2,col=5,endColumn=10,title=Evident id/file-name::Unexpected id `AC-01` in `ac-01.md`, expected the file to be named `AC-01.md`',
        '::error file=policies/access.md,line=2,endLine=2,col=5,endColumn=19,title=Evident id/file-name::Unexpected id `access-control` in `access.md`, expected the file to be named `access-control.md`',
        '',
      ].join('\n'),
    );
    const warnings = await run(['check', '--format', 'github', '--root', repo('review-missing', 'not-ok')]);
    expect(warnings.stdout).toMatch(/^::warning file=policies\/access-control\.md,line=9,/);
    const infos = await run(['check', '--format', 'github', '--root', repo('reference-out-of-scope-criterion', 'not-ok')]);
    expect(infos.stdout).toMatch(/^::notice file=controls\/AV-01\.md,line=5,/);
    const clean = await run(['check', '--format', 'github', '--root', repo('schema', 'ok')]);
    expect(clean).toEqual({ code: ExitCode.ok, stdout: '', stderr: '' });
  });

  it('prints no colour codes with a plain style', async () => {
    for (const format of ['text', 'json', 'github']) {
      const result = await run(['check', '--format', format, '--root', repo('reference-unknown-person', 'not-ok')]);
      expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);
    }
    const usage = await run(['check', '--bogus']);
    expect(usage.stderr).not.toMatch(/\u001b\[/);
  });

  it('colours only the text format when the style has colours', async () => {
    const text = await run(['check', '--root', repo('reference-unknown-person', 'not-ok')], { style: colourStyle });
    expect(text.stdout).toMatch(/\u001b\[/);
    for (const format of ['json', 'github']) {
      const result = await run(['check', '--format', format, '--root', repo('reference-unknown-person', 'not-ok')], { style: colourStyle });
      expect(result.stdout).not.toMatch(/\u001b\[/);
    }
  });
});

describe('evident coverage', () => {
  it('prints version 1 JSON with totals and one entry per criterion in scope', async () => {
    const result = await run(['coverage', '--format', 'json', '--root', repo('coverage-uncovered-criterion', 'not-ok')]);
    expect(result.code).toBe(ExitCode.findings);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      totals: { criteria: 4, covered: 2, uncovered: 2, planned: 0, implemented: 2, operating: 0 },
      criteria: [
        { id: 'CC6.1', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'implemented', controls: [{ id: 'AC-01', title: 'Quarterly access review', status: 'implemented' }], policies: ['access-control'] },
        { id: 'CC6.2', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'implemented', controls: [{ id: 'AC-01', title: 'Quarterly access review', status: 'implemented' }], policies: ['access-control'] },
        { id: 'CC6.3', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'uncovered', controls: [], policies: [] },
        { id: 'A1.1', category: 'availability', family: 'A1 Availability', state: 'uncovered', controls: [], policies: [] },
      ],
    });
  });

  it('exits 0 when every criterion in scope is covered', async () => {
    const result = await run(['coverage', '--root', repo('schema', 'ok')]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/3\/3 criteria covered: 0 operating, 3 implemented, 0 planned, 0 uncovered\n$/);
  });

  it('exits 2 on an invalid evident.yaml, with its findings on stderr', async () => {
    const result = await run(['coverage', '--root', repo('config', 'not-ok')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]');
    expectNoStackTrace(result);
  });

  it('exits 2 on an unknown format', async () => {
    const result = await run(['coverage', '--format', 'html']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/^error Unexpected format `html`, expected one of text, json, markdown, csv\n/);
  });
});

describe('help and version', () => {
  it.each(commands.map((command) => [command.name, command] as const))('prints the help of `%s`', async (_name, command) => {
    const words = command.name.split(' ');
    for (const flag of ['--help', '-h']) {
      const result = await run([...words, flag]);
      expect(result.code).toBe(ExitCode.ok);
      expect(result.stderr).toBe('');
      expect(result.stdout.startsWith(`Usage: ${command.usage}\n\n${command.summary}\n`)).toBe(true);
      for (const [option, spec] of Object.entries(command.options)) {
        expect(result.stdout).toContain(`--${option}`);
        expect(result.stdout).toContain(spec.description);
      }
      expect(result.stdout).toContain('-h, --help');
    }
  });

  it('prints the help of a command even next to invalid options', async () => {
    const result = await run(['check', '--bogus', '--help']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout.startsWith('Usage: evident check')).toBe(true);
  });

  it.each([['--help'], ['-h'], ['help']])('prints the main help for `%s` and exits 0', async (flag) => {
    const result = await run([flag]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout.startsWith(`evident ${VERSION}: SOC 2 compliance as code\n`)).toBe(true);
    for (const command of commands) expect(result.stdout).toContain(`  ${command.name}`);
  });

  it('prints the main help and exits 2 with no arguments', async () => {
    const result = await run([]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toContain('Usage: evident <command> [options]');
  });

  it('prints the version', async () => {
    expect(await run(['--version'])).toEqual({ code: ExitCode.ok, stdout: `${VERSION}\n`, stderr: '' });
    expect(await run(['-v'])).toEqual({ code: ExitCode.ok, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('internal errors', () => {
  const broken: Command = {
    name: 'broken',
    summary: 'Fails on purpose.',
    usage: 'evident broken',
    options: {},
    async run() {
      throw new TypeError('Cannot read properties of undefined');
    },
  };

  it('reports a bug in one line with exit code 2, and the stack only with EVIDENT_DEBUG', async () => {
    const quiet = await run(['broken'], { commands: [broken] });
    expect(quiet).toEqual({ code: ExitCode.usage, stdout: '', stderr: 'internal error Cannot read properties of undefined\nSet EVIDENT_DEBUG=1 for a stack trace.\n' });
    const debug = await run(['broken'], { commands: [broken], env: { EVIDENT_DEBUG: '1' } });
    expect(debug.code).toBe(ExitCode.usage);
    expect(debug.stderr).toMatch(stackTrace);
  });
});
