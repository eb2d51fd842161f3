import { describe, expect, it } from '@jest/globals';
import type { Command } from './command.js';
import { commands } from './commands/registry.js';
import { ExitCode } from './exit-codes.js';
import { describeBuild, readBuildInfo } from './build-info.js';
import { captureInFixture, stackTrace } from './test-support/capture-run.js';
import { VERSION } from './version.js';

describe('help and version', () => {
  it.each(commands.map((command) => [command.name, command] as const))('prints the help of `%s`', async (_name, command) => {
    const words = command.name.split(' ');
    for (const flag of ['--help', '-h']) {
      const result = await captureInFixture([...words, flag]);
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
    const result = await captureInFixture(['check', '--bogus', '--help']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout.startsWith('Usage: evident check')).toBe(true);
  });

  it.each([['--help'], ['-h'], ['help']])('prints the main help for `%s` and exits 0', async (flag) => {
    const result = await captureInFixture([flag]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout.startsWith(`evident ${VERSION}: SOC 2 compliance as code\n`)).toBe(true);
    for (const command of commands) expect(result.stdout).toContain(`  ${command.name}`);
  });

  const groups = [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))];

  it('finds every group of commands in the registry', () => {
    expect(groups.sort()).toEqual(['access', 'ack', 'evidence', 'populations', 'reminders', 'rename', 'signing', 'vulnerabilities']);
  });

  it.each(groups)('prints the commands of the group `%s` for --help, -h and `evident help <group>`, and exits 0', async (group) => {
    const members = commands.filter((c) => c.name.startsWith(`${group} `));
    const result = await captureInFixture([group, '--help']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith(`Usage: evident ${group} <command> [options]\n\nCommands:\n`)).toBe(true);
    for (const member of members) {
      expect(result.stdout).toMatch(new RegExp(`^  ${member.name} +${member.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n +Usage: ${member.usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
    expect(result.stdout).toContain(`Run \`evident ${group} <command> --help\` for the options of a command.`);
    expect(await captureInFixture([group, '-h'])).toEqual(result);
    expect(await captureInFixture(['help', group])).toEqual(result);
    expect(await captureInFixture([group, '--format', 'json', '--help'])).toEqual(result);
  });

  it.each(groups)('prints the commands of the group `%s` named alone, and exits 2 as a usage error', async (group) => {
    const help = await captureInFixture([group, '--help']);
    expect(await captureInFixture([group])).toEqual({ code: ExitCode.usage, stdout: help.stdout, stderr: '' });
  });

  it('lists the commands of a group, and nothing else, whatever the registry holds', async () => {
    const command = (name: string): Command => ({ name, summary: `Does ${name}.`, usage: `evident ${name} [--x]`, options: {}, run: async () => ExitCode.ok });
    const result = await captureInFixture(['tools', '--help'], { commands: [command('tools one'), command('toolsmith'), command('tools two'), command('other one')] });
    expect(result).toEqual({
      code: ExitCode.ok,
      stderr: '',
      stdout: [
        'Usage: evident tools <command> [options]',
        '',
        'Commands:',
        '  tools one   Does tools one.',
        '              Usage: evident tools one [--x]',
        '  tools two   Does tools two.',
        '              Usage: evident tools two [--x]',
        '',
        'Options:',
        '  -h, --help  Show this help.',
        '',
        'Run `evident tools <command> --help` for the options of a command.',
        '',
      ].join('\n'),
    });
  });

  it('still reports a mistyped command of a group, even with --help', async () => {
    const result = await captureInFixture(['evidence', 'colect', '--help']);
    expect(result).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'error Unexpected command `evidence colect`, expected a command such as `evidence collect`. Did you mean `evident evidence collect`?\nRun `evident --help` for usage.\n',
    });
    const option = await captureInFixture(['evidence', '--format', 'json']);
    expect(option.code).toBe(ExitCode.usage);
    expect(option.stdout).toBe('');
    expect(option.stderr).toContain('error Unexpected command `evidence`');
  });

  it.each(commands.map((command) => [command.name] as const))('prints for `evident help %s` the help of that command, as its --help does', async (name) => {
    const words = name.split(' ');
    const help = await captureInFixture(['help', ...words]);
    expect(help.code).toBe(ExitCode.ok);
    expect(help).toEqual(await captureInFixture([...words, '--help']));
  });

  it('prints the help of `check` for `evident help check`, not the main help', async () => {
    const result = await captureInFixture(['help', 'check']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout.startsWith('Usage: evident check')).toBe(true);
    expect(result.stdout).not.toContain('SOC 2 compliance as code');
  });

  it('reports `evident help` of an unknown command, or of more than one command, as a usage error', async () => {
    expect(await captureInFixture(['help', 'chek'])).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'error Unexpected command `chek`, expected a command such as `check`. Did you mean `evident check`?\nRun `evident --help` for usage.\n',
    });
    expect(await captureInFixture(['help', 'check', 'coverage'])).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'error Unexpected `coverage` after `evident help check`, expected one command\nRun `evident --help` for usage.\n',
    });
  });

  it('points to the help of groups and of `evident help <command>` in the main help', async () => {
    const result = await captureInFixture(['--help']);
    expect(result.stdout).toContain('`evident <group> --help`');
    expect(result.stdout).toContain('`evident help <command>`');
  });

  it('prints the main help and exits 2 with no arguments', async () => {
    const result = await captureInFixture([]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toContain('Usage: evident <command> [options]');
  });

  it('prints the release and the commit it was built from', async () => {
    const line = `${describeBuild(readBuildInfo())}\n`;
    expect(line.startsWith(`evident-soc2 ${VERSION} (`)).toBe(true);
    expect(await captureInFixture(['--version'])).toEqual({ code: ExitCode.ok, stdout: line, stderr: '' });
    expect(await captureInFixture(['-v'])).toEqual({ code: ExitCode.ok, stdout: line, stderr: '' });
  });
});

describe('usage errors', () => {
  it('suggests the command meant, in one line and a pointer to the help', async () => {
    const result = await captureInFixture(['chek', '--root', '.']);
    expect(result).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'error Unexpected command `chek`, expected a command such as `check`. Did you mean `evident check`?\nRun `evident --help` for usage.\n',
    });
  });

  it('suggests the option meant, naming the command', async () => {
    const result = await captureInFixture(['check', '--formt', 'json']);
    expect(result).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'error Unexpected option `--formt` for `evident check`. Did you mean `--format`?\nRun `evident check --help` for usage.\n',
    });
  });

  it('suggests `--version` for an option mistyped before any command', async () => {
    const result = await captureInFixture(['--verison']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error Unexpected option `--verison` for `evident`. Did you mean `evident --version`?\nRun `evident --help` for usage.\n');
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
    const quiet = await captureInFixture(['broken'], { commands: [broken] });
    expect(quiet).toEqual({ code: ExitCode.usage, stdout: '', stderr: 'internal error Cannot read properties of undefined\nSet EVIDENT_DEBUG=1 for a stack trace.\n' });
    const debug = await captureInFixture(['broken'], { commands: [broken], env: { EVIDENT_DEBUG: '1' } });
    expect(debug.code).toBe(ExitCode.usage);
    expect(debug.stderr).toMatch(stackTrace);
  });
});
