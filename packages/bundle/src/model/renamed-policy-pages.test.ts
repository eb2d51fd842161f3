import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { portableNameCollisions, unportableNamePart } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { verifyBundle } from '../verify/verify-bundle.js';

/**
 * A real repository whose history holds, within the audit period, a policy first named `aux` (a
 * device name Windows reserves), then `Access`, then `access` (each rename its own commit, all at
 * version 1.0): the bundle writes a page for each version, and an auditor on Windows or macOS must
 * be able to unzip every one of them.
 */
const now = () => new Date('2026-05-15T00:00:00Z');
let fixture: FixtureRepository;
let out: string;
let bundle: string;
let entries: Map<string, Buffer>;

function git(args: string[], at: string): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: fixture.root, env, encoding: 'utf8' }).trim();
}

async function rename(from: string | undefined, id: string, title: string, at: string): Promise<void> {
  const template = await readFile(path.join(fixture.root, 'policies/security.md'), 'utf8');
  if (from) git(['mv', `policies/${from}.md`, `policies/${id}.md`], at);
  await writeFile(path.join(fixture.root, `policies/${id}.md`), template.replace('id: security', `id: ${id}`).replace(/Information Security Policy/g, title));
  git(['add', '.'], at);
  git(['commit', '-q', '-m', `${title} as ${id}`], at);
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-renamed-policy-out-'));
  await rename(undefined, 'aux', 'Auxiliary Devices Policy', '2026-03-10T10:00:00Z');
  await rename('aux', 'Access', 'Access Policy', '2026-04-01T10:00:00Z');
  await rename('Access', 'access', 'Access Policy', '2026-04-15T10:00:00Z');
  bundle = (await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now, release: 'v1.0.0' })).path;
  entries = await readZipEntries(bundle);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('version pages of a policy renamed away from an unportable id', () => {
  it('writes every version page under a name every operating system can write, none differing from another only in letter case', () => {
    const names = [...entries.keys()];
    expect(names.filter((name) => unportableNamePart(name) !== undefined)).toEqual([]);
    expect([...portableNameCollisions(names)]).toEqual([]);
    expect(names.filter((name) => /^policies\/[^/]+\/v/.test(name)).sort()).toEqual([
      'policies/Access-ec5ba0abb717/v1.0.html',
      'policies/Access-ec5ba0abb717/v1.0.md',
      'policies/access-control/v1.0.html',
      'policies/access-control/v1.0.md',
      'policies/access/v1.0.html',
      'policies/access/v1.0.md',
      'policies/aux-321f68140efc/v1.0.html',
      'policies/aux-321f68140efc/v1.0.md',
      'policies/security/v1.0.html',
      'policies/security/v1.0.md',
    ]);
  });

  it('keeps each version under the id it had, byte for byte, and lists it with a link to its page', async () => {
    expect(entries.get('policies/aux-321f68140efc/v1.0.md')!.toString('utf8')).toBe(git(['show', 'HEAD~2:policies/aux.md'], '2026-05-15T00:00:00Z') + '\n');
    expect(entries.get('policies/aux-321f68140efc/v1.0.html')!.toString('utf8')).toContain('Auxiliary Devices Policy');
    const csv = entries.get('policy-versions.csv')!.toString('utf8');
    expect(csv).toMatch(/\r\naux,1\.0,/);
    expect(csv).toMatch(/\r\nAccess,1\.0,/);
    expect(entries.get('policy-versions.html')!.toString('utf8')).toContain('href="policies/aux-321f68140efc/v1.0.html"');
  });

  it('verifies: evident verify finds no entry it refuses', async () => {
    const result = await verifyBundle(bundle);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
