import { describePolicy, identityMismatches, type IdentityPolicy } from './identity-policy.js';
import type { LoadedTrustedRoot } from './trusted-roots.js';
import { parseSigstoreBundle, verifyBundleWithRoots } from './verify-sigstore-bundle.js';
import type { WorkflowIdentity } from './workflow-identity.js';

/**
 * The offline verdict on a release attestation (`BUNDLE.zip.sigstore.json`, as `actions/attest`
 * writes it): a DSSE-signed in-toto statement.
 * - `verified`: its statement names the zip's SHA-256, its signature verifies against a trusted root,
 *   and its signer is the release workflow of the expected repository at a tag;
 * - `subject-differs`: it attests other files; `bad-signature`, `untrusted`: its signature does not hold;
 * - `identity-mismatch`: another workflow, ref or repository signed it; `unreadable`: not an attestation.
 */
export type AttestationVerdict =
  | { state: 'verified'; predicateType: string; identity: WorkflowIdentity; signedAt: string | null; root: string; policy: string; repositoryChecked: boolean }
  | { state: 'subject-differs'; subjects: string[] }
  | { state: 'bad-signature' | 'untrusted' | 'unreadable'; reason: string }
  | { state: 'identity-mismatch'; reason: string; identity: WorkflowIdentity; policy: string };

const IN_TOTO = 'application/vnd.in-toto+json';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Who may attest a bundle: the release workflow (default `.github/workflows/release.yml`) at a tag, of `repository` when given. */
export interface ReleaseSigner {
  /** OWNER/NAME the auditor expects; absent, the repository the certificate names is reported, not compared. */
  repository?: string | undefined;
  workflow?: string | undefined;
  server_url?: string | undefined;
}

export const RELEASE_WORKFLOW = '.github/workflows/release.yml';

/** OWNER/NAME of a Source Repository URI on `server`, or undefined. */
function repositoryOf(uri: string | null, server: string): string | undefined {
  const prefix = `${server}/`;
  return uri?.startsWith(prefix) ? uri.slice(prefix.length) : undefined;
}

/** Verify a release attestation offline for the zip whose SHA-256 is `zipSha256`. Pure. */
export function verifyReleaseAttestation(json: unknown, zipSha256: string, roots: readonly LoadedTrustedRoot[], signer: ReleaseSigner = {}): AttestationVerdict {
  const bundle = parseSigstoreBundle(json);
  if (!bundle || bundle.content.$case !== 'dsseEnvelope') return { state: 'unreadable', reason: 'it is not a Sigstore bundle holding a DSSE envelope' };
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO) return { state: 'unreadable', reason: `its payload is \`${envelope.payloadType.slice(0, 80)}\`, expected an in-toto statement (${IN_TOTO})` };
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
  } catch {
    return { state: 'unreadable', reason: 'its payload is not a JSON in-toto statement' };
  }
  if (!isObject(statement) || !Array.isArray(statement.subject)) return { state: 'unreadable', reason: 'its statement names no subject' };
  const digests = statement.subject.map((s) => (isObject(s) && isObject(s.digest) && typeof s.digest.sha256 === 'string' ? s.digest.sha256.toLowerCase() : '')).filter(Boolean);
  if (!digests.includes(zipSha256)) return { state: 'subject-differs', subjects: digests };
  const verdict = verifyBundleWithRoots(bundle, roots);
  if (verdict.status === 'invalid') return { state: 'unreadable', reason: verdict.message };
  if (verdict.status !== 'verified') return { state: verdict.status, reason: verdict.message };
  const server = (signer.server_url ?? 'https://github.com').replace(/\/+$/, '');
  const repository = signer.repository ?? repositoryOf(verdict.identity.repository, server) ?? '(none named)';
  const policy: IdentityPolicy = { repository, workflow: signer.workflow ?? RELEASE_WORKFLOW, ref: 'refs/tags/*', server_url: server };
  const mismatches = identityMismatches(verdict.identity, policy);
  if (mismatches.length) return { state: 'identity-mismatch', reason: mismatches.join('; '), identity: verdict.identity, policy: describePolicy(policy) };
  return { state: 'verified', predicateType: typeof statement.predicateType === 'string' ? statement.predicateType : 'unknown', identity: verdict.identity, signedAt: verdict.signedAt, root: verdict.root, policy: describePolicy(policy), repositoryChecked: Boolean(signer.repository) };
}
