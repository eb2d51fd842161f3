import pc from 'picocolors';
import type { Command } from './command.js';
import { colourEnabled } from './colour-enabled.js';
import { ExitCode } from './exit-codes.js';
import { runCli } from './run-cli.js';

const colours = (isTTY: boolean | undefined) => pc.createColors(colourEnabled(process.env, isTTY));

/**
 * The commands to look among. `evident check` runs on every pull request and at every prompt, so it
 * loads its own module and what that needs, not every command's; any other argv loads them all
 * (the registry). No other command's name starts with the word `check` (a test holds to that).
 */
export async function commandsFor(argv: readonly string[]): Promise<readonly Command[] | undefined> {
  if (argv[0] === 'check') return [(await import('./commands/check-command.js')).checkCommand];
  return undefined;
}

/** The exit code of a process whose stdout reader went away: 128 + SIGPIPE (13), as a shell reports one SIGPIPE ended. */
export const CLOSED_PIPE_EXIT_CODE = 141;

/**
 * A failed write to stdout or stderr ends the process now, without a stack trace: a reader that
 * closed the pipe (`evident check | head -1`, EPIPE) quietly, with the closed-pipe code; any other
 * fault (a full disk, ENOSPC) with one line on stderr, when stderr still works, and exit 2, an
 * environment fault.
 */
function endOnWriteFault(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr'): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(CLOSED_PIPE_EXIT_CODE);
    if (name === 'stdout') {
      try {
        process.stderr.write(`${colours(process.stderr.isTTY).red('error')} Cannot write to stdout: ${error.message.split('\n')[0]}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(ExitCode.usage);
  });
}

/** The `evident` process: arguments, streams and environment in, exit code out. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  endOnWriteFault(process.stdout, 'stdout');
  endOnWriteFault(process.stderr, 'stderr');
  const code = await runCli(
    argv,
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      env: process.env,
      style: colours(process.stdout.isTTY),
      errStyle: colours(process.stderr.isTTY),
      stderrIsTTY: Boolean(process.stderr.isTTY),
      now: () => new Date(),
    },
    await commandsFor(argv),
  );
  process.exitCode = code;
}
