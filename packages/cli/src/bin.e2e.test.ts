import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../../bundle/src/test-support/build-package.js';
import { coreFixture } from './test-support/capture-run.js';
import { VERSION } from './version.js';

/**
 * The built `evident` as a user runs it: a Node.js process with its own environment, streams and
 * exit code. The test builds what it runs first (tsc -b is incremental: quick when up to date).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const escape = '\u001b[';

// Built from the current sources, one build at a time with the other tests that build.
beforeAll(() => buildPackage('cli', bin), 300_000);

/** Run `node packages/cli/dist/bin.js ...args` with only PATH and `env` in its environment; never a terminal. */
function evident(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const run = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const checkOk = ['check', '--now', '2026-11-26', '--root', coreFixture('schema', 'ok')];

describe('the built evident command', () => {
  it('prints its release and commit with --version', () => {
    const run = evident(['--version']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^evident-soc2 ${VERSION.replaceAll('.', '\\.')} \\(.*commit.*\\)\\n$`));
  });

  it('suggests the command meant on stderr alone and exits 2', () => {
    expect(evident(['chek'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error Unexpected command `chek`, expected a command such as `check`. Did you mean `evident check`?\nRun `evident --help` for usage.\n',
    });
  });

  it('suggests the option meant and exits 2', () => {
    expect(evident(['check', '--formt', 'json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error Unexpected option `--formt` for `evident check`. Did you mean `--format`?\nRun `evident check --help` for usage.\n',
    });
  });

  it('prints the help of a command and exits 0', () => {
    const run = evident(['check', '--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('Usage: evident check ')).toBe(true);
  });

  it('writes JSON that parses, and nothing coloured, with --format json', () => {
    for (const env of [{}, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const run = evident(['check', '--format', 'json', '--now', '2026-11-26', '--root', coreFixture('reference-unknown-policy', 'not-ok')], env);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { summary: { errors: number }; diagnostics: unknown[] };
      expect(report.summary.errors).toBeGreaterThan(0);
      expect(report.diagnostics.length).toBeGreaterThan(0);
      expect(run.stdout).not.toContain(escape);
      expect(run.stderr).not.toContain(escape);
    }
  });

  it('colours nothing when writing to a pipe, unless FORCE_COLOR asks and NO_COLOR does not forbid', () => {
    const plain = evident(checkOk);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain(escape);
    const forced = evident(checkOk, { FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(escape);
    expect(forced.stdout.replaceAll(/\u001b\[\d+m/g, '')).toBe(plain.stdout);
    expect(evident(checkOk, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toBe(plain.stdout);
    expect(evident(checkOk, { FORCE_COLOR: '0' }).stdout).toBe(plain.stdout);
    expect(evident(['chek'], { FORCE_COLOR: '3' }).stderr).toMatch(/^\u001b\[31merror\u001b\[39m Unexpected command `chek`/);
    expect(evident(['chek'], { FORCE_COLOR: '3', NO_COLOR: 'true' }).stderr).toMatch(/^error Unexpected command `chek`/);
  });

  it("keeps its compiled code in the user's cache where Node has a compile cache, and runs the same where the folder cannot be made", () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'evident-compile-cache-'));
    try {
      const first = evident(checkOk, { HOME: temp, XDG_CACHE_HOME: temp });
      expect(first).toMatchObject({ code: 0, stderr: '' });
      const nodeHasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
      expect(existsSync(path.join(temp, 'evident-soc2', 'compile-cache'))).toBe(nodeHasCache);
      expect(evident(checkOk, { HOME: temp, XDG_CACHE_HOME: temp })).toEqual(first);
      writeFileSync(path.join(temp, 'a-file'), '');
      expect(evident(checkOk, { HOME: temp, XDG_CACHE_HOME: path.join(temp, 'a-file') })).toEqual(first);
      expect(evident(checkOk, { HOME: temp, XDG_CACHE_HOME: temp, NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(first);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('starts no worker thread to check a small repository', () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'evident-threads-'));
    try {
      // Preloaded in every thread (workers run the --require preloads too): each worker leaves a line.
      const marks = path.join(temp, 'workers');
      const preload = path.join(temp, 'mark-workers.cjs');
      writeFileSync(preload, `if (!require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(marks)}, 'worker\\n');\n`);
      const probe = spawnSync(process.execPath, ['--require', preload, '-e', "new (require('node:worker_threads').Worker)('', { eval: true })"], { encoding: 'utf8' });
      expect(probe.status).toBe(0);
      expect(readFileSync(marks, 'utf8')).toBe('worker\n');
      rmSync(marks);
      expect(evident(checkOk, {}, ['--require', preload])).toMatchObject({ code: 0, stderr: '' });
      expect(existsSync(marks)).toBe(false);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
