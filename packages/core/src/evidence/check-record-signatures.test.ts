import { describe, expect, it } from '@jest/globals';
import { createValidators } from '../validate/create-validators.js';
import { canonicalJson } from './canonical-json.js';
import { checkRecordSignatures, type KeylessVerdict, type SigningConfig, type TrustedSigningKey } from './check-record-signatures.js';
import { sealRecord } from './evidence-chain.js';
import type { EvidenceRecord, UnsealedRecord } from './evidence-record.js';
import { generateSigningKey, loadSigningKey, signRecord, unsignedMarker } from './record-signature.js';

const unsealed = (n: number, recordedAt: string): UnsealedRecord => ({ schema_version: 1, id: `exception/acme/program/test/${n}`, kind: 'exception', repository: 'acme/program', recorded_at: recordedAt, subject: { reason: 'test', detail: `record ${n}` }, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: recordedAt, api_calls: [] } });
const record = (n: number, recordedAt: string): EvidenceRecord => sealRecord(unsealed(n, recordedAt), undefined);
const file = (n: number) => `records/00000${n}-exception-acme-program-test-${n}.json`;
const sigFile = (n: number) => `records/00000${n}-exception-acme-program-test-${n}.sig.json`;

const pair = generateSigningKey();
const key = loadSigningKey(pair.privateKeyPem);
const other = generateSigningKey();
const config = (extra: Partial<TrustedSigningKey> = {}, requiredFrom?: string): SigningConfig => ({ keys: [{ id: pair.keyId, public_key: pair.publicKeyPem, not_before: '2026-01-01', ...extra }], ...(requiredFrom ? { required_from: requiredFrom } : {}) });
const check = (stored: { file: string; record: EvidenceRecord }[], sigs: [string, unknown][], signing: SigningConfig | undefined) =>
  checkRecordSignatures(stored, new Map(sigs.map(([f, s]) => [f, typeof s === 'string' ? s : JSON.stringify(s)])), signing, createValidators().evidenceSignature);

describe('checkRecordSignatures', () => {
  const r1 = record(1, '2026-03-01T00:00:00Z');
  const signed = signRecord(r1, key, new Date('2026-03-01T00:00:01Z'));

  it('derives the key id from the public key, and accepts a valid signature', () => {
    expect(key.keyId).toBe(pair.keyId);
    expect(pair.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
    const report = check([{ file: file(1), record: r1 }], [[file(1), signed]], config());
    expect(report).toEqual({ ok: true, keys: 1, keyless: null, required_from: null, counts: { valid: 1 }, records: [{ file: file(1), record: r1.id, sequence: 1, status: 'valid', signature_file: sigFile(1), key_id: pair.keyId, message: `Record \`${r1.id}\` is signed by key \`${pair.keyId}\`` }] });
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

  describe('once signing is required along the chain, it stays required', () => {
    /** Records chained in the order given, each recorded at the date given. */
    const chain = (dates: string[]) => {
      const out: { file: string; record: EvidenceRecord }[] = [];
      for (const [i, at] of dates.entries()) {
        out.push({ file: file(i + 1), record: sealRecord(unsealed(i + 1, at), out.at(-1)?.record) });
      }
      return out;
    };
    const signedAll = (stored: { file: string; record: EvidenceRecord }[], except: number[]) => stored.filter((_, i) => !except.includes(i)).map((s): [string, unknown] => [s.file, signRecord(s.record, key, new Date(s.record.recorded_at))]);

    it('names an unsigned record dated before required_from that comes after a record recorded when signing was required', () => {
      // Genuine signed records in November, then a forged unsigned one backdated to May.
      const stored = chain(['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z', '2026-05-15T09:00:00Z']);
      const report = check(stored, signedAll(stored, [2]), config({}, '2026-06-01'));
      expect(report.ok).toBe(false);
      expect(report.records.map((r) => r.status)).toEqual(['valid', 'valid', 'unsigned-required']);
      expect(report.records[2]!.message).toBe(`Record \`${stored[2]!.record.id}\` recorded at 2026-05-15T09:00:00Z is unsigned (no signature file), expected a signature: it comes after record 1 (\`${stored[0]!.record.id}\`), recorded at 2026-11-01T10:00:00Z when signing was required (from 2026-06-01, \`evidence.signing.required_from\`), so its earlier date does not exempt it`);
    });

    it('names it whatever its signature marker says, and also when the earlier record is itself unsigned', () => {
      const stored = chain(['2026-06-02T00:00:00Z', '2026-05-31T23:00:00Z']);
      const marker = unsignedMarker(stored[1]!.record, 'no signing key', new Date('2026-05-31T23:00:00Z'));
      expect(check(stored, [[file(2), marker]], config({}, '2026-06-01')).records.map((r) => r.status)).toEqual(['unsigned-required', 'unsigned-required']);
    });

    it('names an unsigned record dated more than a day before a record that comes before it, all before required_from', () => {
      const stored = chain(['2026-05-20T10:00:00Z', '2026-05-30T10:00:00Z', '2026-04-01T09:00:00Z']);
      const report = check(stored, signedAll(stored, [2]), config({}, '2026-06-01'));
      expect(report.records.map((r) => r.status)).toEqual(['valid', 'valid', 'unsigned-required']);
      expect(report.records[2]!.message).toBe(`Record \`${stored[2]!.record.id}\` recorded at 2026-04-01T09:00:00Z is unsigned (no signature file), expected a signature: its date goes back more than a day before record 2 (\`${stored[1]!.record.id}\`), recorded at 2026-05-30T10:00:00Z, which comes before it in the chain, so it does not show the record was made before signing was required (2026-06-01)`);
    });

    it('accepts records re-sealed after a concurrent writer, seconds apart, and unsigned records in order before required_from', () => {
      // The writer that lost the race re-seals its record (recorded a few seconds earlier) after the winner's.
      const raced = chain(['2026-05-30T10:00:05Z', '2026-05-30T10:00:01Z', '2026-05-31T08:00:00Z']);
      expect(check(raced, [], config({}, '2026-06-01'))).toMatchObject({ ok: true, counts: { 'unsigned-before-required': 3 } });
      // Signed for a while before required_from, then an unsigned record (a keyless failure, say): still before it.
      const rollout = chain(['2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z']);
      expect(check(rollout, signedAll(rollout, [1]), config({}, '2026-06-01'))).toMatchObject({ ok: true, counts: { valid: 1, 'unsigned-before-required': 1 } });
      // Without required_from, nothing is required.
      expect(check(chain(['2026-11-01T00:00:00Z', '2026-05-01T00:00:00Z']), [], undefined)).toMatchObject({ ok: true, counts: { unsigned: 2 } });
    });
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

describe('checkRecordSignatures with keyless signatures', () => {
  const r1 = record(1, '2026-03-01T00:00:00Z');
  const keyless = { schema_version: 1, record_hash: r1.hash, algorithm: 'sigstore', instance: 'github', bundle: { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: {}, messageSignature: {} }, signed_at: '2026-03-01T00:00:01Z' };
  const policy = { repository: 'acme/compliance', workflow: '.github/workflows/evidence.yml', ref: 'refs/heads/main' };
  const signer = 'https://github.com/acme/compliance/.github/workflows/evidence.yml@refs/heads/main';
  // The verifier is a parameter: here a pure function returning each verdict the Sigstore verifier gives
  // (the verifier itself is tested against a loopback Sigstore in @evident/sigstore and through the CLI).
  const run = (verdict: KeylessVerdict, signing: SigningConfig | undefined = { keyless: policy }) => {
    const seen: { bytes: string; policy: unknown }[] = [];
    const report = checkRecordSignatures([{ file: file(1), record: r1 }], new Map([[file(1), JSON.stringify(keyless)]]), signing, createValidators().evidenceSignature, (_bundle, bytes, p) => {
      seen.push({ bytes: bytes.toString('utf8'), policy: p });
      return verdict;
    });
    return { report, seen };
  };

  it('hands the record\'s canonical bytes and the policy to the verifier, and accepts a verified signer', () => {
    const { report, seen } = run({ status: 'verified', signer, run: 'https://github.com/acme/compliance/actions/runs/1/attempts/1', signed_at: '2026-03-01T00:00:01Z', mismatches: [] });
    expect(seen).toEqual([{ bytes: canonicalJson(r1), policy }]);
    expect(report).toMatchObject({ ok: true, keyless: 'acme/compliance .github/workflows/evidence.yml at refs/heads/main', records: [{ status: 'valid', signer, run: 'https://github.com/acme/compliance/actions/runs/1/attempts/1' }] });
  });

  it('names another workflow, other bytes, an untrusted signer and an unusable bundle', () => {
    expect(run({ status: 'verified', signer, run: null, signed_at: null, mismatches: ['signed on ref `refs/heads/x`, expected `refs/heads/main`'] }).report.records[0]).toMatchObject({ status: 'identity-mismatch', message: expect.stringContaining('signed on ref `refs/heads/x`') });
    expect(run({ status: 'bad-signature', message: 'the signature is over other bytes' }).report.records[0]).toMatchObject({ status: 'bad-signature' });
    expect(run({ status: 'untrusted', message: 'expired certificate' }).report.records[0]).toMatchObject({ status: 'untrusted-signer', message: expect.stringContaining('expired certificate') });
    expect(run({ status: 'invalid', message: 'not a Sigstore bundle' }).report.records[0]).toMatchObject({ status: 'invalid-signature-file' });
  });

  it('cannot verify a keyless signature without a keyless policy in evident.yaml', () => {
    const { report, seen } = run({ status: 'verified', signer, run: null, signed_at: null, mismatches: [] }, { keys: [] });
    expect(seen).toEqual([]);
    expect(report).toMatchObject({ ok: false, records: [{ status: 'unverifiable', message: expect.stringContaining('`evidence.signing.keyless`') }] });
  });
});
