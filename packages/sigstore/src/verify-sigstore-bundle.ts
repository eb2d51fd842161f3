import { createHash } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import { toSignedEntity, Verifier, VerificationError } from '@sigstore/verify';
import type { LoadedTrustedRoot } from './trusted-roots.js';
import { workflowIdentity, type WorkflowIdentity } from './workflow-identity.js';

/**
 * The verdict on a Sigstore bundle, before any identity policy:
 * - `verified`: the signature is over the bytes, by a certificate a trusted root's Fulcio issued,
 *   witnessed (timestamp or log entry) while the certificate was valid;
 * - `bad-signature`: the bundle signs other bytes, or its signature does not verify;
 * - `untrusted`: no trusted root vouches for it (unknown CA, expired or not-yet-valid certificate,
 *   a missing or forged timestamp, log entry or SCT);
 * - `invalid`: not a Sigstore bundle of the expected kind.
 */
export type SigstoreBundleVerdict =
  | { status: 'verified'; identity: WorkflowIdentity; signedAt: string | null; root: string; bundle: Bundle }
  | { status: 'bad-signature' | 'untrusted' | 'invalid'; message: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);

/** The earliest time a witness vouches for: a log entry's integrated time or a signed timestamp. */
function witnessedAt(bundle: Bundle): string | null {
  const times: number[] = [];
  for (const entry of bundle.verificationMaterial.tlogEntries) if (entry.integratedTime && entry.integratedTime !== '0') times.push(Number(entry.integratedTime) * 1000);
  for (const ts of bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []) {
    try {
      times.push(RFC3161Timestamp.parse(Buffer.from(ts.signedTimestamp)).signingTime.getTime());
    } catch {
      // A timestamp that does not parse was already refused by the verifier.
    }
  }
  return times.length ? new Date(Math.min(...times)).toISOString() : null;
}

/** Parse a serialized bundle; `undefined` when it is not one. */
export function parseSigstoreBundle(json: unknown): Bundle | undefined {
  try {
    return bundleFromJSON(json);
  } catch {
    return undefined;
  }
}

/**
 * Verify a parsed Sigstore bundle against each trusted root until one vouches for it. For a message
 * signature, `artifact` is the signed bytes; a DSSE envelope carries its own. Pure and offline.
 */
export function verifyBundleWithRoots(bundle: Bundle, roots: readonly LoadedTrustedRoot[], artifact?: Buffer): SigstoreBundleVerdict {
  const messageSignature = bundle.content.$case === 'messageSignature' ? bundle.content.messageSignature : undefined;
  if (artifact && messageSignature) {
    const digest = messageSignature.messageDigest?.digest;
    if (!digest || !createHash('sha256').update(artifact).digest().equals(Buffer.from(digest))) return { status: 'bad-signature', message: 'the signature is over other bytes (the SHA-256 it signs differs)' };
  }
  if (roots.length === 0) return { status: 'untrusted', message: 'no Sigstore trusted root to verify against' };
  const failures: string[] = [];
  for (const root of roots) {
    try {
      const signer = new Verifier(root.material, root.thresholds).verify(toSignedEntity(bundle, artifact));
      return { status: 'verified', identity: workflowIdentity(signer), signedAt: witnessedAt(bundle), root: root.source, bundle };
    } catch (error) {
      if (error instanceof VerificationError && error.code === 'SIGNATURE_ERROR') return { status: 'bad-signature', message: `the signature does not verify (${errorText(error)})` };
      failures.push(`${root.source}: ${errorText(error)}`);
    }
  }
  return { status: 'untrusted', message: `no trusted root vouches for the signing certificate and its timestamp (${failures.join('; ')})` };
}

/** Verify a serialized bundle signing `bytes` (a message signature over their SHA-256). */
export function verifySignedBytes(json: unknown, bytes: Buffer, roots: readonly LoadedTrustedRoot[]): SigstoreBundleVerdict {
  const bundle = parseSigstoreBundle(json);
  if (!bundle) return { status: 'invalid', message: 'not a Sigstore bundle' };
  if (bundle.content.$case !== 'messageSignature') return { status: 'invalid', message: 'the Sigstore bundle holds no message signature' };
  return verifyBundleWithRoots(bundle, roots, bytes);
}
