import type { KeylessVerifier } from '@evident/core';
import { identityMismatches } from './identity-policy.js';
import type { LoadedTrustedRoot } from './trusted-roots.js';
import { verifySignedBytes } from './verify-sigstore-bundle.js';

/**
 * The keyless verifier core's `checkRecordSignatures` takes: each record's Sigstore bundle is
 * verified offline against `roots`, then its workflow identity against evident.yaml
 * `evidence.signing.keyless`.
 */
export function keylessRecordVerifier(roots: readonly LoadedTrustedRoot[]): KeylessVerifier {
  return (bundle, bytes, policy) => {
    const verdict = verifySignedBytes(bundle, bytes, roots);
    if (verdict.status !== 'verified') return { status: verdict.status, message: verdict.message };
    const { identity } = verdict;
    return { status: 'verified', signer: identity.subject ?? 'no workflow named', run: identity.run, signed_at: verdict.signedAt, mismatches: identityMismatches(identity, policy) };
  };
}
