import { describe, expect, it } from '@jest/globals';
import { generateSigningKey, type EvidenceRecord } from '@evident/core';
import { createRecordSigner, describeKeylessFailure } from './create-record-signer.js';

const record = { schema_version: 1, id: 'exception/acme/program/test/1', sequence: 1, hash: 'a'.repeat(64), recorded_at: '2026-03-01T00:00:00Z' } as unknown as EvidenceRecord;
const now = () => new Date('2026-03-01T00:00:05Z');

describe('createRecordSigner', () => {
  it('falls back once keyless signing fails: tells why once, then signs with the key for the rest of the run', async () => {
    let attempts = 0;
    const told: string[] = [];
    const key = generateSigningKey();
    const sign = createRecordSigner({
      privateKeyPem: key.privateKeyPem,
      keyless: { instance: 'github', sign: async () => {
        attempts += 1;
        throw Object.assign(new Error('error creating signing certificate - (403) forbidden'), { code: 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' });
      } },
      unsignedReason: 'unused',
      now,
      onFallback: (reason) => told.push(reason),
    });
    expect(await sign(record)).toMatchObject({ algorithm: 'ed25519', key_id: key.keyId });
    expect(await sign(record)).toMatchObject({ algorithm: 'ed25519' });
    expect(attempts).toBe(1);
    expect(told).toEqual(['keyless signing failed (CA_CREATE_SIGNING_CERTIFICATE_ERROR: error creating signing certificate - (403) forbidden)']);
  });

  it('stores the Sigstore bundle keyless signing returns', async () => {
    const sign = createRecordSigner({ keyless: { instance: 'public-good', sign: async (bytes) => ({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', signed: bytes.length }) }, unsignedReason: 'unused', now });
    expect(await sign(record)).toEqual({ schema_version: 1, record_hash: record.hash, algorithm: 'sigstore', instance: 'public-good', bundle: { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', signed: expect.any(Number) }, signed_at: '2026-03-01T00:00:05.000Z' });
  });
});

describe('describeKeylessFailure', () => {
  it('never repeats a token-shaped string, and prefers the token service\'s own reason', () => {
    const jwt = `eyJhbGciOiJFUzI1NiJ9.${'eyJzdWIiOiJyZXBvOmFjbWUifQ'}.${'c2lnbmF0dXJlLWJ5dGVz'}`;
    expect(describeKeylessFailure(Object.assign(new Error(`invalid identity token: ${jwt}`), { code: 'IDENTITY_TOKEN_PARSE_ERROR' }))).toBe('IDENTITY_TOKEN_PARSE_ERROR: invalid identity token: [token]');
    const cause = Object.assign(new Error('no OIDC token: the job needs `permissions: id-token: write`'), { name: 'OidcTokenError' });
    expect(describeKeylessFailure(new Error('error retrieving identity token', { cause }))).toBe('no OIDC token: the job needs `permissions: id-token: write`');
  });
});
