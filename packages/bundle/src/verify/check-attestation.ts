/** What a release attestation beside a bundle says about it. */
export type AttestationCheck =
  | { state: 'not-attested'; reason: string }
  | { state: 'subject-matches'; attestation: string; predicateType: string }
  | { state: 'subject-differs'; attestation: string; subjects: string[] }
  | { state: 'unreadable'; attestation: string; reason: string };

/** A Sigstore bundle over a few kilobytes of in-toto statement; anything larger is not one. */
export const ATTESTATION_MAX_BYTES = 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read a Sigstore bundle (`<bundle>.zip.sigstore.json`, as `actions/attest` writes it) and compare
 * the SHA-256 digests of its in-toto statement's subjects with the zip's. Pure: the signature and
 * the signer's identity are not checked here (`gh attestation verify` does, against GitHub's
 * trust roots); this catches an attestation that belongs to another file.
 */
export function checkAttestation(name: string, text: string, zipSha256: string): AttestationCheck {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch {
    return { state: 'unreadable', attestation: name, reason: 'it is not JSON' };
  }
  const envelope = isObject(bundle) ? bundle.dsseEnvelope : undefined;
  if (!isObject(envelope) || typeof envelope.payload !== 'string') return { state: 'unreadable', attestation: name, reason: 'it holds no DSSE envelope with a payload' };
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    return { state: 'unreadable', attestation: name, reason: 'its payload is not a JSON in-toto statement' };
  }
  if (!isObject(statement) || !Array.isArray(statement.subject)) return { state: 'unreadable', attestation: name, reason: 'its statement names no subject' };
  const digests = statement.subject.map((s) => (isObject(s) && isObject(s.digest) && typeof s.digest.sha256 === 'string' ? s.digest.sha256.toLowerCase() : '')).filter(Boolean);
  if (digests.includes(zipSha256)) return { state: 'subject-matches', attestation: name, predicateType: typeof statement.predicateType === 'string' ? statement.predicateType : 'unknown' };
  return { state: 'subject-differs', attestation: name, subjects: digests };
}
