import type { WorkflowIdentity } from './workflow-identity.js';

/**
 * Which workflow may sign: evident.yaml `evidence.signing.keyless` (records) or the release
 * workflow (bundles). `ref` is exact (`refs/heads/main`) or, ending in `*`, a prefix (`refs/tags/*`).
 */
export interface IdentityPolicy {
  /** OWNER/NAME. */
  repository: string;
  /** The workflow file, e.g. `.github/workflows/evidence.yml`. */
  workflow: string;
  ref: string;
  /** Default `https://github.com`. */
  server_url?: string | undefined;
  /** Default `https://token.actions.githubusercontent.com`. */
  issuer?: string | undefined;
}

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

const refMatches = (actual: string, expected: string) => (expected.endsWith('*') ? actual.startsWith(expected.slice(0, -1)) : actual === expected);

/** One line for humans: `acme/compliance .github/workflows/evidence.yml at refs/heads/main`. */
export const describePolicy = (policy: IdentityPolicy) => `${policy.repository} ${policy.workflow} at ${policy.ref}`;

/**
 * What in a signer's identity the policy does not allow, each as a phrase ("signed by workflow
 * `…`, expected `…`"); empty when it matches. Compares the issuer, the repository, the ref, the
 * workflow file that ran (the certificate's subject) and the run's top-level workflow, all exactly,
 * case-sensitively.
 */
export function identityMismatches(identity: WorkflowIdentity, policy: IdentityPolicy): string[] {
  const server = (policy.server_url ?? 'https://github.com').replace(/\/+$/, '');
  const issuer = policy.issuer ?? GITHUB_ACTIONS_ISSUER;
  const repositoryUri = `${server}/${policy.repository}`;
  const problems: string[] = [];
  if (identity.issuer !== issuer) problems.push(`issued to \`${identity.issuer ?? 'no issuer'}\`, expected \`${issuer}\``);
  if (identity.repository !== repositoryUri) problems.push(`signed in repository \`${identity.repository ?? 'none named'}\`, expected \`${repositoryUri}\``);
  if (!identity.ref || !refMatches(identity.ref, policy.ref)) problems.push(`signed on ref \`${identity.ref ?? 'none named'}\`, expected \`${policy.ref}\``);
  const subject = identity.subject ?? '';
  const at = subject.lastIndexOf('@');
  const file = at > 0 ? subject.slice(0, at) : subject;
  const subjectRef = at > 0 ? subject.slice(at + 1) : '';
  if (file !== `${repositoryUri}/${policy.workflow}`) problems.push(`signed by workflow \`${file || 'none named'}\`, expected \`${repositoryUri}/${policy.workflow}\``);
  else if (!refMatches(subjectRef, policy.ref)) problems.push(`signed by the workflow at \`${subjectRef || 'no ref'}\`, expected \`${policy.ref}\``);
  // The run's top-level workflow (Build Config URI) must be that workflow too: another workflow calling
  // it as a reusable workflow, with inputs of its own choosing, does not sign as it.
  const started = identity.workflow ?? '';
  const at2 = started.lastIndexOf('@');
  if (started && (at2 > 0 ? started.slice(0, at2) : started) !== file) problems.push(`run started by workflow \`${started}\`, expected the signing workflow itself`);
  return problems;
}
