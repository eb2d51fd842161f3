import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import type { FileDigest, Manifest, ManifestHeader } from '../plan/bundle-plan.js';
import { renderManifest, renderSums } from '../plan/manifest.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { flipByte, rewriteZip } from '../test-support/rewrite-zip.js';
import { writeRawZip } from '../test-support/write-raw-zip.js';
import { BundleOpenError, verifyBundle, type BundleVerification } from './verify-bundle.js';

let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let count = 0;
const next = (name: string) => path.join(dir, `${(count += 1)}-${name}.zip`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const EVIDENCE = 'evidence/AC-01/2026-Q1/access-review.csv';
const LAST_RECORD = 'evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json';
/** The id the last record of the fixture bundle states. */
const lastRecordId = async () => (JSON.parse((await readZipEntries(bundle)).get(LAST_RECORD)!.toString('utf8')) as { id: string }).id;

/**
 * The fixture bundle with files replaced (null: dropped) and manifest.json edited, then manifest.json
 * and SHA256SUMS written again to list exactly what the zip holds: a rewrite that every digest agrees with.
 */
async function restated(files: Record<string, Buffer | null>, edit: (manifest: ManifestHeader) => ManifestHeader = (m) => m, options: VerifyArgs = {}): Promise<BundleVerification> {
  const entries = await readZipEntries(bundle);
  const { files: _files, ...header } = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
  entries.delete('manifest.json');
  entries.delete('SHA256SUMS');
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes === null) entries.delete(name);
    else entries.set(name, bytes);
  }
  const digests = new Map<string, FileDigest>([...entries].map(([name, bytes]) => [name, { sha256: sha256(bytes), size: bytes.length }]));
  const manifest = Buffer.from([...renderManifest(edit(header), digests)].join(''));
  digests.set('manifest.json', { sha256: sha256(manifest), size: manifest.length });
  const sums = Buffer.from([...renderSums(digests)].join(''));
  const to = next('restated');
  await rewriteZip(bundle, to, (name, bytes) => (name === 'manifest.json' ? manifest : name === 'SHA256SUMS' ? sums : name in files ? files[name]! : bytes));
  return verifyBundle(to, options);
}
type VerifyArgs = Parameters<typeof verifyBundle>[1];

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-summary-'));
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('verifyBundle compares the manifest summary with the bundle files', () => {
  it('reports what it checked on an untouched bundle: period, readiness, exceptions and declared digests', async () => {
    const result = await verifyBundle(bundle);
    expect(result.ok).toBe(true);
    expect(result.summary).toEqual({ audit: { type: 'type2', period: { start: '2026-01-01', end: '2026-06-30' } }, period: 'matches', readiness: true, exceptions: true, evidenceDeclared: 2 });
  });

  it('tells a period other than the bundled evident.yaml states, which `evident bundle --period` also gives, from one that matches', async () => {
    const result = await restated({}, (m) => ({ ...m, period: { ...m.period, start: '2026-02-01' } }));
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ period: 'differs', audit: { period: { start: '2026-01-01' } } });
  });

  it('names a readiness percent that its own met and total contradict', async () => {
    const result = await restated({}, (m) => ({ ...m, readiness: { ...m.readiness, percent: m.readiness.percent === 99 ? 98 : 99 } }));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: 'manifest.json', problem: 'manifest', message: expect.stringMatching(/^Unexpected readiness 9[89]% at `readiness.percent` in manifest.json, expected \d+% for \d+ met of \d+$/) }]);
    expect(result.summary?.readiness).toBe(false);
  });

  it('names an exception deleted from exceptions.csv with the count lowered to match: readiness still counts it', async () => {
    const csv = (await readZipEntries(bundle)).get('exceptions.csv')!.toString('utf8');
    const lines = csv.split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const fewer = Buffer.from([lines[0], ...lines.slice(2)].join('\n'));
    const result = await restated({ 'exceptions.csv': fewer }, (m) => ({ ...m, exceptions: m.exceptions - 1 }));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: 'manifest.json', problem: 'manifest', message: expect.stringMatching(/^Unexpected readiness \d+ met of \d+ in manifest.json, expected the \d+ not met to be the \d+ exceptions it states$/) }]);
  });

  it('names an evidence file changed with manifest.json and SHA256SUMS restated, against its .evidence.yaml and evidence-index.csv', async () => {
    const original = (await readZipEntries(bundle)).get(EVIDENCE)!;
    const changed = flipByte(original);
    const result = await restated({ [EVIDENCE]: changed });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        file: EVIDENCE,
        problem: 'modified',
        message: `Unexpected SHA-256 ${sha256(changed)} of \`${EVIDENCE}\`, expected ${sha256(original)}, the \`sha256\` of access-review.csv.evidence.yaml; and ${sha256(original)}, its \`declared_sha256\` in evidence-index.csv; and ${sha256(original)}, its \`sha256\` in evidence-index.csv (hashed when the bundle was built): the evidence bytes are not the ones declared`,
      },
    ]);
  });
});

describe('verifyBundle with anchors from an earlier bundle', () => {
  it('finds the chain head and a record id of the bundle on its chain', async () => {
    const head = (await verifyBundle(bundle)).chain.head!;
    const id = await lastRecordId();
    const result = await verifyBundle(bundle, { anchors: [head, id] });
    expect(result).toMatchObject({ ok: true, problems: [], anchors: [head, id] });
  });

  it('names the anchor of a record deleted with manifest.json and its chain head restated to match', async () => {
    const earlier = await verifyBundle(bundle);
    const id = await lastRecordId();
    const result = await restated({ [LAST_RECORD]: null, [LAST_RECORD.replace(/\.json$/, '.sig.json')]: null }, (m) => ({ ...m, evidence_chain: { ...m.evidence_chain, records: 1, head: null } }), { anchors: [earlier.chain.head!, id] });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.message.includes('anchor'))).toEqual([
      { file: 'evidence-records/', problem: 'chain', message: `Unexpected chain without anchor \`${earlier.chain.head}\`, expected a record with that hash: no record in this bundle has it (removed, edited or re-sealed since the bundle that gave it)` },
      { file: 'evidence-records/', problem: 'chain', message: `Unexpected chain without anchor \`${id}\`, expected the record with that id: no record in this bundle has it` },
    ]);
  });
});

describe('verifyBundle on a zip changed by other tools', () => {
  it('names bytes appended after the end record as a finding, and verifies the rest', async () => {
    const to = next('junk');
    await copyFile(bundle, to);
    await appendFile(to, Buffer.from('junk!'));
    const result = await verifyBundle(to);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: '(zip)', problem: 'unsafe', message: "Unexpected 5 bytes after the zip's end record, expected none: the zip was changed after it was written" }]);
    expect(result.files).toBe((await readZipEntries(bundle)).size);
  });

  it('names a missing bundle in words, not with the system error code', async () => {
    const missing = path.join(dir, 'no-such-bundle.zip');
    await expect(verifyBundle(missing)).rejects.toEqual(new BundleOpenError(`No file at \`${missing}\`, expected the bundle's .zip file`));
  });

  it('names the directory entries of a re-zipped bundle once, so that the modified file stands out', async () => {
    const entries = await readZipEntries(bundle);
    const folders = [...new Set([...entries.keys()].flatMap((name) => name.split('/').slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`)))].sort();
    expect(folders.length).toBeGreaterThan(4);
    const to = next('rezipped');
    await writeRawZip(to, [
      ...folders.map((name) => ({ name, data: Buffer.alloc(0), mode: 0o040755 })),
      ...[...entries].map(([name, content]) => ({ name, content: name === 'controls.csv' ? flipByte(content) : content })),
    ]);
    const result = await verifyBundle(to);
    expect(result.problems).toEqual([
      {
        file: '(zip)',
        problem: 'unsafe',
        message: `Unexpected ${folders.length} directory entries (\`${folders[0]}\`, \`${folders[1]}\`, \`${folders[2]}\` and ${folders.length - 3} more), which the bundle does not contain, expected only files: re-zipped by another tool? Verify the zip as it was delivered`,
      },
      { file: 'controls.csv', problem: 'modified', message: expect.stringContaining('controls.csv was modified') },
    ]);
  });
});
