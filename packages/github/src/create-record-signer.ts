import { loadSigningKey, signedBytes, signRecord, unsignedMarker, type EvidenceRecord, type RecordSignatureFile, type SigningKey, type SigstoreRecordSignature } from '@evident/core';

/** Makes the signature file stored beside each record the evidence store appends. */
export type RecordSigner = (record: EvidenceRecord) => Promise<RecordSignatureFile>;

/** Keyless signing: a function that signs bytes and returns the Sigstore bundle, and the instance it uses. */
export interface KeylessRecordSigning {
  sign: (bytes: Buffer) => Promise<object>;
  instance: SigstoreRecordSignature['instance'];
}

export interface RecordSignerOptions {
  /** Ed25519 private key, PKCS#8 PEM (`EVIDENT_SIGNING_KEY`). Empty or absent: no key. */
  privateKeyPem?: string | undefined;
  /** Sign keyless with Sigstore first; the key (else the unsigned marker) is the fallback when that fails. */
  keyless?: KeylessRecordSigning | undefined;
  /** Why records are unsigned when there is neither key nor keyless signing, stored in each record's marker. */
  unsignedReason: string;
  now: () => Date;
  /** Told once when keyless signing fails and the signer falls back (the reason holds no secret). */
  onFallback?: (reason: string) => void;
}

const JWT = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

/** Why keyless signing failed, in one line with any token-shaped text removed. */
export function describeKeylessFailure(error: unknown): string {
  // Sigstore's client wraps the cause (the token service's answer, Fulcio's refusal): that is the reason worth telling.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (cause?.name === 'OidcTokenError') return cause.message;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? `${(error as { code: string }).code}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${code}${message}${cause ? ` (${cause.message})` : ''}`.replace(JWT, '[token]').replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * A signer for the evidence store. With keyless signing, each sealed record's canonical JSON is
 * signed through Sigstore; if that fails (no OIDC permission, a plan without GitHub's instance, a
 * service down), the signer stops trying for the rest of the run and falls back to the key, or to a
 * marker saying why the record is unsigned. A key that does not load throws SigningKeyError here,
 * before anything is collected (its text never appears in the message).
 */
export function createRecordSigner(options: RecordSignerOptions): RecordSigner {
  const pem = options.privateKeyPem?.trim();
  const key: SigningKey | undefined = pem ? loadSigningKey(pem) : undefined;
  const fallback = (record: EvidenceRecord, reason: string): RecordSignatureFile => (key ? signRecord(record, key, options.now()) : unsignedMarker(record, reason, options.now()));
  const keyless = options.keyless;
  if (!keyless) return async (record) => fallback(record, options.unsignedReason);
  let failure: string | undefined;
  return async (record) => {
    if (failure) return fallback(record, failure);
    try {
      const bundle = await keyless.sign(signedBytes(record));
      return { schema_version: 1, record_hash: record.hash, algorithm: 'sigstore', instance: keyless.instance, bundle: bundle as Record<string, unknown>, signed_at: options.now().toISOString() };
    } catch (error) {
      failure = `keyless signing failed (${describeKeylessFailure(error)})`;
      options.onFallback?.(failure);
      return fallback(record, failure);
    }
  };
}
