import { describe, expect, it } from '@jest/globals';
import { checkAttestation } from './check-attestation.js';

const zip = 'a'.repeat(64);
const sigstore = (statement: unknown) => JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [] } });
const provenance = 'https://slsa.dev/provenance/v1';

describe('checkAttestation', () => {
  it('matches a statement whose subject is the zip', () => {
    expect(checkAttestation('b.zip.sigstore.json', sigstore({ subject: [{ name: 'b.zip', digest: { sha256: zip.toUpperCase() } }], predicateType: provenance }), zip)).toEqual({ state: 'subject-matches', attestation: 'b.zip.sigstore.json', predicateType: provenance });
  });

  it('names the digests of an attestation for another file', () => {
    expect(checkAttestation('b.zip.sigstore.json', sigstore({ subject: [{ name: 'b.zip', digest: { sha256: 'b'.repeat(64) } }], predicateType: provenance }), zip)).toEqual({ state: 'subject-differs', attestation: 'b.zip.sigstore.json', subjects: ['b'.repeat(64)] });
  });

  it('says why a file is not an attestation', () => {
    expect(checkAttestation('x', 'not json', zip)).toMatchObject({ state: 'unreadable', reason: 'it is not JSON' });
    expect(checkAttestation('x', '{"dsseEnvelope":{}}', zip)).toMatchObject({ state: 'unreadable', reason: 'it holds no DSSE envelope with a payload' });
    expect(checkAttestation('x', JSON.stringify({ dsseEnvelope: { payload: Buffer.from('[').toString('base64') } }), zip)).toMatchObject({ state: 'unreadable', reason: 'its payload is not a JSON in-toto statement' });
    expect(checkAttestation('x', sigstore({ predicateType: provenance }), zip)).toMatchObject({ state: 'unreadable', reason: 'its statement names no subject' });
  });
});
