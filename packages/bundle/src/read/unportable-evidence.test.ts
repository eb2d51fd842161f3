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
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-names-'));
  // A second access review whose name differs from the first only in letter case; the rule is even turned off.
  const folder = path.join(fixture.root, 'evidence/AC-01/2026-Q1');
  const first = await readFile(path.join(folder, 'access-review.csv.evidence.yaml'), 'utf8');
  await writeFile(path.join(folder, 'Access-Review.csv'), await readFile(path.join(folder, 'access-review.csv')));
  await writeFile(path.join(folder, 'Access-Review.csv.evidence.yaml'), first);
  await appendFile(path.join(fixture.root, 'evident.yaml'), 'rules:\n  evidence/portable-name: off\n');
  await fixture.git.add('.');
  await fixture.git.commit('Add a second copy of the access review');
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('a bundle of evidence whose names collide on macOS or Windows', () => {
  it('is refused, naming each finding and writing nothing, whatever severity the rule has', async () => {
    const target = path.join(out, 'zip');
    const build = buildBundle({ root: fixture.root, outDir: target, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), release: 'v1.0.0' });
    await expect(build).rejects.toBeInstanceOf(BundleScopeError);
    const error = (await build.catch((e: unknown) => e)) as BundleScopeError;
    expect(error.message).toContain('Unexpected evidence names that macOS or Windows cannot keep apart or write (evidence/portable-name)');
    expect(error.diagnostics.map((d) => `${d.file} ${d.severity}`)).toEqual(['evidence/AC-01/2026-Q1/access-review.csv.evidence.yaml error']);
    expect(existsSync(target)).toBe(false);
  });
});
