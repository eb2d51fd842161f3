import pc from 'picocolors';
import type { Command } from './command.js';
import { colourEnabled } from './colour-enabled.js';
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

/** The `evident` process: arguments, streams and environment in, exit code out. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
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
