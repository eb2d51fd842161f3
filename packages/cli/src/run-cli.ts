import { ConfigNotFoundError, ConfigUnreadableError } from '@evident/core';
import { describeBuild, readBuildInfo } from './build-info.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { ExitCode, UsageError, type ExitCodeValue } from './exit-codes.js';
import { commandHelp, groupHelp, mainHelp } from './help-text.js';
import { parseOptions } from './parse-options.js';
import { unknownCommandMessage } from './unknown-command-message.js';
import { VERSION } from './version.js';

/** Find the command named by the leading words of argv (longest match wins). */
function findCommand(argv: readonly string[], commands: readonly Command[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

/** Whether `word` is the first word of commands named by two or more words, such as `evidence`. */
const isGroup = (word: string | undefined, commands: readonly Command[]) => word !== undefined && commands.some((c) => c.name.startsWith(`${word} `));

const asksForHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

/** `evident help <command>` or `evident help <group>`: the same text as its `--help`. */
function helpAbout(topic: readonly string[], io: CliIo, commands: readonly Command[]): ExitCodeValue {
  const found = findCommand(topic, commands);
  if (found && found.rest.length === 0) {
    io.stdout(commandHelp(found.command));
    return ExitCode.ok;
  }
  if (topic.length === 1 && isGroup(topic[0], commands)) {
    io.stdout(groupHelp(topic[0]!, commands));
    return ExitCode.ok;
  }
  const message = found
    ? `Unexpected \`${found.rest.join(' ')}\` after \`evident help ${found.command.name}\`, expected one command`
    : unknownCommandMessage(topic, commands);
  io.stderr(`${io.errStyle.red('error')} ${message}\n${helpHint('evident')}`);
  return ExitCode.usage;
}

/**
 * The `evident` program: returns the exit code; never calls process.exit. `commands` defaults to
 * every command (the registry, loaded on first use).
 */
export async function runCli(argv: readonly string[], io: CliIo, commands?: readonly Command[]): Promise<ExitCodeValue> {
  commands ??= (await import('./commands/registry.js')).commands;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
    io.stdout(mainHelp(commands, VERSION));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === 'help') return helpAbout(argv.slice(1), io, commands);
  if (argv[0] === '--version' || argv[0] === '-v') {
    if (argv.length > 1) {
      io.stderr(`${io.errStyle.red('error')} Unexpected argument \`${argv[1]}\` after \`evident ${argv[0]}\`, expected \`evident ${argv[0]}\` alone\n${helpHint('evident')}`);
      return ExitCode.usage;
    }
    io.stdout(`${describeBuild(readBuildInfo())}\n`);
    return ExitCode.ok;
  }
  const found = findCommand(argv, commands);
  // `evident evidence --help` or `evident evidence` alone: the commands of the group. Named alone,
  // it is a usage error (exit 2) that still shows the way on stdout, as `evident` alone does.
  if (!found && isGroup(argv[0], commands) && (argv.length === 1 || (argv[1]!.startsWith('-') && asksForHelp(argv.slice(1))))) {
    io.stdout(groupHelp(argv[0]!, commands));
    return argv.length === 1 ? ExitCode.usage : ExitCode.ok;
  }
  if (!found) {
    io.stderr(`${io.errStyle.red('error')} ${unknownCommandMessage(argv, commands)}\n${helpHint('evident')}`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (asksForHelp(rest)) {
    io.stdout(commandHelp(command));
    return ExitCode.ok;
  }
  try {
    return await command.run(parseOptions(command, rest), io);
  } catch (error) {
    return reportError(error, command, io);
  }
}

/** The line after a usage error: where the usage is, rather than all of it. */
const helpHint = (program: string) => `Run \`${program} --help\` for usage.\n`;

function reportError(error: unknown, command: Command, io: CliIo): ExitCodeValue {
  const err = error as Error & { code?: string };
  if (error instanceof UsageError) {
    io.stderr(`${io.errStyle.red('error')} ${err.message}\n${helpHint(`evident ${command.name}`)}`);
    return ExitCode.usage;
  }
  if (error instanceof ConfigNotFoundError || error instanceof ConfigUnreadableError) {
    io.stderr(`${io.errStyle.red('error')} ${err.message}\n`);
    return ExitCode.usage;
  }
  io.stderr(`${io.errStyle.red('internal error')} ${err.message ?? String(error)}\n${io.env.EVIDENT_DEBUG ? `${err.stack ?? ''}\n` : 'Set EVIDENT_DEBUG=1 for a stack trace.\n'}`);
  return ExitCode.usage;
}
