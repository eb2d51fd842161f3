import { describe, expect, it } from '@jest/globals';
import { createValidators } from '../validate/create-validators.js';
import { checkRecordSignatures, type SigningConfig } from './check-record-signatures.js';
import { sealRecord } from './evidence-chain.js';
import type { EvidenceRecord } from './evidence-record.js';
import { generateSigningKey, loadSigningKey, signRecord, unsignedMarker } from './record-signature.js';

const record = (n: number, recordedAt: string): EvidenceRecord =>
  sealRecord({ schema_version: 1, id: `exception/acme/program/test/${n}`, kind: 'exception', repository: 'acme/program', recorded_at: recordedAt, subject: { reason: 'test', detail: `record ${n}` }, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: recordedAt, api_calls: [] } }, undefined);
const file = (n: number) => `records/00000${n}-exception-acme-program-test-${n}.json`;
const sigFile = (n: number) => `records/00000${n}-exception-acme-program-test-${n}.sig.json`;

const pair = generateSigningKey();
const key = loadSigningKey(pair.privateKeyPem);
const other = generateSigningKey();
const config = (extra: Partial<SigningConfig['keys'][number]> = {}, requiredFrom?: string): SigningConfig => ({ keys: [{ id: pair.keyId, public_key: pair.publicKeyPem, not_before: '2026-01-01', ...extra }], ...(requiredFrom ? { required_from: requiredFrom } : {}) });
const check = (stored: { file: string; record: EvidenceRecord }[], sigs: [string, unknown][], signing: SigningConfig | undefined) =>
  checkRecordSignatures(stored, new Map(sigs.map(([f, s]) => [f, typeof s === 'string' ? s : JSON.stringify(s)])), signing, createValidators().evidenceSignature);

describe('checkRecordSignatures', () => {
  const r1 = record(1, '2026-03-01T00:00:00Z');
  const signed = signRecord(r1, key, new Date('2026-03-01T00:00:01Z'));

  it('derives the key id from the public key, and accepts a valid signature', () => {
    expect(key.keyId).toBe(pair.keyId);
    expect(pair.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
    const report = check([{ file: file(1), record: r1 }], [[file(1), signed]], config());
    expect(report).toEqual({ ok: true, keys: 1, required_from: null, counts: { valid: 1 }, records: [{ file: file(1), record: r1.id, sequence: 1, status: 'valid', signature_file: sigFile(1), key_id: pair.keyId, message: `Record \`${r1.id}\` is signed by key \`${pair.keyId}\`` }] });
  });

  it('names a record edited after signing (and re-sealed), a signature for another hash, an unknown key', () => {
    const edited = sealRecord({ ...r1, subject: { reason: 'test', detail: 'edited' } }, undefined);
    expect(check([{ file: file(1), record: edited }], [[file(1), { ...signed, record_hash: edited.hash }]], config()).records[0]).toMatchObject({ status: 'bad-signature', message: expect.stringContaining('differ from those signed') });
    expect(check([{ file: file(1), record: edited }], [[file(1), signed]], config()).records[0]).toMatchObject({ status: 'bad-signature', message: expect.stringContaining('names record hash') });
    const foreign = signRecord(r1, loadSigningKey(other.privateKeyPem), new Date('2026-03-01T00:00:01Z'));
    const report = check([{ file: file(1), record: r1 }], [[file(1), foreign]], config());
    expect(report).toMatchObject({ ok: false, counts: { 'unknown-key': 1 }, records: [{ status: 'unknown-key', key_id: other.keyId }] });
    // A key listed under the id of another one: the signature does not verify.
    expect(check([{ file: file(1), record: r1 }], [[file(1), { ...foreign, key_id: pair.keyId }]], config()).records[0]!.status).toBe('bad-signature');
  });

  it('refuses signatures outside the key\'s window: revoked before, or not yet valid', () => {
    expect(check([{ file: file(1), record: r1 }], [[file(1), signed]], config({ revoked_at: '2026-02-15' })).records[0]).toMatchObject({ status: 'key-revoked', message: expect.stringContaining('revoked at 2026-02-15') });
    expect(check([{ file: file(1), record: r1 }], [[file(1), signed]], config({ revoked_at: '2026-04-01' })).records[0]!.status).toBe('valid');
    expect(check([{ file: file(1), record: r1 }], [[file(1), signed]], config({ not_before: '2026-03-01T00:00:00.500Z' })).records[0]!.status).toBe('key-not-yet-valid');
  });

  it('unsigned: a finding from required_from, "before signing was required" before it, plain unsigned without it', () => {
    const early = record(1, '2026-02-01T00:00:00Z');
    const late = record(2, '2026-05-01T00:00:00Z');
    const marker = unsignedMarker(late, 'no signing key (the `signing-key` input is empty)', new Date('2026-05-01T00:00:00Z'));
    const report = check([{ file: file(1), record: early }, { file: file(2), record: late }], [[file(2), marker]], config({}, '2026-04-01'));
    expect(report.ok).toBe(false);
    expect(report.records.map((r) => [r.status, r.message])).toEqual([
      ['unsigned-before-required', `Record \`${early.id}\` is unsigned (no signature file), recorded before signing was required (2026-04-01)`],
      ['unsigned-required', `Record \`${late.id}\` recorded at 2026-05-01T00:00:00Z is unsigned: no signing key (the \`signing-key\` input is empty), expected a signature for every record from 2026-04-01 (\`evidence.signing.required_from\`)`],
    ]);
    expect(check([{ file: file(2), record: late }], [], undefined)).toMatchObject({ ok: true, keys: 0, counts: { unsigned: 1 } });
  });

  it('names a signature file that is not JSON or not valid against its schema', () => {
    expect(check([{ file: file(1), record: r1 }], [[file(1), '{']], config()).records[0]).toMatchObject({ status: 'invalid-signature-file', message: `Signature \`${sigFile(1)}\` is not JSON, expected schemas/evidence-signature.schema.json` });
    expect(check([{ file: file(1), record: r1 }], [[file(1), { ...signed, algorithm: 'rsa' }]], config()).records[0]!.status).toBe('invalid-signature-file');
  });

  it('loadSigningKey refuses anything but an Ed25519 PKCS#8 key, without echoing it', () => {
    expect(() => loadSigningKey('not a key secret-material')).toThrow(/^Unexpected signing key, expected an Ed25519 private key/);
    try {
      loadSigningKey('not a key secret-material');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-material');
    }
    // Stored in a secret with literal \n: still read.
    expect(loadSigningKey(pair.privateKeyPem.replace(/\n/g, '\\n')).keyId).toBe(pair.keyId);
  });
});
