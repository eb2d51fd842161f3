import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVIDENT_VERSION } from './version.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('EVIDENT_VERSION', () => {
  it('is the version of every workspace package, so records, manifests, --version and the packed CLI agree', async () => {
    const manifests = ['package.json', 'packages/core/package.json', 'packages/github/package.json', 'packages/sigstore/package.json', 'packages/bundle/package.json', 'packages/cli/package.json'];
    for (const action of await readdir(path.join(root, 'packages/actions'))) manifests.push(`packages/actions/${action}/package.json`);
    const versions = await Promise.all(manifests.map(async (file) => [file, JSON.parse(await readFile(path.join(root, file), 'utf8')).version] as const));
    expect(versions.length).toBeGreaterThan(8);
    for (const [file, version] of versions) expect({ file, version }).toEqual({ file, version: EVIDENT_VERSION });
  });
});
