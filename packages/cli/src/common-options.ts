import { isIsoDate, parsePeriod, PERIOD_SYNTAX, type Period } from '@evident/core';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import type { OptionSpec } from './command.js';
import { UsageError } from './exit-codes.js';
import { findProgramRoot } from './find-program-root.js';

export const rootOption: OptionSpec = {
  type: 'string',
  value: 'DIR',
  description: 'Repository root (default: the nearest folder holding evident.yaml, from the current directory up to the top of its git work tree; else the current directory).',
};

export function formatOption(formats: readonly string[]): OptionSpec {
  return { type: 'string', short: 'f', value: 'FORMAT', default: formats[0]!, description: `Output format: ${formats.join(', ')}.` };
}

export const nowOption: OptionSpec = { type: 'string', value: 'DATE', description: "Today's date as YYYY-MM-DD (default: the system clock)." };

/** The repository root: --root, else the program the working directory is in (`findProgramRoot`), else the working directory. */
export function resolveRoot(values: Record<string, unknown>, io: CliIo): string {
  if (typeof values.root === 'string') return path.resolve(io.cwd, values.root);
  return findProgramRoot(io.cwd) ?? path.resolve(io.cwd);
}

export function pickFormat<T extends string>(value: unknown, formats: readonly T[]): T {
  const format = (value ?? formats[0]) as T;
  if (!formats.includes(format)) throw new UsageError(`Unexpected format \`${String(value)}\`, expected one of ${formats.join(', ')}`);
  return format;
}

/** Today as YYYY-MM-DD from --now or the clock; a --now that is no calendar day (2026-02-30) is a usage error. */
export function resolveToday(values: Record<string, unknown>, io: CliIo): string {
  if (typeof values.now === 'string') {
    if (!isIsoDate(values.now)) throw new UsageError(`Unexpected --now \`${values.now}\`, expected a date as YYYY-MM-DD`);
    return values.now;
  }
  return io.now().toISOString().slice(0, 10);
}

/** The values of a repeatable string option (parseArgs gives a list, one string or nothing). */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/** The period an option such as --period names; undefined when it is not given, a usage error when it names none. */
export function periodOption(value: unknown, option: string): Period | undefined {
  if (typeof value !== 'string') return undefined;
  const period = parsePeriod(value);
  if (!period) throw new UsageError(`Unexpected ${option} \`${value}\`, expected ${PERIOD_SYNTAX}`);
  return period;
}

export const trustedRootOption: OptionSpec = {
  type: 'string',
  multiple: true,
  value: 'FILE',
  description: 'Sigstore trusted roots to verify keyless signatures against, besides the public-good root shipped with Evident: a trusted root JSON, or JSON Lines as `gh attestation trusted-root` prints (GitHub\'s own instance needs it). Repeatable.',
};
