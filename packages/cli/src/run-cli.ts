import { ConfigNotFoundError, ConfigUnreadableError } from '@evident/core';
import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { commands as defaultCommands } from './commands/registry.js';
import { ExitCode, UsageError, type ExitCodeValue } from './exit-codes.js';
import { commandHelp, mainHelp } from './help-text.js';
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

/** The `evident` program: returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly Command[] = defaultCommands): Promise<ExitCodeValue> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(mainHelp(commands, VERSION));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr(`${io.errStyle.red('error')} Unexpected command \`${argv[0]}\`, expected one of: ${commands.map((c) => c.name).join(', ')}. See \`evident --help\`.\n`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return ExitCode.ok;
  }
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
    );
    const parsed = parseArgs({ args: [...rest], options: options as never, allowPositionals: true, strict: true });
    return await command.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }, io);
  } catch (error) {
    return reportError(error, command, io);
  }
}

function reportError(error: unknown, command: Command, io: CliIo): ExitCodeValue {
  const err = error as Error & { code?: string };
  if (error instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`${io.errStyle.red('error')} ${err.message}\nUsage: ${command.usage}\n`);
    return ExitCode.usage;
  }
  if (error instanceof ConfigNotFoundError || error instanceof ConfigUnreadableError) {
    io.stderr(`${io.errStyle.red('error')} ${err.message}\n`);
    return ExitCode.usage;
  }
  io.stderr(`${io.errStyle.red('internal error')} ${err.message ?? String(error)}\n${io.env.EVIDENT_DEBUG ? `${err.stack ?? ''}\n` : 'Set EVIDENT_DEBUG=1 for a stack trace.\n'}`);
  return ExitCode.usage;
}
