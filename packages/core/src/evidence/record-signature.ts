import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './evidence-chain.js';
import type { EvidenceRecord } from './evidence-record.js';

/** A record's signature, stored beside it as `records/NNNNNN-<slug>.sig.json` (schemas/evidence-signature.schema.json). */
export interface SignedRecordSignature {
  schema_version: 1;
  /** The `hash` of the record signed: binds the file to one record. */
  record_hash: string;
  /** `ed25519-` and the first 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
  key_id: string;
  algorithm: 'ed25519';
  /** Ed25519 signature of the record's canonical JSON (UTF-8), base64. */
  signature: string;
  /** When the collector signed, as it says (not covered by the signature; the record's `recorded_at` is). */
  signed_at: string;
}

/** The marker a collector writes when it could not sign: the record is stored unsigned, and says why. */
export interface UnsignedRecordMarker {
  schema_version: 1;
  record_hash: string;
  algorithm: 'none';
  /** Why the record is unsigned, e.g. "no signing key (the `signing-key` input is empty)". */
  reason: string;
  signed_at: string;
}

/**
 * A keyless signature: a Sigstore bundle whose message signature covers the record's canonical JSON,
 * made with a short-lived certificate that names the workflow run (repository, workflow file, ref).
 */
export interface SigstoreRecordSignature {
  schema_version: 1;
  record_hash: string;
  algorithm: 'sigstore';
  /** The Sigstore instance that issued the certificate: GitHub's, the public-good one, or a private deployment. */
  instance: 'github' | 'public-good' | 'custom';
  /** The Sigstore bundle (application/vnd.dev.sigstore.bundle.v0.3+json), as Sigstore serializes it. */
  bundle: Record<string, unknown>;
  signed_at: string;
}

export type RecordSignatureFile = SignedRecordSignature | SigstoreRecordSignature | UnsignedRecordMarker;

/** A private signing key as the collector holds it, with the id verifiers look up in evident.yaml. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** The signing key is not an Ed25519 private key in PKCS#8 PEM. The message never contains the key. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

const SIG_SUFFIX = '.sig.json';

/** `records/000001-x.json` → `records/000001-x.sig.json`. */
export const signatureFileName = (recordFile: string) => `${recordFile.replace(/\.json$/, '')}${SIG_SUFFIX}`;
export const isSignatureFile = (file: string) => file.endsWith(SIG_SUFFIX);
/** `records/000001-x.sig.json` → `records/000001-x.json`. */
export const recordFileOfSignature = (signatureFile: string) => `${signatureFile.slice(0, -SIG_SUFFIX.length)}.json`;

/** The bytes a record's signature covers: its canonical JSON, `hash` included. */
export const signedBytes = (record: EvidenceRecord) => Buffer.from(canonicalJson(record), 'utf8');

/** The key id of a public key (PEM or KeyObject): `ed25519-` + 16 hex digits of the SHA-256 of its SPKI DER. */
export function signingKeyId(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return `ed25519-${sha256Hex(key.export({ type: 'spki', format: 'der' })).slice(0, 16)}`;
}

/** Read an Ed25519 private key (PKCS#8 PEM) and derive its key id. Throws SigningKeyError, never echoing the key. */
export function loadSigningKey(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem.trim().replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new SigningKeyError('Unexpected signing key, expected an Ed25519 private key in PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, as `evident signing keygen` writes it)');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`Unexpected ${privateKey.asymmetricKeyType ?? 'unknown'} signing key, expected an Ed25519 private key`);
  return { keyId: signingKeyId(createPublicKey(privateKey)), privateKey };
}

/** A new Ed25519 key pair: the private key as PKCS#8 PEM, the public key as SPKI PEM, and its id. */
export function generateSigningKey(): { keyId: string; privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId: signingKeyId(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Sign a sealed record. Pure but for the key: `signedAt` is a parameter. */
export function signRecord(record: EvidenceRecord, key: SigningKey, signedAt: Date): SignedRecordSignature {
  return {
    schema_version: 1,
    record_hash: record.hash,
    key_id: key.keyId,
    algorithm: 'ed25519',
    signature: sign(null, signedBytes(record), key.privateKey).toString('base64'),
    signed_at: signedAt.toISOString(),
  };
}

/** The marker for a record written without a signature, with the reason. */
export function unsignedMarker(record: EvidenceRecord, reason: string, at: Date): UnsignedRecordMarker {
  return { schema_version: 1, record_hash: record.hash, algorithm: 'none', reason, signed_at: at.toISOString() };
}
