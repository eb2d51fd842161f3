import { loadSigningKey, signRecord, unsignedMarker, type EvidenceRecord, type RecordSignatureFile } from '@evident/core';

/** Makes the signature file stored beside each record the evidence store appends. */
export type RecordSigner = (record: EvidenceRecord) => RecordSignatureFile;

export interface RecordSignerOptions {
  /** Ed25519 private key, PKCS#8 PEM (`EVIDENT_SIGNING_KEY`). Empty or absent: records are written unsigned. */
  privateKeyPem?: string | undefined;
  /** Why records are unsigned when there is no key, stored in each record's marker. */
  unsignedReason: string;
  now: () => Date;
}

/**
 * A signer for the evidence store: with a key, each sealed record's canonical JSON is signed with
 * Ed25519; without one, a marker saying why the record is unsigned. A key that does not load throws
 * SigningKeyError here, before anything is collected (its text never appears in the message).
 */
export function createRecordSigner(options: RecordSignerOptions): RecordSigner {
  const pem = options.privateKeyPem?.trim();
  if (!pem) return (record) => unsignedMarker(record, options.unsignedReason, options.now());
  const key = loadSigningKey(pem);
  return (record) => signRecord(record, key, options.now());
}
