import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildBundle } from '@evident/bundle';
import { appendFile, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { readZipEntries } from '../../../bundle/src/test-support/read-zip-entries.js';
import { flipByte, restateBundle } from '../../../bundle/src/test-support/rewrite-zip.js';
import { writeRawZip } from '../../../bundle/src/test-support/write-raw-zip.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let count = 0;
const next = () => path.join(dir, `${(count += 1)}.zip`);
const LAST_RECORD = 'evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json';

/** The fixture bundle with its entries and manifest.json edited, the file list and SHA256SUMS rewritten to agree: a consistent rewrite. */
const restated = (edit: (entries: Map<string, Buffer>) => void, header?: (manifest: Record<string, any>) => void): Promise<string> => restateBundle(bundle, next(), edit, header);

/** Verify in text and in JSON. */
async function verify(file: string, ...args: string[]) {
  const text = await capture(['verify', file, ...args], { cwd: dir });
  const json = await capture(['verify', file, ...args, '--format', 'json'], { cwd: dir });
  expectNoStackTrace(text);
  return { text, json: { code: json.code, result: JSON.parse(json.stdout), stderr: json.stderr } };
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-checks-'));
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('evident verify BUNDLE.zip prints only what it checked', () => {
  it('says which summary values the bundled files confirm, in text and JSON', async () => {
    const { text, json } = await verify(bundle);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\nBuilt by Evident 0\.1\.0 from commit [0-9a-f]{40} \(as stated by manifest\.json\)\.\n/);
    expect(text.stdout).toContain(
      "\nChecked against the bundle's files: period 2026-01-01 to 2026-06-30 (as in the bundled evident.yaml, Type II); readiness 0% (0 of 36), its 36 not met being the 36 exceptions of exceptions.csv; 2 evidence files with the SHA-256 their metadata declares.\n",
    );
    expect(json.result.summary).toEqual({ audit: { type: 'type2', period: { start: '2026-01-01', end: '2026-06-30' } }, period: 'matches', readiness: true, exceptions: true, evidenceDeclared: 2 });
  });

  it('labels a period other than the bundled evident.yaml as stated by manifest.json, with a NOTE', async () => {
    const zip = await restated(() => {}, (m) => void (m.period.start = '2026-02-01'));
    const { text, json } = await verify(zip);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('period 2026-02-01 to 2026-06-30 as stated by manifest.json (the bundled evident.yaml states 2026-01-01 to 2026-06-30)');
    expect(text.stdout).toContain('\nNOTE manifest.json states the period 2026-02-01 to 2026-06-30, the bundled evident.yaml 2026-01-01 to 2026-06-30: built with `evident bundle --period`, or manifest.json was edited.');
    expect(json.result.notes).toEqual([expect.objectContaining({ kind: 'period-differs' })]);
  });

  it('fails an evidence file whose bytes differ from the SHA-256 its metadata declares, with manifest.json and SHA256SUMS restated', async () => {
    const file = 'evidence/AC-01/2026-Q1/access-review.csv';
    const zip = await restated((e) => void e.set(file, flipByte(e.get(file)!)));
    const { text, json } = await verify(zip);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^modified {3}evidence\/AC-01\/2026-Q1\/access-review\.csv {2}Unexpected SHA-256 [0-9a-f]{64} of `evidence\/AC-01\/2026-Q1\/access-review\.csv`, expected /);
    expect(json.code).toBe(1);
    expect(json.result.problems).toEqual([expect.objectContaining({ file, problem: 'modified' })]);
  });

  it('fails a readiness percent its own met and total contradict', async () => {
    const zip = await restated(() => {}, (m) => void (m.readiness.percent = 99));
    const { text, json } = await verify(zip);
    expect(text.code).toBe(1);
    expect(json.result.problems).toEqual([{ file: 'manifest.json', problem: 'manifest', message: 'Unexpected readiness 99% at `readiness.percent` in manifest.json, expected 0% for 0 met of 36' }]);
  });
});

describe('evident verify BUNDLE.zip --anchor', () => {
  it('passes with the chain head of the same bundle, and fails once the last record is deleted and the manifest restated', async () => {
    const { json: before } = await verify(bundle);
    const head = before.result.chain.head as string;
    const passing = await verify(bundle, '--anchor', head.toUpperCase());
    expect(passing.text.code).toBe(0);
    expect(passing.text.stdout).toContain('; 1 anchor on the chain.\n');
    expect(passing.json.result).toMatchObject({ ok: true, anchors: [head] });

    let firstHash = '';
    const zip = await restated(
      (e) => {
        firstHash = JSON.parse(e.get(LAST_RECORD.replace('000002-policy-acknowledgment-fixture-program-2', '000001-policy-approval-fixture-program-1'))!.toString('utf8')).hash;
        e.delete(LAST_RECORD);
        e.delete(LAST_RECORD.replace(/\.json$/, '.sig.json'));
      },
      (m) => void (m.evidence_chain = { ...m.evidence_chain, records: 1, head: firstHash }),
    );
    const failing = await verify(zip, '--anchor', head);
    expect(failing.text.code).toBe(1);
    expect(failing.text.stdout).toContain(`chain      evidence-records/  Unexpected chain without anchor \`${head}\`, expected a record with that hash: no record in this bundle has it`);
    expect(failing.json.code).toBe(1);
    expect(failing.json.result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'evidence-records/', problem: 'chain', message: expect.stringContaining(`without anchor \`${head}\``) })]));
    // Without the anchor the same rewrite verifies: that is what the anchor is for.
    expect((await verify(zip)).text.code).toBe(0);
  });

  it('refuses an anchor that is neither a record hash nor a record id, exit 2 with a JSON document', async () => {
    const { text, json } = await verify(bundle, '--anchor', 'two words');
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("Unexpected --anchor `two words`, expected a record hash (64 hex digits, e.g. `evidence_chain.head` of an earlier bundle's manifest.json) or a record id");
    expect(json.code).toBe(2);
    expect(json.result).toEqual({ bundle, ok: false, error: { message: expect.stringContaining('Unexpected --anchor') } });
  });
});

describe('evident verify BUNDLE.zip on malformed input', () => {
  it('fails a zip with bytes after its end record as a finding (exit 1), not a usage error', async () => {
    const zip = next();
    await copyFile(bundle, zip);
    await appendFile(zip, Buffer.from('junk!'));
    const { text, json } = await verify(zip);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^unsafe {5}\(zip\) {2}Unexpected 5 bytes after the zip's end record, expected none: the zip was changed after it was written\n\nFAILED 1 problem in \d+ files\.\n/);
    expect(text.stdout).not.toContain('Invalid comment length');
    expect(json.code).toBe(1);
  });

  it('names a missing bundle in words, exit 2, with a JSON document on stdout in --format json', async () => {
    const missing = path.join(dir, 'no-such.zip');
    const { text, json } = await verify(missing);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`No file at \`${missing}\`, expected the bundle's .zip file`);
    expect(text.stderr).not.toContain('ENOENT');
    expect(json.code).toBe(2);
    expect(json.result).toEqual({ bundle: missing, ok: false, error: { message: `No file at \`${missing}\`, expected the bundle's .zip file` } });
  });

  it('refuses a missing --attestation before reading the zip', async () => {
    const notZip = path.join(dir, 'not-a-zip.zip');
    await writeFile(notZip, 'hello');
    const { text, json } = await verify(notZip, '--attestation', 'nowhere.sigstore.json');
    expect(text.code).toBe(2);
    // The zip would be refused as unreadable: the attestation is named first.
    expect(text.stderr).toContain(`No attestation at \`${path.join(dir, 'nowhere.sigstore.json')}\`, expected the release's .sigstore.json`);
    expect(text.stderr).not.toContain('as a zip');
    expect(json.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('No attestation at') } });
  });

  it('names the directory entries of a re-zipped bundle once, above the one real problem', async () => {
    const entries = await readZipEntries(bundle);
    const folders = [...new Set([...entries.keys()].flatMap((name) => name.split('/').slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`)))].sort();
    const zip = next();
    await writeRawZip(zip, [...folders.map((name) => ({ name, data: Buffer.alloc(0), mode: 0o040755 })), ...[...entries].map(([name, content]) => ({ name, content: name === 'controls.csv' ? flipByte(content) : content }))]);
    const { text } = await verify(zip);
    expect(text.code).toBe(1);
    const lines = text.stdout.split('\n\nFAILED')[0]!.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^unsafe {5}\\(zip\\) {2}Unexpected ${folders.length} directory entries \\(.*\\), which the bundle does not contain, expected only files: re-zipped by another tool\\?`)),
      expect.stringMatching(/^modified {3}controls\.csv {2}controls\.csv was modified/),
    ]);
  });
});

describe('evident verify --help', () => {
  it('says that verify does not check that the attested commit is on the default branch, and how to check it', async () => {
    const help = await capture(['verify', '--help'], { cwd: dir });
    expect(help.stdout).toContain('Verify does not check that the attested commit is on the default branch');
    expect(help.stdout).toContain('git merge-base --is-ancestor COMMIT origin/main');
    expect(help.stdout.split('\n')[0]).toContain(' [--anchor HASH|ID]... ');
  });
});
