import { createKeylessSigner, githubActionsTokenProvider, isSigstoreInstanceName, SigstoreSettingError, sigstoreEndpoints, type OidcRequestEnvironment } from '@evident/sigstore';
import { createRecordSigner, type KeylessRecordSigning, type RecordSigner } from './create-record-signer.js';

/** The identity of evidence commits made by the GitHub actions: the workflow token's bot. */
export const ACTIONS_COMMITTER = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' } as const;

/** What an action's signer needs of the runner: `core.setSecret` and `core.warning`. */
export interface ActionSignerRunner {
  setSecret(secret: string): void;
  warning(message: string): void;
}

/** The `sigstore` input: `off` (or empty), `github` or `public-good`; with `sigstore-urls`, a private deployment's endpoints. */
function keylessFromInputs(input: (name: string) => string, env: OidcRequestEnvironment, runner: ActionSignerRunner): KeylessRecordSigning | undefined {
  const instance = input('sigstore').trim();
  if (!instance || instance === 'off') return undefined;
  if (!isSigstoreInstanceName(instance)) throw new SigstoreSettingError(`Unexpected \`sigstore\` input \`${instance.slice(0, 40)}\`, expected off, github or public-good`);
  const urls = input('sigstore-urls').trim();
  const endpoints = sigstoreEndpoints(instance, urls);
  const identity = githubActionsTokenProvider(env, (secret) => runner.setSecret(secret));
  return { sign: createKeylessSigner({ endpoints, identity, timeout: 20_000 }), instance: urls ? 'custom' : instance };
}

/**
 * The record signer of an action, from its inputs: `sigstore` (keyless, with the run's OIDC token),
 * `signing-key` (an Ed25519 key; the fallback when keyless signing fails), else a marker on each
 * record saying why it is unsigned. Every part of the key is handed to `setSecret` before anything
 * else, so no log can show it; so are the OIDC tokens. A failed keyless signing is a warning.
 */
export function actionRecordSigner(input: (name: string) => string, env: OidcRequestEnvironment, runner: ActionSignerRunner, now: () => Date = () => new Date()): RecordSigner {
  const signingKey = input('signing-key');
  if (signingKey) {
    for (const line of signingKey.split(/\r?\n|\\n/).filter((l) => l.trim().length > 8 && !l.startsWith('-----'))) runner.setSecret(line);
    runner.setSecret(signingKey);
  }
  const keyless = keylessFromInputs(input, env, runner);
  return createRecordSigner({
    privateKeyPem: signingKey,
    keyless,
    unsignedReason: 'no signing key (the `signing-key` input of the action is empty)',
    now,
    onFallback: (reason) => runner.warning(`Evidence records are not signed keyless: ${reason}. ${signingKey ? 'They are signed with the signing key instead.' : 'They are written unsigned, each with this reason.'}`),
  });
}
