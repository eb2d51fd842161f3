import { afterEach, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { captureInFixture, removeTemporary, temporaryDirectory } from './test-support/capture-run.js';

afterEach(removeTemporary);

const usageOf = async (command: string) => (await captureInFixture([...command.split(' '), '--help'])).stdout.split('\n')[0]!.replace(/^Usage: /, '');

describe('arguments a command does not take', () => {
  it.each(['check', 'coverage', 'bundle', 'signing keygen', 'status', 'evidence verify'])('are a usage error naming the first one, nothing done: evident %s extra more', async (command) => {
    const run = await captureInFixture([...command.split(' '), 'extra', 'more']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error Unexpected argument \`extra\` for \`evident ${command}\`, expected \`${await usageOf(command)}\`\nRun \`evident ${command} --help\` for usage.\n`,
    });
  });

  it('refuse a second folder for `evident init` and scaffold neither', async () => {
    const dir = await temporaryDirectory();
    const [first, second] = [path.join(dir, 'i1'), path.join(dir, 'i2')];
    const run = await captureInFixture(['init', first, second], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(new RegExp(`^error Unexpected argument \`${second.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` for \`evident init\`, expected \`evident init \\[DIR\\] `));
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuse anything after `evident --version`', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await captureInFixture([flag, 'extra'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `error Unexpected argument \`extra\` after \`evident ${flag}\`, expected \`evident ${flag}\` alone\nRun \`evident --help\` for usage.\n`,
      });
    }
  });

  it('still reach the commands that take them: one bundle for verify, OLD and NEW for rename', async () => {
    const verify = await captureInFixture(['verify', 'a.zip', 'b.zip']);
    expect(verify).toMatchObject({ code: 2, stdout: '' });
    expect(verify.stderr).toMatch(/^error Unexpected argument `b\.zip` for `evident verify`, expected `evident verify \[BUNDLE\.zip\] /);
    const rename = await captureInFixture(['rename', 'policy', 'a', 'b', 'c']);
    expect(rename.stderr).toMatch(/^error Unexpected argument `c` for `evident rename policy`, expected `evident rename policy OLD NEW /);
  });
});

describe('a single-value option given twice', () => {
  it('is a usage error, whichever way it is written', async () => {
    expect(await captureInFixture(['check', '-f', 'json', '-f', 'text'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error Unexpected second `-f` for `evident check` (after `-f json`), expected `--format` once\nRun `evident check --help` for usage.\n',
    });
    expect((await captureInFixture(['coverage', '--format=json', '--format', 'csv'])).stderr).toBe(
      'error Unexpected second `--format` for `evident coverage` (after `--format json`), expected `--format` once\nRun `evident coverage --help` for usage.\n',
    );
  });
});
