import { trustedRootsWith, verifyReleaseAttestation, type ReleaseSigner, type TrustedRootFile } from '@evident/sigstore';

/** What a release attestation beside a bundle says about it, checked offline. */
export type AttestationCheck =
  | { state: 'not-attested'; reason: string }
  | { state: 'verified'; attestation: string; predicateType: string; signer: string | null; repository: string | null; ref: string | null; commit: string | null; run: string | null; signed_at: string | null; trusted_root: string; repository_checked: boolean }
  | { state: 'source-differs'; attestation: string; reason: string; signer: string | null; repository: string | null; ref: string | null; commit: string | null }
  | { state: 'subject-differs'; attestation: string; subjects: string[] }
  | { state: 'bad-signature' | 'untrusted' | 'unreadable'; attestation: string; reason: string }
  | { state: 'identity-mismatch'; attestation: string; reason: string; signer: string | null; expected: string };

/** A Sigstore bundle over a few kilobytes of in-toto statement; anything larger is not one. */
export const ATTESTATION_MAX_BYTES = 1024 * 1024;

export interface AttestationCheckOptions {
  /** Sigstore trusted roots besides the shipped public-good one (GitHub's instance signs private repositories' attestations). */
  trustedRoots?: readonly TrustedRootFile[];
  /** The repository (and release workflow) the auditor expects to have attested the bundle. */
  signer?: ReleaseSigner;
  /** What the bundle's manifest.json says it was built from: the attestation's commit, tag and repository must agree. */
  source?: AttestedSource;
}

/** The source a bundle's manifest names, to compare with the one its attestation's certificate names. */
export interface AttestedSource {
  /** `source.commit`, null when the bundle was built outside git. */
  commit: string | null;
  /** `release`: the tag the bundle was built for, when one was given. */
  release: string | null;
  /** OWNER/NAME of the repository, when the manifest records one (`github_cross_check.repository`). */
  repository?: string | undefined;
}

/**
 * Verify a release attestation (`<bundle>.zip.sigstore.json`, as `actions/attest` writes it) for the
 * zip whose SHA-256 is `zipSha256`, offline: its in-toto statement must name that digest, its DSSE
 * signature must verify against a trusted root, and its signer must be the release workflow at a
 * tag (of the expected repository, when one is given). Pure; trusted root files are parsed here.
 */
export function checkAttestation(name: string, text: string, zipSha256: string, options: AttestationCheckOptions = {}): AttestationCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'unreadable', attestation: name, reason: 'it is not JSON' };
  }
  const verdict = verifyReleaseAttestation(json, zipSha256, trustedRootsWith(options.trustedRoots ?? []), options.signer);
  switch (verdict.state) {
    case 'verified': {
      const { identity } = verdict;
      const differences = options.source ? sourceDifferences(identity, options.source) : [];
      if (differences.length) return { state: 'source-differs', attestation: name, reason: differences.join('; '), signer: identity.subject, repository: identity.repository, ref: identity.ref, commit: identity.commit };
      return { state: 'verified', attestation: name, predicateType: verdict.predicateType, signer: identity.subject, repository: identity.repository, ref: identity.ref, commit: identity.commit, run: identity.run, signed_at: verdict.signedAt, trusted_root: verdict.root, repository_checked: verdict.repositoryChecked };
    }
    case 'subject-differs':
      return { state: 'subject-differs', attestation: name, subjects: verdict.subjects };
    case 'identity-mismatch':
      return { state: 'identity-mismatch', attestation: name, reason: verdict.reason, signer: verdict.identity.subject, expected: verdict.policy };
    default:
      return { state: verdict.state, attestation: name, reason: verdict.reason };
  }
}

/**
 * Where the certificate's source (commit, ref, repository) and the manifest's disagree, one phrase each:
 * an attestation of another commit, tag or repository vouches for the zip's bytes, not for what the
 * manifest says they were built from. Pure.
 */
function sourceDifferences(identity: { repository: string | null; ref: string | null; commit: string | null }, source: AttestedSource): string[] {
  const differences: string[] = [];
  if (source.commit === null) differences.push(`it was signed at commit ${identity.commit ?? '(none named)'}, the manifest names no commit (built outside git)`);
  else if (identity.commit?.toLowerCase() !== source.commit.toLowerCase()) differences.push(`it was signed at commit ${identity.commit ?? '(none named)'}, the manifest names commit ${source.commit}`);
  if (source.release !== null && identity.ref !== `refs/tags/${source.release}`) differences.push(`it was signed at ${identity.ref ?? '(no ref named)'}, the manifest names release ${source.release} (refs/tags/${source.release})`);
  const attested = identity.repository?.replace(/^https:\/\/[^/]+\//, '') ?? null;
  if (source.repository !== undefined && attested?.toLowerCase() !== source.repository.toLowerCase()) differences.push(`it was signed in ${attested ?? '(no repository named)'}, the manifest names repository ${source.repository}`);
  return differences;
}
