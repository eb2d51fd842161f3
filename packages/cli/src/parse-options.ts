import { parseArgs } from 'node:util';
import { closestMatch } from './closest-match.js';
import type { Command } from './command.js';
import { UsageError } from './exit-codes.js';

export interface ParsedOptions {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

type OptionToken = { kind: 'option'; name: string; rawName: string; index: number; value?: string; inlineValue?: boolean };

/**
 * The options and positionals of `evident <command.name> ...args`. A mistake (an unknown option,
 * a missing value, a value given to a flag, a single-value option given twice, more arguments
 * than the command takes) is a `UsageError` in Evident's words, suggesting the option that was
 * probably meant; node:util's own messages never reach the user.
 */
export function parseOptions(command: Command, args: readonly string[]): ParsedOptions {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  const { tokens } = parseArgs({ args: [...args], options: options as never, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) if (token.kind === 'option') checkOption(command, token as OptionToken, args[token.index]!);
  checkRepeated(command, tokens.flatMap((token) => (token.kind === 'option' ? [token as OptionToken] : [])));
  checkPositionals(command, tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : [])));
  try {
    const parsed = parseArgs({ args: [...args], options: options as never, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedOptions['values'], positionals: parsed.positionals };
  } catch (error) {
    // Every mistake parseArgs knows of is caught above; this only keeps its wording out of sight.
    throw new UsageError(`Unexpected arguments \`${args.join(' ')}\` for \`evident ${command.name}\`, expected \`${command.usage}\``, { cause: error });
  }
}

function checkOption(command: Command, token: OptionToken, raw: string): void {
  const where = `for \`evident ${command.name}\``;
  const spec = command.options[token.name];
  const longNames = [...Object.keys(command.options), 'help'];
  // `-strict` for `--strict`: parseArgs reads a group of short options (or one with a value).
  const singleDash = /^-([^-=][^=]+)/.exec(raw)?.[1];
  const meant = singleDash === undefined ? undefined : longNames.find((name) => name.toLowerCase() === singleDash.toLowerCase());
  if (meant !== undefined) throw new UsageError(`Unexpected option \`-${singleDash}\` ${where}. Did you mean \`--${meant}\`?`);
  if (!spec) {
    const short = !token.rawName.startsWith('--');
    const candidates = short ? Object.values(command.options).flatMap((s) => (s.short ? [s.short] : [])).concat('h') : longNames;
    const suggestion = closestMatch(token.name, candidates);
    if (suggestion !== undefined) throw new UsageError(`Unexpected option \`${token.rawName}\` ${where}. Did you mean \`${short ? '-' : '--'}${suggestion}\`?`);
    throw new UsageError(`Unexpected option \`${token.rawName}\` ${where}, expected one of ${longNames.map((name) => `\`--${name}\``).join(', ')}`);
  }
  const name = token.rawName;
  if (spec.type === 'boolean' && token.value !== undefined) {
    throw new UsageError(`Unexpected value \`${token.value}\` for \`${name}\`, expected \`${name}\` alone`);
  }
  if (spec.type === 'string') {
    const expected = `expected \`${name} ${spec.value ?? 'VALUE'}\``;
    if (token.value === undefined) throw new UsageError(`Missing value after \`${name}\`, ${expected}`);
    if (!token.inlineValue && token.value.startsWith('-')) {
      throw new UsageError(`Unexpected \`${token.value}\` as the value of \`${name}\`, ${expected} (or \`--${token.name}=${token.value}\` for a value starting with \`-\`)`);
    }
  }
}

/** A single-value option given twice (`-f json -f text`): which one was meant is not for Evident to guess. */
function checkRepeated(command: Command, tokens: readonly OptionToken[]): void {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    const spec = command.options[token.name]!;
    if (spec.type !== 'string' || spec.multiple) continue;
    const first = seen.get(token.name);
    if (first !== undefined) {
      throw new UsageError(`Unexpected second \`${token.rawName}\` for \`evident ${command.name}\` (after \`${first}\`), expected \`--${token.name}\` once`);
    }
    seen.set(token.name, `${token.rawName} ${token.value ?? ''}`.trim());
  }
}

/** Arguments besides options beyond those the command takes: `evident check extra` is a mistake, never ignored. */
function checkPositionals(command: Command, positionals: readonly string[]): void {
  const max = command.maxPositionals ?? 0;
  if (positionals.length <= max) return;
  throw new UsageError(`Unexpected argument \`${positionals[max]}\` for \`evident ${command.name}\`, expected \`${command.usage}\``);
}
