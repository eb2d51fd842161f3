import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { generateSigningKey, loadSigningKey, sealRecord, signRecord, signatureFileName, type EvidenceRecord } from '@evident/core';
import { appendEvidence, createRecordSigner } from '@evident/github';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTOR, tamperer, tampererIn, testRecord, testRecordFile, type Tamperer } from '../../../github/test/evidence-branch.js';
import { sandboxTemplate, seedProgram, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture } from '../test-support/capture-run.js';

const trusted = generateSigningKey();
const stranger = generateSigningKey();
const SIGNED_AT = new Date('2026-03-01T00:00:05Z');

/** evident.yaml `evidence.signing` trusting `trusted`, with the key's window and the cut-over given. */
function signingYaml(options: { revoked_at?: string; required_from?: string } = {}): string {
  return [
    '  signing:',
    ...(options.required_from ? [`    required_from: ${options.required_from}`] : []),
    '    keys:',
    `      - id: ${trusted.keyId}`,
    '        not_before: 2026-01-01',
    ...(options.revoked_at ? [`        revoked_at: ${options.revoked_at}`] : []),
    '        public_key: |',
    ...trusted.publicKeyPem.trimEnd().split('\n').map((l) => `          ${l}`),
    '',
  ].join('\n');
}

async function verifyJson(clone: Clone) {
  const run = await capture(['evidence', 'verify', '--format', 'json'], { cwd: clone.dir, env: {} });
  return { code: run.code, report: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('evident evidence verify checks every record\'s signature against evident.yaml, offline', () => {
  let sandbox: GitSandbox;
  let collector: Clone;
  let mallory: Tamperer;

  /** Mallory appends record 3 after record 2, sealed correctly, with the signature file given (or none). */
  async function forgeThird(signature?: (record: EvidenceRecord) => object): Promise<{ record: EvidenceRecord; commit: string }> {
    const two = await mallory.read(testRecordFile(2));
    const record = sealRecord(testRecord(3), two) as EvidenceRecord;
    await mallory.write(testRecordFile(3), record);
    if (signature) await writeFile(path.join(mallory.clone.dir, signatureFileName(testRecordFile(3))), JSON.stringify(signature(record), null, 2) + '\n');
    return { record, commit: await mallory.push('Add evidence record') };
  }

  /** Made once per file: records 1 and 2 signed by the trusted key, the collector's clone and mallory's. */
  const signedRecords = sandboxTemplate(async (made) => {
    const clone = await made.clone('collector');
    await seedProgram(clone);
    const sign = createRecordSigner({ privateKeyPem: trusted.privateKeyPem, unsignedReason: 'unused', now: () => SIGNED_AT });
    await appendEvidence(clone.git, [testRecord(1), testRecord(2)], { ...COLLECTOR, sign });
    await tamperer(made);
  });

  beforeEach(async () => {
    ({ sandbox } = await signedRecords());
    collector = sandbox.open('collector');
    mallory = tampererIn(sandbox.open('mallory'));
  });
  afterEach(async () => sandbox.cleanup());

  it('valid: each record lands with its .sig.json in the same commit, and verifies', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml({ required_from: '2026-02-01' }));
    const files = (await mallory.clone.git.raw(['show', '--name-status', '--format=', 'HEAD'])).trim().split('\n');
    expect(files).toEqual(['A\tREADME.md', `A\t${testRecordFile(1)}`, `A\t${signatureFileName(testRecordFile(1))}`, `A\t${testRecordFile(2)}`, `A\t${signatureFileName(testRecordFile(2))}`]);
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(0);
    expect(report.signatures).toMatchObject({ ok: true, keys: 1, required_from: '2026-02-01', counts: { valid: 2 } });
    expect(report.signatures.records.map((r: { status: string; key_id: string }) => [r.status, r.key_id])).toEqual([['valid', trusted.keyId], ['valid', trusted.keyId]]);
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.stdout).toContain(`ok signatures of 2 records: 2 signed (1 key in evident.yaml, signing required from 2026-02-01).\n`);
  });

  it('record edited after signing and re-sealed: the history names the commit, the signature check the record', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml());
    const file = testRecordFile(2);
    const edited = await mallory.read(file);
    await mallory.write(file, sealRecord({ ...edited, subject: { reason: 'test', detail: 'edited' } } as EvidenceRecord, await mallory.read(testRecordFile(1))));
    await writeFile(path.join(mallory.clone.dir, signatureFileName(file)), (await readFile(path.join(mallory.clone.dir, signatureFileName(file)), 'utf8')).replace(edited.hash, (await mallory.read(file)).hash));
    const commit = await mallory.push('Edit record 2');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems.map((p: { problem: string; file: string }) => [p.problem, p.file])).toEqual([['modified', signatureFileName(file)], ['modified', file]]);
    expect(report.problems[0].message).toBe(`Commit ${commit.slice(0, 12)} modified signature \`${signatureFileName(file)}\` of \`${file}\`, expected signatures to be only added with their records`);
    expect(report.signatures.records[1]).toMatchObject({ file, status: 'bad-signature', message: expect.stringContaining('differ from those signed') });
  });

  it('a forged record with another record\'s signature: the history is intact, the signature is bad', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml());
    const copied = JSON.parse(await readFile(path.join(mallory.clone.dir, signatureFileName(testRecordFile(2))), 'utf8'));
    const { record } = await forgeThird((r) => ({ ...copied, record_hash: r.hash }));
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems).toEqual([]);
    expect(report.signatures.records[2]).toMatchObject({ record: record.id, status: 'bad-signature' });
  });

  it('wrong key: a record signed by a key evident.yaml does not list', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml());
    const { record } = await forgeThird((r) => signRecord(r, loadSigningKey(stranger.privateKeyPem), SIGNED_AT));
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.signatures.records[2]).toEqual({ file: testRecordFile(3), record: record.id, sequence: 3, status: 'unknown-key', signature_file: signatureFileName(testRecordFile(3)), key_id: stranger.keyId, message: `Record \`${record.id}\` is signed by key \`${stranger.keyId}\`, expected one of the keys in evident.yaml \`evidence.signing.keys\`` });
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.stdout).toContain(`unknown key ${testRecordFile(3)}  Record \`${record.id}\` is signed by key \`${stranger.keyId}\``);
    expect(text.stdout).toContain('signature problems signatures of 3 records: 2 signed, 1 unknown key (1 key in evident.yaml).');
  });

  it('key revoked before the signing date: every record it signed from then on is refused', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml({ revoked_at: '2026-02-15' }));
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.signatures.counts).toEqual({ 'key-revoked': 2 });
    expect(report.signatures.records[0].message).toBe(`Record \`${testRecord(1).id}\` recorded at 2026-03-01T00:00:00Z (signed at 2026-03-01T00:00:05.000Z) is signed by key \`${trusted.keyId}\`, revoked at 2026-02-15`);
  });

  it('unsigned after the cut-over: named; unsigned before it: reported, not a finding', async () => {
    const { record } = await forgeThird();
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml({ required_from: '2026-02-01' }));
    const after = await verifyJson(collector);
    expect(after.code).toBe(1);
    expect(after.report.signatures.records[2]).toMatchObject({ record: record.id, status: 'unsigned-required', signature_file: null, message: `Record \`${record.id}\` recorded at 2026-03-01T00:00:00Z is unsigned (no signature file), expected a signature for every record from 2026-02-01 (\`evidence.signing.required_from\`)` });

    await writeFile(path.join(collector.dir, 'evident.yaml'), (await readFile(path.join(collector.dir, 'evident.yaml'), 'utf8')).replace('required_from: 2026-02-01', 'required_from: 2026-06-01'));
    const before = await verifyJson(collector);
    expect(before.code).toBe(0);
    expect(before.report.signatures).toMatchObject({ ok: true, counts: { valid: 2, 'unsigned-before-required': 1 } });
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.stdout).toContain(`unsigned (before signing was required) ${testRecordFile(3)}  Record \`${record.id}\` is unsigned (no signature file), recorded before signing was required (2026-06-01)\n`);
  });

  it('a signature added after its record is named by the history walk', async () => {
    await forgeThird();
    await writeFile(path.join(mallory.clone.dir, signatureFileName(testRecordFile(3))), '{}\n');
    const commit = await mallory.push('Sign record 3 later');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems).toEqual([{ problem: 'invalid', commit, file: signatureFileName(testRecordFile(3)), message: `Commit ${commit.slice(0, 12)} added signature \`${signatureFileName(testRecordFile(3))}\` without its record \`${testRecordFile(3)}\`, expected a signature to be added in the same commit as its record` }]);
  });

  it('escapes control characters a forged record carries, in text and in JSON', async () => {
    await appendFile(path.join(collector.dir, 'evident.yaml'), signingYaml({ required_from: '2026-02-01' }));
    const two = await mallory.read(testRecordFile(2));
    const record = sealRecord({ ...testRecord(3), subject: { reason: 'test', detail: 'x' }, id: 'exception/acme/program/test/\u001b[2J\u202e3' }, two) as EvidenceRecord;
    await mallory.write(testRecordFile(3), record);
    await mallory.push('Add evidence record');
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(text.stdout).toContain('exception/acme/program/test/\\x1b[2J\\u202e3');
    const json = await capture(['evidence', 'verify', '--format', 'json'], { cwd: collector.dir, env: {} });
    expect(json.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(JSON.parse(json.stdout).signatures.records[2].record).toBe(record.id);
  });
});
