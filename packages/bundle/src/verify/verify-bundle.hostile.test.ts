import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildBundle } from '../build-bundle.js';
import type { FileDigest, ManifestHeader } from '../plan/bundle-plan.js';
import { renderManifest, renderSums } from '../plan/manifest.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { peakMemoryGrowth } from '../test-support/peak-memory-growth.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { rewriteZip } from '../test-support/rewrite-zip.js';
import { deflateBomb, writeRawZip, type RawEntry } from '../test-support/write-raw-zip.js';
import { verifyBundle, type BundleVerification } from './verify-bundle.js';
import { VERIFY_LIMITS } from './verify-limits.js';

const GiB = 1024;
/** What verifying any of these zips may add to the process's memory: far below what they would expand to. */
const BOUND_MiB = 200;

let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let count = 0;
const next = (name: string) => path.join(dir, `${(count += 1)}-${name}.zip`);

/** Verify a hand-made zip, measuring the memory it takes. */
async function verifyRaw(entries: RawEntry[], options: { claimEntries?: number } = {}): Promise<BundleVerification> {
  const file = next('raw');
  await writeRawZip(file, entries, options);
  const { result, growthMiB } = await peakMemoryGrowth(() => verifyBundle(file));
  expect(growthMiB).toBeLessThan(BOUND_MiB);
  return result;
}

/** The problems about one file. */
const about = (result: BundleVerification, file: string) => result.problems.filter((p) => p.file === file);

/** The fixture bundle with manifest.json replaced by `edit`'s result and SHA256SUMS updated to match it. */
async function withManifest(edit: (manifest: Record<string, unknown>) => unknown, raw?: Buffer): Promise<BundleVerification> {
  const entries = await readZipEntries(bundle);
  const bytes = raw ?? Buffer.from(`${JSON.stringify(edit(JSON.parse(entries.get('manifest.json')!.toString())), null, 2)}\n`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const sums = entries.get('SHA256SUMS')!.toString().replace(/^[0-9a-f]{64}(?=  manifest\.json$)/m, sha);
  const to = next('manifest');
  await rewriteZip(bundle, to, (name, b) => (name === 'manifest.json' ? bytes : name === 'SHA256SUMS' ? Buffer.from(sums) : b));
  const { result, growthMiB } = await peakMemoryGrowth(() => verifyBundle(to));
  expect(growthMiB).toBeLessThan(BOUND_MiB);
  return result;
}

/**
 * The fixture bundle plus `extra` entries, every file listed in manifest.json (its `evidence.included`
 * counting the extra evidence files) and SHA256SUMS as the bundle writer lists them, written byte by byte
 * (so names no well-behaved writer accepts go in as they are): a zip only its names can fail.
 */
async function withEntries(extra: readonly (readonly [string, Buffer])[]): Promise<BundleVerification> {
  const entries = await readZipEntries(bundle);
  const { files: _files, ...header } = JSON.parse(entries.get('manifest.json')!.toString()) as ManifestHeader & { files: unknown };
  entries.delete('manifest.json');
  entries.delete('SHA256SUMS');
  for (const [name, bytes] of extra) entries.set(name, bytes);
  const added = extra.filter(([name]) => name.startsWith('evidence/') && !name.endsWith('.evidence.yaml')).length;
  const listed: ManifestHeader = { ...header, evidence: { ...header.evidence, included: header.evidence.included + added } };
  const digests = new Map<string, FileDigest>([...entries].map(([name, bytes]) => [name, { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }]));
  const manifest = Buffer.from([...renderManifest(listed, digests)].join(''));
  digests.set('manifest.json', { sha256: createHash('sha256').update(manifest).digest('hex'), size: manifest.length });
  const sums = Buffer.from([...renderSums(digests)].join(''));
  return verifyRaw([...[...entries, ['manifest.json', manifest], ['SHA256SUMS', sums]].map(([name, content]) => ({ name: name as string, content: content as Buffer }))]);
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-hostile-'));
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('verifyBundle on a hostile zip', () => {
  it('refuses a deflate bomb that states its 2 GiB before inflating any of it', async () => {
    const data = deflateBomb(2 * GiB);
    const result = await verifyRaw([{ name: 'evidence/bomb.csv', data, method: 8, size: 2 ** 31 }]);
    expect(about(result, 'evidence/bomb.csv')).toEqual([
      {
        file: 'evidence/bomb.csv',
        problem: 'limit',
        message: `Unexpected expansion of \`evidence/bomb.csv\`: 2,147,483,648 bytes from ${data.length.toLocaleString('en-US')} compressed (1,011 to 1), expected at most 1,000 to 1`,
      },
    ]);
    expect(result.ok).toBe(false);
  });

  it('stops a deflate bomb that hides as a 1,000-byte manifest.json as soon as it inflates past that', async () => {
    const result = await verifyRaw([{ name: 'manifest.json', data: deflateBomb(2 * GiB), method: 8, size: 1000 }]);
    expect(about(result, 'manifest.json')).toEqual([
      { file: 'manifest.json', problem: 'unsafe', message: 'Unexpected content of `manifest.json`: it inflates past the 1,000 bytes its header states, expected exactly that size' },
    ]);
  });

  it('stops a small deflate bomb read in one piece at the size its header states', async () => {
    const result = await verifyRaw([{ name: 'evidence/small.csv', data: deflateBomb(1), method: 8, size: 1000 }]);
    expect(about(result, 'evidence/small.csv')).toEqual([
      { file: 'evidence/small.csv', problem: 'unsafe', message: 'Unexpected content of `evidence/small.csv`: it inflates past the 1,000 bytes its header states, expected exactly that size' },
    ]);
  });

  it('names data that inflates to less than its header states, and data that does not inflate', async () => {
    const result = await verifyRaw([
      { name: 'short.csv', data: zlib.deflateRawSync(Buffer.from('abc')), method: 8, size: 4 },
      { name: 'broken.csv', data: Buffer.from('not deflate data at all'), method: 8, size: 4 },
    ]);
    expect(about(result, 'short.csv')).toEqual([{ file: 'short.csv', problem: 'unsafe', message: 'Unexpected size of `short.csv`: 3 bytes inflated, expected the 4 its header states' }]);
    expect(about(result, 'broken.csv')).toEqual([{ file: 'broken.csv', problem: 'unreadable', message: expect.stringMatching(/^broken\.csv cannot be decompressed: /) }]);
  });

  it('leaves a manifest.json past its limit unread', async () => {
    const size = VERIFY_LIMITS.maxManifestBytes + 1;
    const data = zlib.deflateRawSync(Buffer.alloc(size, ' '), { level: 1 });
    const result = await verifyRaw([{ name: 'manifest.json', data, method: 8, size }]);
    expect(result.problems).toEqual([
      { file: 'SHA256SUMS', problem: 'missing', message: 'SHA256SUMS is missing' },
      { file: 'manifest.json', problem: 'limit', message: 'Unexpected size of `manifest.json`: 67,108,865 bytes, expected at most 67,108,864' },
    ]);
  });

  it('refuses a zip of more entries than the limit before reading any', async () => {
    const empty = Buffer.alloc(0);
    const entries = Array.from({ length: VERIFY_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, data: empty }));
    const result = await verifyRaw(entries);
    expect(result).toMatchObject({ ok: false, files: 0 });
    expect(about(result, '(zip)')).toEqual([{ file: '(zip)', problem: 'limit', message: 'Unexpected 300,001 entries in the zip, expected at most 300,000' }]);
  });

  it('refuses a small zip that claims a billion entries', async () => {
    const result = await verifyRaw([{ name: 'a.txt', content: Buffer.from('a') }], { claimEntries: 1e9 });
    expect(about(result, '(zip)')).toEqual([{ file: '(zip)', problem: 'limit', message: 'Unexpected 1,000,000,000 entries in the zip, expected at most 300,000' }]);
  });

  it('refuses entries that point at the same data (overlapping files)', async () => {
    const result = await verifyRaw([{ name: 'a.txt', content: Buffer.from('hello') }, { name: 'b.txt', sameDataAs: 0 }]);
    expect(about(result, 'b.txt')).toEqual([{ file: 'b.txt', problem: 'unsafe', message: 'Unexpected entry `b.txt` overlapping the data of the entry before it, expected entries one after another' }]);
    expect(result.files).toBe(1);
  });

  it('refuses a symbolic link, a directory and a named pipe, naming each', async () => {
    const result = await verifyRaw([
      { name: 'evidence/link.csv', content: Buffer.from('/etc/passwd'), mode: 0o120777 },
      { name: 'evidence/', data: Buffer.alloc(0), mode: 0o040755 },
      { name: 'evidence/pipe', data: Buffer.alloc(0), mode: 0o010644 },
    ]);
    expect(result.problems.filter((p) => p.problem === 'unsafe')).toEqual([
      { file: '(zip)', problem: 'unsafe', message: 'Unexpected 1 directory entry (`evidence/`), which the bundle does not contain, expected only files: re-zipped by another tool? Verify the zip as it was delivered' },
      { file: 'evidence/link.csv', problem: 'unsafe', message: 'Unexpected symbolic link `evidence/link.csv`, expected a regular file' },
      { file: 'evidence/pipe', problem: 'unsafe', message: 'Unexpected named pipe `evidence/pipe`, expected a regular file' },
    ]);
    expect(result.files).toBe(0);
  });

  it.each([['../x'], ['evidence/../../x'], ['/etc/cron.d/x'], ['..\\x'], ['C:/Windows/x'], ['c:x']])('refuses the entry path %s', async (name) => {
    const result = await verifyRaw([{ name, content: Buffer.from('x') }]);
    expect(about(result, name)).toEqual([{ file: name, problem: 'unsafe', message: `Unexpected entry path \`${name}\`, expected a path inside the bundle` }]);
    expect(result.files).toBe(0);
  });

  it('refuses a local header that names another file than the directory', async () => {
    const result = await verifyRaw([{ name: 'a.txt', localName: '../a.txt', content: Buffer.from('a') }]);
    expect(about(result, 'a.txt')).toEqual([{ file: 'a.txt', problem: 'unsafe', message: "Unexpected name `../a.txt` in the local header of `a.txt`, expected the same name as in the zip's directory" }]);
  });

  it('keeps escape codes in names as they are, for the formatter to neutralise', async () => {
    const name = '\u001b[32mOK\u001b[0m/../x';
    const result = await verifyRaw([{ name, content: Buffer.from('x') }]);
    expect(about(result, name)).toEqual([{ file: name, problem: 'unsafe', message: `Unexpected entry path \`${name}\`, expected a path inside the bundle` }]);
  });
});

describe('verifyBundle on names that macOS or Windows would merge or cannot write, all listed in manifest.json and SHA256SUMS', () => {
  const csv = (text: string) => Buffer.from(`user,role\n${text},admin\n`);

  it('accepts the fixture bundle with another evidence file listed the same way', async () => {
    const result = await withEntries([['evidence/AC-01/2026-Q1/r\u00e9sum\u00e9 (final).csv', csv('a')]]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('names two entries whose names differ only in letter case, and the one each collides with', async () => {
    const result = await withEntries([
      ['evidence/A.csv', csv('upper')],
      ['evidence/a.csv', csv('lower')],
      ['Manifest.JSON', csv('shadow')],
    ]);
    expect(result.problems).toEqual([
      { file: 'evidence/a.csv', problem: 'unsafe', message: 'Unexpected entry `evidence/a.csv` that differs from `evidence/A.csv` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped' },
      { file: 'manifest.json', problem: 'unsafe', message: 'Unexpected entry `manifest.json` that differs from `Manifest.JSON` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped' },
    ]);
    expect(result.ok).toBe(false);
  });

  it('names two entries that are the same name after Unicode normalisation (composed and decomposed accents)', async () => {
    const composed = 'evidence/caf\u00e9.csv';
    const decomposed = 'evidence/cafe\u0301.csv';
    const result = await withEntries([[composed, csv('composed')], [decomposed, csv('decomposed')]]);
    expect(result.problems).toEqual([
      { file: composed, problem: 'unsafe', message: `Unexpected entry \`${composed}\` that differs from \`${decomposed}\` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped` },
    ]);
    expect(result.files).toBe((await readZipEntries(bundle)).size + 2);
  });

  it.each([
    ['a backslash', 'evidence\\a.csv'],
    ['a `..` part', 'evidence/../a.csv'],
    ['an absolute path', '/evidence/a.csv'],
    ['a drive letter', 'C:/evidence/a.csv'],
    ['a drive letter without a slash', 'c:evidence/a.csv'],
  ])('names an entry with %s as a path leaving the bundle', async (_kind, name) => {
    const result = await withEntries([[name, csv('x')]]);
    expect(result.problems).toEqual([{ file: name, problem: 'unsafe', message: `Unexpected entry path \`${name}\`, expected a path inside the bundle` }]);
  });

  it.each([
    ['a trailing dot', 'evidence/a.csv.', 'a name ending in a dot'],
    ['a trailing space', 'evidence/a.csv ', 'a name ending in a space'],
    ['a folder with a trailing dot', 'evidence/2026-Q1./a.csv', 'a name ending in a dot'],
    ['a colon (an alternate data stream on Windows)', 'evidence/a.csv:hidden', 'the character `:`'],
    ['a character Windows refuses', 'evidence/what?.csv', 'the character `?`'],
    ['a device name Windows reserves', 'evidence/NUL.csv', '`NUL.csv`, a device name Windows reserves'],
  ])('names an entry with %s', async (_kind, name, problem) => {
    const result = await withEntries([[name, csv('x')]]);
    expect(result.problems).toEqual([
      { file: name, problem: 'unsafe', message: `Unexpected entry path \`${name}\` with ${problem}, expected a name every operating system can write: unzipped on Windows, the file would be refused or written elsewhere` },
    ]);
    expect(result.ok).toBe(false);
  });
});

describe('verifyBundle on evidence records past their limits', () => {
  const first = 'evidence-records/records/000001-policy-approval-fixture-program-1.json';

  it('leaves a record larger than the limit unread', async () => {
    const size = (await readZipEntries(bundle)).get(first)!.length;
    const result = await verifyBundle(bundle, { limits: { maxRecordBytes: size - 1 } });
    expect(about(result, first)).toEqual([{ file: first, problem: 'limit', message: `Unexpected size of \`${first}\`: ${size.toLocaleString('en-US')} bytes, expected at most ${(size - 1).toLocaleString('en-US')}` }]);
  });

  it('does not check the chain when the records together are past the limit', async () => {
    const result = await verifyBundle(bundle, { limits: { maxRecordsBytes: 100 } });
    expect(result.problems).toEqual([{ file: 'evidence-records/', problem: 'limit', message: 'Unexpected evidence records of more than 100 bytes in all, expected at most that' }]);
    expect(result.chain).toEqual({ records: 0, head: null, problems: 0 });
  });

  it('names a record nested too deep to hash, instead of running out of stack', async () => {
    const deep = Buffer.from(`{"sequence":1,"hash":"x","a":${'['.repeat(50000)}${']'.repeat(50000)}}`);
    const to = next('deep-record');
    await rewriteZip(bundle, to, (name, b) => (name === first ? deep : b));
    const result = await verifyBundle(to);
    expect(result.problems.filter((p) => p.file === first && p.problem === 'chain')).toEqual([
      { file: first, problem: 'chain', message: `Unexpected nesting deeper than 32 levels in \`${first}\`, expected at most 32` },
    ]);
  });
});

describe('verifyBundle on a malformed manifest.json', () => {
  it.each([
    ['a null tool', (m: Record<string, unknown>) => ({ ...m, tool: null }), 'Unexpected null at `tool` in `manifest.json`, expected an object'],
    ['a number for a date', (m: Record<string, unknown>) => ({ ...m, period: { start: 20260101, end: '2026-06-30' } }), 'Unexpected number at `period.start` in `manifest.json`, expected a string'],
    ['no tool version', (m: Record<string, unknown>) => ({ ...m, tool: { name: 'evident' } }), 'Unexpected `manifest.json` without `tool.version`, expected a string'],
    ['a string for the file list', (m: Record<string, unknown>) => ({ ...m, files: 'all' }), 'Unexpected string at `files` in `manifest.json`, expected an array'],
    ['no file list', ({ files: _files, ...m }: Record<string, unknown>) => m, 'Unexpected `manifest.json` without `files`, expected an array'],
    ['a file without a size', (m: Record<string, unknown>) => ({ ...m, files: [{ path: 'a', sha256: '0'.repeat(64) }] }), 'Unexpected `manifest.json` without `files[0].size`, expected a whole number'],
    ['a source commit of the wrong type', (m: Record<string, unknown>) => ({ ...m, source: { commit: true, committed_at: '2026-01-01', dirty: false } }), 'Unexpected boolean at `source.commit` in `manifest.json`, expected a string'],
    ['an array', () => [], 'Unexpected array in `manifest.json`, expected an object'],
    ['null', () => null, 'Unexpected null in `manifest.json`, expected an object'],
  ])('names %s as a finding', async (_case, edit, message) => {
    const result = await withManifest(edit);
    expect(result.ok).toBe(false);
    expect(result.manifest).toBeUndefined();
    expect(about(result, 'manifest.json')).toEqual([{ file: 'manifest.json', problem: 'manifest', message }]);
  });

  it('names JSON that does not parse, and nesting too deep to walk', async () => {
    expect(about(await withManifest(() => null, Buffer.from('{"format":')), 'manifest.json')).toEqual([
      { file: 'manifest.json', problem: 'manifest', message: expect.stringMatching(/^Unexpected content in `manifest\.json`, expected JSON: /) },
    ]);
    expect(about(await withManifest(() => null, Buffer.from(`${'['.repeat(100000)}${']'.repeat(100000)}`)), 'manifest.json')).toEqual([
      { file: 'manifest.json', problem: 'manifest', message: 'Unexpected nesting deeper than 32 levels in `manifest.json`, expected at most 32' },
    ]);
  });
});
