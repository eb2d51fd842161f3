import { ConfigNotFoundError, ConfigUnreadableError } from '@evident/core';
import { describeBuild, readBuildInfo } from './build-info.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { ExitCode, UsageError, type ExitCodeValue } from './exit-codes.js';
import { commandHelp, mainHelp } from './help-text.js';
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

/**
 * The `evident` program: returns the exit code; never calls process.exit. `commands` defaults to
 * every command (the registry, loaded on first use).
 */
export async function runCli(argv: readonly string[], io: CliIo, commands?: readonly Command[]): Promise<ExitCodeValue> {
  commands ??= (await import('./commands/registry.js')).commands;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(mainHelp(commands, VERSION));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${describeBuild(readBuildInfo())}\n`);
    return ExitCode.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr(`${io.errStyle.red('error')} ${unknownCommandMessage(argv, commands)}\n${helpHint('evident')}`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
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
