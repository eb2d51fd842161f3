import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { sha256Hex } from '@evident/core';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { BundleScopeError } from './bundle-scope-error.js';

const now = () => new Date('2026-05-15T00:00:00Z');
const SCREENSHOT = 'evidence/AC-01/2026-Q2/screenshot.png';
let fixture: FixtureRepository;
let out: string;
let content: Buffer;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-lfs-'));
  // What a clone without `git lfs pull` holds: the pointer Git LFS committed in place of the content.
  content = await readFile(path.join(fixture.root, SCREENSHOT));
  await writeFile(path.join(fixture.root, '.gitattributes'), 'evidence/**/*.png filter=lfs diff=lfs merge=lfs -text\n');
  await writeFile(path.join(fixture.root, SCREENSHOT), `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256Hex(content)}\nsize ${content.length}\n`);
  const git = simpleGit({ baseDir: fixture.root });
  await git.add(['.gitattributes', SCREENSHOT]);
  await git.commit('Store screenshots with Git LFS');
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('a bundle of Git LFS evidence', () => {
  it('is refused, naming each pointer and writing nothing, when the content was not fetched', async () => {
    const build = buildBundle({ root: fixture.root, outDir: path.join(out, 'pointer'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
    await expect(build).rejects.toBeInstanceOf(BundleScopeError);
    await expect(build).rejects.toThrow(`Evidence \`${SCREENSHOT}\` is a Git LFS pointer: its content was not fetched, run \`git lfs pull\``);
    expect(existsSync(path.join(out, 'pointer')) ? await readdir(path.join(out, 'pointer')) : []).toEqual([]);
  });

  it('includes the real content once it is in the working tree (as after `git lfs pull`)', async () => {
    await writeFile(path.join(fixture.root, SCREENSHOT), content);
    const built = await buildBundle({ root: fixture.root, outDir: path.join(out, 'content'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
    const entries = await readZipEntries(built.path);
    expect(entries.get(SCREENSHOT)?.equals(content)).toBe(true);
  });
});
