import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { attestWithStack, startLoopbackSigstore, type LoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { checkAttestation } from './check-attestation.js';

const zip = 'a'.repeat(64);
const release = { repository: 'acme/compliance', ref: 'refs/tags/v2026.3', workflow: '.github/workflows/release.yml' };

describe('checkAttestation, offline against a loopback Sigstore', () => {
  let stack: LoopbackSigstore;
  let roots: { file: string; text: string }[];
  let attested: string;
  beforeAll(async () => {
    stack = await startLoopbackSigstore({ ...release });
    roots = [{ file: 'github.jsonl', text: JSON.stringify(stack.trustedRoot()) }];
    attested = JSON.stringify(await attestWithStack(stack, [{ name: 'b.zip', sha256: zip }]));
  });
  afterAll(() => stack.close());

  it('verifies the subject, the signature and the release workflow at a tag', () => {
    const check = checkAttestation('b.zip.sigstore.json', attested, zip, { trustedRoots: roots, signer: { repository: 'acme/compliance' } });
    expect(check).toMatchObject({ state: 'verified', attestation: 'b.zip.sigstore.json', predicateType: 'https://slsa.dev/provenance/v1', signer: 'https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v2026.3', repository: 'https://github.com/acme/compliance', ref: 'refs/tags/v2026.3', trusted_root: 'github.jsonl', repository_checked: true });
    // Without an expected repository the one the certificate names is reported, not compared.
    expect(checkAttestation('b.zip.sigstore.json', attested, zip, { trustedRoots: roots })).toMatchObject({ state: 'verified', repository_checked: false });
  });

  it('refuses an attestation for another digest: a bundle rebuilt with a regenerated manifest', () => {
    expect(checkAttestation('b.zip.sigstore.json', attested, 'c'.repeat(64), { trustedRoots: roots })).toEqual({ state: 'subject-differs', attestation: 'b.zip.sigstore.json', subjects: [zip] });
  });

  it('names another repository, another workflow and a branch instead of a tag', async () => {
    expect(checkAttestation('x', attested, zip, { trustedRoots: roots, signer: { repository: 'acme/other' } })).toMatchObject({ state: 'identity-mismatch', reason: expect.stringContaining('expected `https://github.com/acme/other`') });
    expect(checkAttestation('x', attested, zip, { trustedRoots: roots, signer: { repository: 'acme/compliance', workflow: '.github/workflows/evident-release.yml' } })).toMatchObject({ state: 'identity-mismatch' });
    stack.claims = { ...release, ref: 'refs/heads/main' };
    try {
      const fromBranch = JSON.stringify(await attestWithStack(stack, [{ name: 'b.zip', sha256: zip }]));
      expect(checkAttestation('x', fromBranch, zip, { trustedRoots: roots, signer: { repository: 'acme/compliance' } })).toMatchObject({ state: 'identity-mismatch', reason: expect.stringContaining('expected `refs/tags/*`') });
    } finally {
      stack.claims = { ...release };
    }
  });

  it('refuses an untrusted signer and a statement edited after signing', () => {
    expect(checkAttestation('x', attested, zip)).toMatchObject({ state: 'untrusted', reason: expect.stringContaining('public-good (shipped with Evident)') });
    const bundle = JSON.parse(attested) as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { subject: { digest: { sha256: string } }[] };
    statement.subject[0]!.digest.sha256 = 'd'.repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(checkAttestation('x', JSON.stringify(bundle), 'd'.repeat(64), { trustedRoots: roots })).toMatchObject({ state: 'bad-signature' });
  });

  it('compares the commit, tag and repository the certificate names with the manifest’s source', () => {
    const options = { trustedRoots: roots, signer: { repository: 'acme/compliance' } };
    const commit = 'a'.repeat(40);
    expect(checkAttestation('b.zip.sigstore.json', attested, zip, { ...options, source: { commit, release: 'v2026.3', repository: 'acme/compliance' } })).toMatchObject({ state: 'verified', commit, ref: 'refs/tags/v2026.3' });
    expect(checkAttestation('b.zip.sigstore.json', attested, zip, { ...options, source: { commit: 'b'.repeat(40), release: 'v1.0.0', repository: 'acme/other' } })).toEqual({
      state: 'source-differs',
      attestation: 'b.zip.sigstore.json',
      reason: `it was signed at commit ${commit}, the manifest names commit ${'b'.repeat(40)}; it was signed at refs/tags/v2026.3, the manifest names release v1.0.0 (refs/tags/v1.0.0); it was signed in acme/compliance, the manifest names repository acme/other`,
      signer: 'https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v2026.3',
      repository: 'https://github.com/acme/compliance',
      ref: 'refs/tags/v2026.3',
      commit,
    });
    // A bundle built outside git names no commit for the attestation to match; without a release, any tag goes.
    expect(checkAttestation('x', attested, zip, { ...options, source: { commit: null, release: null } })).toMatchObject({ state: 'source-differs', reason: `it was signed at commit ${commit}, the manifest names no commit (built outside git)` });
    expect(checkAttestation('x', attested, zip, { ...options, source: { commit: commit.toUpperCase(), release: null } })).toMatchObject({ state: 'verified' });
  });

  it('says why a file is not an attestation', () => {
    expect(checkAttestation('x', 'not json', zip)).toMatchObject({ state: 'unreadable', reason: 'it is not JSON' });
    expect(checkAttestation('x', '{"dsseEnvelope":{}}', zip)).toMatchObject({ state: 'unreadable', reason: 'it is not a Sigstore bundle holding a DSSE envelope' });
    const other = JSON.parse(attested) as { dsseEnvelope: { payloadType: string } };
    other.dsseEnvelope.payloadType = 'text/plain';
    expect(checkAttestation('x', JSON.stringify(other), zip)).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('expected an in-toto statement') });
  });
});
