import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { BundleScopeError } from './bundle-scope-error.js';

let fixture: FixtureRepository;
let out: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-ids-'));
  // A policy whose id is a device name Windows reserves (its page would be policies/aux.html); the rule is even turned off.
  const security = await readFile(path.join(fixture.root, 'policies/security.md'), 'utf8');
  await writeFile(path.join(fixture.root, 'policies/aux-devices.md'), security.replace('id: security', 'id: aux'));
  await appendFile(path.join(fixture.root, 'evident.yaml'), 'rules:\n  id/portable-name: off\n');
  await fixture.git.add('.');
  await fixture.git.commit('Add a policy with a reserved id');
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('a bundle of a policy whose id Windows reserves', () => {
  it('is refused, naming the id at its line and writing nothing, whatever severity the rule has', async () => {
    const target = path.join(out, 'zip');
    const build = buildBundle({ root: fixture.root, outDir: target, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), release: 'v1.0.0' });
    await expect(build).rejects.toBeInstanceOf(BundleScopeError);
    const error = (await build.catch((e: unknown) => e)) as BundleScopeError;
    expect(error.message).toBe(
      "Unexpected policy or control ids that Windows cannot use as file names (id/portable-name), expected ids the bundle's pages can be named after wherever the auditor unzips it: rename them (`evident rename policy OLD NEW`); no bundle was written",
    );
    expect(error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['policies/aux-devices.md:2:5 error id/portable-name']);
    expect(error.diagnostics[0]?.message).toMatch(/^Unexpected id `aux`, a device name Windows reserves/);
    expect(existsSync(target)).toBe(false);
  });
});
