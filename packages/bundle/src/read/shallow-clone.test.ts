import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readCheckedModel } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { commitBackdatedAccessControl, createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { BundleScopeError } from './bundle-scope-error.js';
import { readBundleInputs } from './read-bundle-inputs.js';
import { readPolicyContents } from './read-policy-contents.js';
import { isShallowRepository, readPolicyHistory } from './read-policy-history.js';
import { ShallowHistoryError } from './shallow-history-error.js';

const today = '2026-04-15';
const period = { start: '2026-01-01', end: '2026-06-30' };
let fixture: FixtureRepository;
let scratch: string;
let shallow: string;
let noGit: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  await commitBackdatedAccessControl(fixture);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-shallow-history-'));
  shallow = path.join(scratch, 'shallow');
  execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${fixture.root}`, shallow]);
  noGit = path.join(scratch, 'no-git');
  await cp(fixture.root, noGit, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('the policies history of a shallow clone', () => {
  it('tells a shallow clone from a full one and from a folder outside git', async () => {
    expect(await isShallowRepository(simpleGit({ baseDir: shallow }))).toBe(true);
    expect(await isShallowRepository(simpleGit({ baseDir: fixture.root }))).toBe(false);
    expect(await isShallowRepository(simpleGit({ baseDir: noGit }))).toBe(false);
  });

  it('is not read: readPolicyHistory throws rather than date every policy from the one commit', async () => {
    await expect(readPolicyHistory(simpleGit({ baseDir: shallow }), 'policies')).rejects.toThrow(ShallowHistoryError);
    await expect(readPolicyHistory(simpleGit({ baseDir: shallow }), 'policies')).rejects.toThrow(/^Unexpected shallow clone, .*`git fetch --unshallow` \(in a GitHub workflow, check out with `fetch-depth: 0`\)$/);
    // The full clone's history has the commit of 1.1 and the ones before it.
    const full = await readPolicyHistory(simpleGit({ baseDir: fixture.root }), 'policies');
    expect(full.length).toBeGreaterThan(1);
    expect(full[0]!.subject).toBe('Access control 1.1 (#7)');
    expect(await readPolicyHistory(simpleGit({ baseDir: noGit }), 'policies')).toEqual([]);
  });

  it('gives readPolicyContents no contents and a note naming the fix; a full clone gives contents, a folder outside git neither', async () => {
    const model = await readCheckedModel(shallow, today);
    expect(await readPolicyContents(shallow, model, period)).toEqual({
      note: "This clone is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (acknowledgments due from the `effective_date` they state; no `backdated-policy-version` or `reused-policy-version`), nor the evidence's (no `collected-after-commit`): run `git fetch --unshallow` to read it",
    });
    const full = await readPolicyContents(fixture.root, await readCheckedModel(fixture.root, today), period);
    expect(full.note).toBeUndefined();
    expect(full.contents?.length).toBeGreaterThan(0);
    expect(await readPolicyContents(noGit, await readCheckedModel(noGit, today), period)).toEqual({});
  });

  it('refuses a bundle: readBundleInputs throws a BundleScopeError naming the fix, and nothing is written', async () => {
    const read = readBundleInputs({ root: shallow, toolVersion: '0.0.0', now: () => new Date(`${today}T12:00:00Z`), outDir: path.join(shallow, 'out') });
    await expect(read).rejects.toThrow(BundleScopeError);
    await expect(read).rejects.toThrow(/^Unexpected shallow clone, .*run `git fetch --unshallow` \(in a GitHub workflow, check out with `fetch-depth: 0`\); no bundle was written$/);
    expect(await readdir(shallow)).not.toContain('out');
  });
});
