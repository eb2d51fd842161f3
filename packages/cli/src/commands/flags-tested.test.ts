/**
 * Every option of every command is passed by some CLI test, so a flag that stops reaching its
 * effect fails a test. A flag with no test of its own yet would be listed below as a known gap
 * to close (add a test that passes the flag and checks its effect, then remove it from the list);
 * none is left, and a new flag cannot join them silently.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from './registry.js';

const UNTESTED: string[] = [];

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testText = [...readdirSync(src).filter((f) => f.endsWith('.test.ts')), ...readdirSync(path.join(src, 'commands')).filter((f) => f.endsWith('.test.ts') && f !== 'flags-tested.test.ts').map((f) => `commands/${f}`)]
  .map((file) => readFileSync(path.join(src, file), 'utf8'))
  .join('\n');

describe('command options', () => {
  it('are each passed by a test, but for the listed gaps', () => {
    const untested = commands.flatMap((command) => Object.keys(command.options ?? {}).filter((name) => !testText.includes(`'--${name}'`)).map((name) => `${command.name} --${name}`));
    expect(untested.sort()).toEqual([...UNTESTED].sort());
  });
});
