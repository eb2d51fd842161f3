/**
 * Output nobody reads any more (a reader that closed its pipe) or that cannot be written (a full
 * disk), met by the built `evident` as a user's shell runs it: never an unhandled 'error' event.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../../bundle/src/test-support/build-package.js';
import { CLOSED_PIPE_EXIT_CODE } from './main.js';
import { coreFixture, stackTrace } from './test-support/capture-run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const fixture = coreFixture('schema', 'ok');

// Built from the current sources, one build at a time with the other tests that build.
beforeAll(() => buildPackage('cli', bin), 300_000);

const commands: Record<string, string[]> = {
  check: ['check', '--now', '2026-11-26', '--root', fixture],
  '--help': ['--help'],
  status: ['status', '--now', '2026-11-26', '--root', fixture],
};

/** Run the built evident with its stdout a pipe whose reading end is closed before it writes anything. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed in this tick, long before Node.js has started in the child.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('the built evident command writing to a closed pipe or a full disk', () => {
  it.each(Object.keys(commands))('ends quietly with the closed-pipe code when the reader of its stdout is gone: evident %s', async (name) => {
    // What the command prints when someone reads it: there is output to fail on.
    const read = spawnSync(process.execPath, [bin, ...commands[name]!], { cwd: root, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(read.stdout.length).toBeGreaterThan(0);
    expect(await withClosedStdout(commands[name]!)).toEqual({ code: CLOSED_PIPE_EXIT_CODE, signal: null, stderr: '' });
  });

  it('says it cannot write in one line on stderr, and exits 2, when stdout is a full disk', () => {
    if (process.platform === 'linux') expect(existsSync('/dev/full')).toBe(true);
    if (!existsSync('/dev/full')) return;
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of Object.values(commands)) {
        const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect({ args, code: run.status, stderr: run.stderr }).toEqual({ args, code: 2, stderr: 'error Cannot write to stdout: ENOSPC: no space left on device, write\n' });
        expect(run.stderr).not.toMatch(stackTrace);
      }
    } finally {
      closeSync(full);
    }
  });
});
