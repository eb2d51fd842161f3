import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobFetchError, blobFetcher } from './blob-fetcher.js';
import { createGit } from './git.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/**
 * A bare remote holding `files` in one commit (partial clones allowed, as GitHub allows them), and a
 * clone of it made as the gate's checkout makes it: commits and trees only (`--filter=blob:none`),
 * nothing checked out.
 */
async function partialClone(files: Record<string, string>): Promise<{ remote: string; clone: string; oid: (file: string) => string; here: (oid: string) => boolean }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-blob-fetcher-'));
  dirs.push(dir);
  const work = path.join(dir, 'work');
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(work, file)), { recursive: true });
    await writeFile(path.join(work, file), text);
  }
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, '-c', 'user.name=A', '-c', 'user.email=a@example.com', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'Program');
  const remote = path.join(dir, 'remote.git');
  git(dir, 'clone', '-q', '--bare', work, remote);
  git(remote, 'config', 'uploadpack.allowFilter', 'true');
  git(remote, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const clone = path.join(dir, 'clone');
  git(dir, 'clone', '-q', '--no-checkout', '--filter=blob:none', `file://${remote}`, clone);
  const oid = (file: string) => git(clone, 'rev-parse', `HEAD:${file}`);
  // Present without fetching: listed among the objects the repository holds.
  const here = (wanted: string) => git(clone, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)').split('\n').includes(wanted);
  return { remote, clone, oid, here };
}

describe('blobFetcher', () => {
  it('is undefined for a repository that is not a partial clone: every blob is there', async () => {
    const { remote } = await partialClone({ 'a.txt': 'a\n' });
    expect(await blobFetcher(createGit(remote), { commits: ['HEAD'] })).toBeUndefined();
  });

  it('fetches the missing blobs asked for by id, in one request, and only those', async () => {
    const { clone, oid, here } = await partialClone({ 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n', 'evidence/b.csv.evidence.yaml': 'covers: 2026-Q4\n', 'evidence/c.csv': 'c\n' });
    const lines: string[] = [];
    const ensure = (await blobFetcher(createGit(clone), { commits: ['HEAD'], log: (line) => lines.push(line) }))!;
    const [a, b, c] = ['evidence/a.csv.evidence.yaml', 'evidence/b.csv.evidence.yaml', 'evidence/c.csv'].map(oid) as [string, string, string];
    expect([a, b, c].map(here)).toEqual([false, false, false]);
    await ensure([a, b, a]);
    expect([a, b, c].map(here)).toEqual([true, true, false]);
    // Asking again for what is here fetches nothing.
    await ensure([a, b]);
    expect(lines).toEqual(['Fetching 2 missing blobs by id']);
  });

  it('fetches every blob under 100 MB of the commits when more are missing than it asks for by id', async () => {
    const { clone, oid, here } = await partialClone({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    const lines: string[] = [];
    const ensure = (await blobFetcher(createGit(clone), { commits: [git(clone, 'rev-parse', 'HEAD')], byIdLimit: 1, log: (line) => lines.push(line) }))!;
    await ensure([oid('a.txt'), oid('b.txt')]);
    expect(['a.txt', 'b.txt', 'c.txt'].map((file) => here(oid(file)))).toEqual([true, true, true]);
    await ensure([oid('c.txt')]);
    expect(lines).toEqual(['Fetching every blob under 100 MB of the change: 2 blobs were missing (more than 1)']);
  });

  it('says what to do when the remote cannot give them', async () => {
    const { remote, clone, oid } = await partialClone({ 'a.txt': 'a\n' });
    await rm(remote, { recursive: true });
    const ensure = (await blobFetcher(createGit(clone), { commits: ['HEAD'] }))!;
    const failure = ensure([oid('a.txt')]);
    await expect(failure).rejects.toBeInstanceOf(BlobFetchError);
    await expect(failure).rejects.toThrow(/^Could not fetch 1 blob the gate reads from `origin`: .+\. The checkout is a partial clone \(`filter: blob:none`\): give the check action a token that can read the repository/);
  });
});
