import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { readEvidenceSource } from '@evident/core';
import { blobFetcher } from './blob-fetcher.js';
import { createGit, GitError } from './git.js';
import { gitEvidenceSource } from './git-evidence-source.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A committed repository holding `files` (path to content; `-> target` makes a symbolic link). */
async function repository(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-git-evidence-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    if (content.startsWith('-> ')) await symlink(content.slice(3), path.join(dir, file));
    else await writeFile(path.join(dir, file), content);
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'author@example.com');
  git(dir, 'config', 'user.name', 'Example Author');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'Program');
  return dir;
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));

describe('gitEvidenceSource', () => {
  it('lists the folder as committed and reads every metadata file and the files asked for, whatever the working tree holds', async () => {
    const dir = await repository({
      'evident.yaml': 'organization: Example\n',
      'evidence/AC-01/2026-Q3/a.csv': 'a\n',
      'evidence/AC-01/2026-Q3/a.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/AC-01/2026-Q3/b.csv': 'b\n',
      'evidence/AC-01/2026-Q3/b.csv.evidence.yaml': 'covers: 2026-Q3\n', // the same blob as a's metadata
      'evidence/AC-01/2026-Q3/link.csv': '-> ../../../evident.yaml',
      'evidence-other/x.csv.evidence.yaml': 'not in the folder\n',
    });
    await rm(path.join(dir, 'evidence'), { recursive: true }); // as a sparse checkout leaves it
    const source = await gitEvidenceSource(dir, 'HEAD', '', { alsoRead: new Set(['evidence/AC-01/2026-Q3/b.csv']) })('evidence');
    expect([...source.files].sort()).toEqual(['evidence/AC-01/2026-Q3/a.csv', 'evidence/AC-01/2026-Q3/a.csv.evidence.yaml', 'evidence/AC-01/2026-Q3/b.csv', 'evidence/AC-01/2026-Q3/b.csv.evidence.yaml']);
    expect(source.links).toEqual(['evidence/AC-01/2026-Q3/link.csv']);
    const read = await source.read(['evidence/AC-01/2026-Q3/a.csv.evidence.yaml', 'evidence/AC-01/2026-Q3/b.csv.evidence.yaml', 'evidence/AC-01/2026-Q3/b.csv', 'evidence/AC-01/2026-Q3/link.csv', 'evidence/nowhere.csv']);
    expect(Object.fromEntries([...read].map(([file, bytes]) => [file, text(bytes)]))).toEqual({
      'evidence/AC-01/2026-Q3/a.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/AC-01/2026-Q3/b.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/AC-01/2026-Q3/b.csv': 'b\n',
    });
    // A file the listing was not told about is read on demand, in a second batch.
    expect(text((await source.read(['evidence/AC-01/2026-Q3/a.csv'])).get('evidence/AC-01/2026-Q3/a.csv'))).toBe('a\n');
  });

  it('reads blobs that span many chunks of git output, and empty ones, byte for byte', async () => {
    const large = Array.from({ length: 40_000 }, (_, i) => `row-${i},keep,bob`).join('\n'); // about 700 KB
    const files: Record<string, string> = { 'compliance/evident.yaml': 'organization: Example\n', 'compliance/evidence/big.csv': large, 'compliance/evidence/empty.csv.evidence.yaml': '' };
    for (let i = 0; i < 3000; i += 1) files[`compliance/evidence/m/${String(i).padStart(4, '0')}.csv.evidence.yaml`] = `sha256: ${i}\n`;
    const dir = await repository(files);
    const source = await gitEvidenceSource(dir, 'HEAD', 'compliance/', { alsoRead: new Set(['evidence/big.csv']) })('./evidence/');
    expect(source.files).toHaveLength(3002);
    const wanted = source.files.filter((f) => f !== 'evidence/big.csv').concat('evidence/big.csv');
    const read = await source.read(wanted);
    expect(read.size).toBe(3002);
    expect(text(read.get('evidence/big.csv'))).toBe(large);
    expect(text(read.get('evidence/empty.csv.evidence.yaml'))).toBe('');
    for (let i = 0; i < 3000; i += 1) expect(text(read.get(`evidence/m/${String(i).padStart(4, '0')}.csv.evidence.yaml`))).toBe(`sha256: ${i}\n`);
  });

  it('in a partial clone, takes cached blobs from the cache and fetches the rest together before reading them', async () => {
    const dir = await repository({
      'evident.yaml': 'organization: Example\n',
      'evidence/a.csv': 'a\n',
      'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/b.csv': 'b\n',
      'evidence/b.csv.evidence.yaml': 'covers: 2026-Q4\n',
    });
    const remote = path.join(dir, '.git');
    git(dir, 'config', 'uploadpack.allowFilter', 'true');
    const clone = `${dir}-clone`;
    dirs.push(clone);
    git(path.dirname(dir), 'clone', '-q', '--no-checkout', '--filter=blob:none', `file://${remote}`, clone);
    const oid = (file: string) => git(clone, 'rev-parse', `HEAD:${file}`);
    const here = (wanted: string) => git(clone, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)').split('\n').includes(wanted);
    const cached = new Map([[oid('evidence/a.csv.evidence.yaml'), Buffer.from('covers: 2026-Q3\n')]]);
    const asked: string[][] = [];
    const ensure = (await blobFetcher(createGit(clone), { commits: [git(clone, 'rev-parse', 'HEAD')] }))!;
    const source = await gitEvidenceSource(clone, 'HEAD', '', {
      alsoRead: new Set(['evidence/b.csv']),
      cached,
      ensure: async (oids) => {
        asked.push([...oids]);
        await ensure(oids);
      },
    })('evidence');
    const read = await source.read(['evidence/a.csv.evidence.yaml', 'evidence/b.csv.evidence.yaml', 'evidence/b.csv']);
    expect(Object.fromEntries([...read].map(([file, bytes]) => [file, text(bytes)]))).toEqual({
      'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/b.csv.evidence.yaml': 'covers: 2026-Q4\n',
      'evidence/b.csv': 'b\n',
    });
    // One fetch for what the cache did not hold; the cached metadata and the unread file were never fetched.
    expect(asked).toEqual([[oid('evidence/b.csv'), oid('evidence/b.csv.evidence.yaml')]]);
    expect([oid('evidence/a.csv.evidence.yaml'), oid('evidence/a.csv')].map(here)).toEqual([false, false]);
    // A file the change touched is never taken from the cache, even when the cache holds its blob.
    const bCached = Buffer.from('covers: 2026-Q4\n');
    const changed = await gitEvidenceSource(clone, 'HEAD', '', { cached: new Map([...cached, [oid('evidence/b.csv.evidence.yaml'), bCached]]), uncached: new Set(['evidence/b.csv.evidence.yaml']), ensure })('evidence');
    const fromRepository = await changed.read(['evidence/a.csv.evidence.yaml', 'evidence/b.csv.evidence.yaml']);
    expect(text(fromRepository.get('evidence/b.csv.evidence.yaml'))).toBe('covers: 2026-Q4\n');
    expect(fromRepository.get('evidence/a.csv.evidence.yaml')).toBe(cached.get(oid('evidence/a.csv.evidence.yaml')));
    expect(fromRepository.get('evidence/b.csv.evidence.yaml')).not.toBe(bCached);
    // A file asked for later is fetched then.
    expect(text((await source.read(['evidence/a.csv'])).get('evidence/a.csv'))).toBe('a\n');
    expect(asked).toEqual([[oid('evidence/b.csv'), oid('evidence/b.csv.evidence.yaml')], [oid('evidence/a.csv')]]);
  });

  it('leaves nothing in the temporary folder, whether git answers or fails', async () => {
    const dir = await repository({ 'evident.yaml': 'organization: Example\n', 'evidence/a.csv': 'a\n', 'evidence/a.csv.evidence.yaml': 'x: 1\n' });
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'evident-tmp-'));
    dirs.push(tmp);
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      const source = await gitEvidenceSource(dir, 'HEAD', '')('evidence');
      expect(text((await source.read(['evidence/a.csv.evidence.yaml', 'evidence/a.csv'])).get('evidence/a.csv'))).toBe('a\n');
      await expect(gitEvidenceSource(dir, '0'.repeat(40), '')('evidence')).rejects.toBeInstanceOf(GitError);
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
    expect(await readdir(tmp)).toEqual([]);
  });

  it('reads nothing outside the work tree, and reports a commit git does not know as a git error', async () => {
    const dir = await repository({ 'evident.yaml': 'organization: Example\n', 'evidence/a.csv.evidence.yaml': 'x: 1\n' });
    const outside = await gitEvidenceSource(dir, 'HEAD', '')('../elsewhere');
    expect(outside.files).toEqual([]);
    expect((await outside.read(['../elsewhere/a.csv'])).size).toBe(0);
    await expect(gitEvidenceSource(dir, '0'.repeat(40), '')('evidence')).rejects.toBeInstanceOf(GitError);
  });

  it('reads pointer text as a Git LFS pointer only where the committed .gitattributes of the program root hands the path to LFS', async () => {
    const oid = createHash('sha256').update('scanned review').digest('hex');
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 14\n`;
    const sha = (content: string) => createHash('sha256').update(content).digest('hex');
    const dir = await repository({
      'compliance/evident.yaml': 'organization: Example\n',
      'compliance/.gitattributes': 'evidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text\n',
      'compliance/evidence/scan.pdf': pointer,
      'compliance/evidence/export.csv': pointer,
      'compliance/evidence/other.pdf': pointer.replace(oid, '9'.repeat(64)),
    });
    // The working tree's copy does not count: the gate judges the commit.
    await writeFile(path.join(dir, 'compliance/.gitattributes'), '*.csv filter=lfs\n');
    const source = await gitEvidenceSource(dir, 'HEAD', 'compliance/')('evidence');
    expect([...(await source.lfsTracked!(['evidence/scan.pdf', 'evidence/export.csv']))]).toEqual(['evidence/scan.pdf']);
    const { digests } = await readEvidenceSource(source, undefined, 1 << 20);
    expect(Object.fromEntries(digests)).toEqual({
      'evidence/export.csv': { sha256: sha(pointer), bytes: Buffer.byteLength(pointer) },
      'evidence/other.pdf': { sha256: '9'.repeat(64), bytes: 14, lfsPointer: true },
      'evidence/scan.pdf': { sha256: oid, bytes: 14, lfsPointer: true },
    });
    // A commit without .gitattributes tracks nothing.
    const bare = await repository({ 'evident.yaml': 'organization: Example\n', 'evidence/scan.pdf': pointer });
    const untracked = await readEvidenceSource(await gitEvidenceSource(bare, 'HEAD', '')('evidence'), undefined, 1 << 20);
    expect(untracked.digests.get('evidence/scan.pdf')).toEqual({ sha256: sha(pointer), bytes: Buffer.byteLength(pointer) });
  });

  it('reads the committed .gitattributes files from the top of the repository down to each file, the deeper overriding', async () => {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 14\n`;
    const dir = await repository({
      '.gitattributes': 'compliance/evidence/**/*.pdf filter=lfs\n',
      'compliance/evident.yaml': 'organization: Example\n',
      'compliance/evidence/AC-01/scan.pdf': pointer,
      'compliance/evidence/HR-01/.gitattributes': '*.pdf -filter\n*.csv filter=lfs\n',
      'compliance/evidence/HR-01/scan.pdf': pointer,
      'compliance/evidence/HR-01/export.csv': pointer,
    });
    const source = await gitEvidenceSource(dir, 'HEAD', 'compliance/')('evidence');
    const asked = ['evidence/AC-01/scan.pdf', 'evidence/HR-01/scan.pdf', 'evidence/HR-01/export.csv'];
    expect([...(await source.lfsTracked!(asked))].sort()).toEqual(['evidence/AC-01/scan.pdf', 'evidence/HR-01/export.csv']);
    // Asked again (answers are kept), the same.
    expect([...(await source.lfsTracked!(asked))].sort()).toEqual(['evidence/AC-01/scan.pdf', 'evidence/HR-01/export.csv']);
  });

  it('with the base commit named, counts a path as tracked only where the base hands it to LFS too: a change cannot track a path for itself', async () => {
    const csv = 'id,name\n1,alice\n';
    const oid = createHash('sha256').update(csv).digest('hex');
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${csv.length}\n`;
    const dir = await repository({ '.gitattributes': 'evidence/**/*.pdf filter=lfs\n', 'evident.yaml': 'organization: Example\n', 'evidence/export.csv': csv, 'evidence/scan.pdf': pointer });
    const base = git(dir, 'rev-parse', 'HEAD');
    // The change hands CSVs to LFS and replaces the export with pointer text naming its recorded SHA-256.
    await writeFile(path.join(dir, '.gitattributes'), 'evidence/**/*.pdf filter=lfs\nevidence/**/*.csv filter=lfs\n');
    await writeFile(path.join(dir, 'evidence/export.csv'), pointer);
    git(dir, 'commit', '-qam', 'Change');
    const headOnly = await readEvidenceSource(await gitEvidenceSource(dir, 'HEAD', '')('evidence'), undefined, 1 << 20);
    expect(headOnly.digests.get('evidence/export.csv')).toEqual({ sha256: oid, bytes: csv.length, lfsPointer: true });
    const withBase = await readEvidenceSource(await gitEvidenceSource(dir, 'HEAD', '', { lfsAlsoAt: [base] })('evidence'), undefined, 1 << 20);
    expect(withBase.digests.get('evidence/export.csv')).toEqual({ sha256: createHash('sha256').update(pointer).digest('hex'), bytes: pointer.length });
    expect(withBase.digests.get('evidence/scan.pdf')).toEqual({ sha256: oid, bytes: csv.length, lfsPointer: true });
  });
});
