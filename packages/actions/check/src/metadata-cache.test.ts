import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeCache, parseMetadataCache, readMetadataCache } from './metadata-cache.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const git = (cwd: string, args: string[], input?: string) => execFileSync('git', args, { cwd, ...(input === undefined ? {} : { input }) });

/** A repository of `files`, committed, in the object format given; returns it and `git cat-file --batch` of its metadata blobs, as metadata-cache.yml writes it. */
async function committed(files: Record<string, string>, format: 'sha1' | 'sha256' = 'sha1'): Promise<{ dir: string; cache: Buffer; oids: Map<string, string> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-metadata-cache-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  git(dir, ['init', '-q', `--object-format=${format}`]);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=A', '-c', 'user.email=a@example.com', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'Evidence']);
  const listing = git(dir, ['ls-tree', '-r', '--full-tree', 'HEAD']).toString('utf8');
  const oids = new Map(
    listing
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(line.indexOf('\t') + 1), line.split(' ')[2]!.split('\t')[0]!] as const),
  );
  const wanted = [...oids].filter(([file]) => file.endsWith('.evidence.yaml')).map(([, oid]) => `${oid}\n`);
  return { dir, cache: git(dir, ['cat-file', '--batch'], wanted.join('')), oids };
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));

describe('parseMetadataCache', () => {
  it("takes every blob of git's own `cat-file --batch` output, each under the id git gives it", async () => {
    const { cache, oids } = await committed({
      'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/b.csv.evidence.yaml': 'covers: 2026-Q4\n',
      'evidence/empty.csv.evidence.yaml': '',
      'evidence/b.csv': 'not metadata\n',
    });
    const parsed = parseMetadataCache(cache);
    expect(parsed.rejected).toBe(0);
    expect(parsed.truncated).toBe(false);
    expect(parsed.blobs.size).toBe(3);
    expect(text(parsed.blobs.get(oids.get('evidence/a.csv.evidence.yaml')!))).toBe('covers: 2026-Q3\n');
    expect(text(parsed.blobs.get(oids.get('evidence/empty.csv.evidence.yaml')!))).toBe('');
    expect(parsed.blobs.has(oids.get('evidence/b.csv')!)).toBe(false);
  });

  it('checks SHA-256 object ids in a repository that uses them', async () => {
    const { cache, oids } = await committed({ 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n' }, 'sha256');
    const id = oids.get('evidence/a.csv.evidence.yaml')!;
    expect(id).toHaveLength(64);
    expect(text(parseMetadataCache(cache).blobs.get(id))).toBe('covers: 2026-Q3\n');
  });

  it('leaves out an entry whose content is not what its id names (the same length, other bytes), and keeps the rest', async () => {
    const { cache, oids } = await committed({ 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n', 'evidence/b.csv.evidence.yaml': 'covers: 2026-Q4\n' });
    const forged = Buffer.from(cache.toString('latin1').replace('covers: 2026-Q3\n', 'covers: 2026-Q9\n'), 'latin1');
    const parsed = parseMetadataCache(forged);
    expect(parsed.rejected).toBe(1);
    expect(parsed.blobs.has(oids.get('evidence/a.csv.evidence.yaml')!)).toBe(false);
    expect(text(parsed.blobs.get(oids.get('evidence/b.csv.evidence.yaml')!))).toBe('covers: 2026-Q4\n');
  });

  it('leaves out entries that are not blobs, and stops at a cut or foreign entry, keeping what came before', async () => {
    const { cache, oids } = await committed({ 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n' });
    const id = oids.get('evidence/a.csv.evidence.yaml')!;
    const tree = Buffer.from(`${'1'.repeat(40)} tree 3\nabc\n`);
    expect(parseMetadataCache(Buffer.concat([tree, cache]))).toMatchObject({ rejected: 1, truncated: false });
    expect(parseMetadataCache(Buffer.concat([tree, cache])).blobs.has(id)).toBe(true);

    const cut = parseMetadataCache(Buffer.concat([cache, cache.subarray(0, cache.length - 3)]));
    expect(cut).toMatchObject({ truncated: true, rejected: 0 });
    expect(cut.blobs.has(id)).toBe(true);
    for (const junk of ['x\n', `${id} blob 99999999999\n`, `${id} blob 4\nabcdX`]) {
      const parsed = parseMetadataCache(Buffer.concat([cache, Buffer.from(junk)]));
      expect(parsed.truncated).toBe(true);
      expect(parsed.blobs.has(id)).toBe(true);
    }
    expect(parseMetadataCache(Buffer.alloc(0))).toEqual({ blobs: new Map(), rejected: 0, truncated: false });
    // An object git did not have when the cache was written is passed over, and what follows still counts.
    const skipped = parseMetadataCache(Buffer.concat([Buffer.from(`${'2'.repeat(40)} missing\n`), cache]));
    expect(skipped).toMatchObject({ truncated: false, rejected: 0 });
    expect(skipped.blobs.has(id)).toBe(true);
  });
});

describe('readMetadataCache', () => {
  it('reads the file, and is undefined where there is none or it is over the limit', async () => {
    const { dir, cache } = await committed({ 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n' });
    await writeFile(path.join(dir, 'metadata'), cache);
    expect((await readMetadataCache(path.join(dir, 'metadata')))?.blobs.size).toBe(1);
    expect(await readMetadataCache(path.join(dir, 'none'))).toBeUndefined();
    expect(await readMetadataCache(path.join(dir, 'metadata', 'below-a-file'))).toBeUndefined();
    expect(await readMetadataCache(dir)).toBeUndefined();
  });
});

describe('describeCache', () => {
  it('says what the cache held, and what it left out', () => {
    expect(describeCache('.evident-cache/metadata', undefined)).toBe('No metadata cache at .evident-cache/metadata: every metadata blob is read from git');
    expect(describeCache('m', { blobs: new Map([['a', new Uint8Array()]]), rejected: 0, truncated: false })).toBe('Metadata cache m: 1 blob, each checked against its object id');
    expect(describeCache('m', { blobs: new Map(), rejected: 2, truncated: true })).toBe('Metadata cache m: 0 blobs, each checked against its object id (2 entries left out, their content not matching their id; the file ends mid-entry)');
  });
});
