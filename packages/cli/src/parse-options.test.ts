import { describe, expect, it } from '@jest/globals';
import type { Command } from './command.js';
import { UsageError } from './exit-codes.js';
import { parseOptions } from './parse-options.js';

const command: Command = {
  name: 'check',
  summary: 'Check.',
  usage: 'evident check [--root DIR] [--format FORMAT] [--strict]',
  options: {
    root: { type: 'string', value: 'DIR', description: 'Root.' },
    format: { type: 'string', short: 'f', value: 'FORMAT', description: 'Format.' },
    strict: { type: 'boolean', description: 'Strict.' },
    policy: { type: 'string', multiple: true, value: 'ID', description: 'Policy.' },
  },
  maxPositionals: 2,
  run: async () => 0,
};

const mistake = (args: string[]) => {
  try {
    parseOptions(command, args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${args.join(' ')} to be refused`);
};

describe('parseOptions', () => {
  it('reads options, short options, repeated options and positionals', () => {
    expect(parseOptions(command, ['--root', 'repo', '-f', 'json', '--strict', '--policy', 'a', '--policy=b', 'file', '--', '--not-an-option'])).toEqual({
      values: { root: 'repo', format: 'json', strict: true, policy: ['a', 'b'] },
      positionals: ['file', '--not-an-option'],
    });
    expect(parseOptions(command, ['-fjson'])).toEqual({ values: { format: 'json' }, positionals: [] });
    expect(parseOptions(command, ['--format=-x'])).toEqual({ values: { format: '-x' }, positionals: [] });
  });

  it('refuses more arguments than the command takes, naming the first one too many, and none by default', () => {
    expect(mistake(['a', 'b', 'c'])).toBe('Unexpected argument `c` for `evident check`, expected `evident check [--root DIR] [--format FORMAT] [--strict]`');
    expect(mistake(['--', 'a', 'b', '--c'])).toBe('Unexpected argument `--c` for `evident check`, expected `evident check [--root DIR] [--format FORMAT] [--strict]`');
    const { maxPositionals: _, ...optionsOnly } = command;
    expect(() => parseOptions(optionsOnly, ['extra', '--strict'])).toThrow(new UsageError('Unexpected argument `extra` for `evident check`, expected `evident check [--root DIR] [--format FORMAT] [--strict]`'));
    expect(parseOptions(optionsOnly, ['--strict'])).toEqual({ values: { strict: true }, positionals: [] });
    expect(parseOptions({ ...command, maxPositionals: Infinity }, ['a', 'b', 'c']).positionals).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [['-f', 'json', '-f', 'text'], 'Unexpected second `-f` for `evident check` (after `-f json`), expected `--format` once'],
    [['--format=json', '--root', '.', '--format', 'json'], 'Unexpected second `--format` for `evident check` (after `--format json`), expected `--format` once'],
    [['-fjson', '--format=text'], 'Unexpected second `--format` for `evident check` (after `-f json`), expected `--format` once'],
  ])('refuses a single-value option given twice: %j', (args, message) => {
    expect(mistake(args)).toBe(message);
  });

  it.each([
    [['--formt', 'json'], 'Unexpected option `--formt` for `evident check`. Did you mean `--format`?'],
    [['--fromat=json'], 'Unexpected option `--fromat` for `evident check`. Did you mean `--format`?'],
    [['--Strict'], 'Unexpected option `--Strict` for `evident check`. Did you mean `--strict`?'],
    [['--hepl'], 'Unexpected option `--hepl` for `evident check`. Did you mean `--help`?'],
    [['-strict'], 'Unexpected option `-strict` for `evident check`. Did you mean `--strict`?'],
    [['-format', 'json'], 'Unexpected option `-format` for `evident check`. Did you mean `--format`?'],
    [['-F', 'json'], 'Unexpected option `-F` for `evident check`. Did you mean `-f`?'],
  ])('suggests the option meant for %j', (args, message) => {
    expect(mistake(args)).toBe(message);
  });

  it.each([
    [['--bogus'], 'Unexpected option `--bogus` for `evident check`, expected one of `--root`, `--format`, `--strict`, `--policy`, `--help`'],
    [['-x'], 'Unexpected option `-x` for `evident check`, expected one of `--root`, `--format`, `--strict`, `--policy`, `--help`'],
    [['--root'], 'Missing value after `--root`, expected `--root DIR`'],
    [['--root', '--strict'], 'Unexpected `--strict` as the value of `--root`, expected `--root DIR` (or `--root=--strict` for a value starting with `-`)'],
    [['-f'], 'Missing value after `-f`, expected `-f FORMAT`'],
    [['--strict=yes'], 'Unexpected value `yes` for `--strict`, expected `--strict` alone'],
  ])('explains %j in one sentence of its own', (args, message) => {
    expect(mistake(args)).toBe(message);
  });

  it('never shows the wording of node:util', () => {
    for (const args of [['--bogus'], ['-x'], ['--root'], ['--root', '--strict'], ['--strict=yes'], ['-sx']]) {
      const message = mistake(args);
      expect(message).not.toMatch(/Unknown option|argument is ambiguous|does not take an argument|To specify/);
      expect(message).not.toContain('\n');
    }
  });
});
