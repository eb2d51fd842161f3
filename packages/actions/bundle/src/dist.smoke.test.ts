/**
 * The committed bundle, run as the runner runs it: `node dist/index.js` with the runner's
 * environment against a temporary program repository (upload off: no artifact service here).
 * `node scripts/build-actions.mjs --check` proves the bundle matches the sources.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyBundle } from '@evident/bundle';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
let fixture: FixtureRepository;
let temp: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  temp = await mkdtemp(path.join(os.tmpdir(), 'evident-action-bundle-'));
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(temp, { recursive: true, force: true });
});

function run(inputs: Record<string, string>, extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: fixture.root, ...extra };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd: fixture.root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('dist/index.js', () => {
  it('builds the bundle of the tag, sets its outputs and writes a summary', async () => {
    const output = path.join(temp, 'output');
    const summary = path.join(temp, 'summary.md');
    await writeFile(output, '');
    await writeFile(summary, '');
    const result = await run({ root: '.', out: path.join(temp, 'out'), upload: 'false', release: '', period: '', 'retention-days': '90' }, { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v2.0.0' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outputs = await readFile(output, 'utf8');
    const file = path.join(temp, 'out', 'evident-bundle-v2.0.0.zip');
    expect(outputs).toContain(`path<<`);
    expect(outputs).toContain(file);
    expect(outputs).toMatch(/sha256<<.*\n[0-9a-f]{64}\n/);
    expect(await readFile(summary, 'utf8')).toContain('Evident bundle v2.0.0');
    expect(await verifyBundle(file)).toMatchObject({ ok: true, chain: { records: 2 } });
  });

  it('fails with a clear message on a period it cannot read', async () => {
    const result = await run({ root: '.', out: path.join(temp, 'out2'), upload: 'false', period: 'someday' }, {});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::Unexpected `period` input `someday`');
  });
});
