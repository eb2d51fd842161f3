import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

describe('evident init --actions vendored: module type', () => {
  it('gives every vendored action a package.json of type module, so a top-level package.json of type commonjs cannot stop it from starting', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir, '--actions', 'vendored'], { cwd: dir })).code).toBe(0);
    for (const name of ['access', 'bundle', 'check', 'collect-evidence', 'populations', 'reminders']) {
      expect({ name, pkg: JSON.parse(await readFile(path.join(dir, `.github/actions/evident-${name}/package.json`), 'utf8')) }).toEqual({ name, pkg: { private: true, type: 'module' } });
    }
    // What a pull request can add at the top of the repository.
    await writeFile(path.join(dir, 'package.json'), '{"type":"commonjs"}\n');
    const run = spawnSync(process.execPath, ['.github/actions/evident-check/dist/index.js'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir }, encoding: 'utf8', timeout: 60_000 });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toContain('SyntaxError');
    // It started: the check ran on the scaffold and reported its findings as workflow commands.
    expect(output).toMatch(/^::(error|warning) /m);
  }, 120_000);
});
