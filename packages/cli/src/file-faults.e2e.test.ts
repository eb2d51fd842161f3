/**
 * Files and folders Evident may not read, checked by the built `evident` as an unprivileged user (root
 * reads everything, so when the tests run as root the command runs as `nobody` through setpriv).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../../bundle/src/test-support/build-package.js';
import { coreFixture } from './test-support/capture-run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const NOBODY = 65534;

let parent = '';
let repo = '';

beforeAll(() => {
  // Built from the current sources, one build at a time with the other tests that build.
  buildPackage('cli', bin);
  parent = mkdtempSync(path.join(os.tmpdir(), 'evident-faults-'));
  chmodSync(parent, 0o755);
  repo = path.join(parent, 'repo');
  cpSync(coreFixture('schema', 'ok'), repo, { recursive: true });
  writeFileSync(path.join(repo, 'policies/secret.md'), '---\nid: secret\n---\n');
  mkdirSync(path.join(repo, 'controls/locked'));
  writeFileSync(path.join(repo, 'controls/locked/AC-09.md'), '---\nid: AC-09\n---\n');
  chmodSync(path.join(repo, 'policies/secret.md'), 0o000);
  chmodSync(path.join(repo, 'controls/locked'), 0o000);
}, 300_000);

afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

/** Run the built evident as a user without root's power to read anything. */
function evidentUnprivileged(args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [];
  const run = spawnSync(command, [...prefix, bin, ...args], { cwd: parent, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('files evident may not read', () => {
  it('reports each as a finding at its repository path, with complete JSON and exit code 1', () => {
    const run = evidentUnprivileged(['check', '--now', '2026-11-26', '--root', repo, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { ruleId: string; file: string; message: string }[] };
    const faults = report.diagnostics.filter((d) => d.ruleId === 'parse/unreadable').map(({ file, message }) => ({ file, message }));
    expect(faults).toEqual([
      { file: 'controls/locked', message: 'Unexpected permission denied on this folder, expected a folder Evident can read' },
      { file: 'policies/secret.md', message: 'Unexpected permission denied on this file, expected a file Evident can read' },
    ]);
    expect(run.stdout).not.toContain(parent);
    expect(run.stdout).not.toContain('internal error');
  });

  it('says so in text too, and still checks the rest', () => {
    const run = evidentUnprivileged(['check', '--now', '2026-11-26', '--root', repo]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('policies/secret.md:1:1 error Unexpected permission denied on this file, expected a file Evident can read [parse/unreadable]');
    expect(run.stdout).not.toContain('EACCES');
  });

  it('reports an unreadable evident.yaml as a configuration finding, with exit code 2 and complete JSON', () => {
    const copy = path.join(parent, 'config-locked');
    cpSync(coreFixture('schema', 'ok'), copy, { recursive: true });
    chmodSync(path.join(copy, 'evident.yaml'), 0o000);
    const run = evidentUnprivileged(['check', '--now', '2026-11-26', '--root', copy, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { diagnostics: { ruleId: string; file: string; message: string }[] };
    expect(report.diagnostics.map(({ ruleId, file, message }) => ({ ruleId, file, message }))).toEqual([
      { ruleId: 'config', file: 'evident.yaml', message: 'Unexpected permission denied on this file, expected a file Evident can read' },
    ]);
  });
});
