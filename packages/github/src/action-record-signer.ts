import { createKeylessSigner, githubActionsTokenProvider, isSigstoreInstanceName, SigstoreSettingError, sigstoreEndpoints, type OidcRequestEnvironment } from '@evident/sigstore';
import { createRecordSigner, type RecordSigner } from './create-record-signer.js';

/** The identity of evidence commits made by the GitHub actions: the workflow token's bot. */
export const ACTIONS_COMMITTER = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' } as const;

/** What an action's signer needs of the runner: `core.setSecret` and `core.warning`. */
export interface ActionSignerRunner {
  setSecret(secret: string): void;
  warning(message: string): void;
}

/** How records are signed, as an action's inputs or the CLI's environment give it. */
export interface SigningSettings {
  /** Ed25519 private key, PKCS#8 PEM; empty: none. */
  signingKey: string;
  /** `off` (or empty), `github` or `public-good`. */
  sigstore: string;
  /** A private Sigstore deployment's endpoints (`fulcio=URL tsa=URL rekor=URL`); empty: the instance's. */
  sigstoreUrls: string;
  /** The runner's OIDC token request variables. */
  env: OidcRequestEnvironment;
  /** Where the settings came from, for messages: `input` (`sigstore` input) or `environment` (EVIDENT_SIGSTORE). */
  setting: string;
  /** Why records are unsigned when there is neither key nor keyless signing. */
  unsignedReason: string;
}

/**
 * The record signer for `settings`: keyless through Sigstore (with the run's OIDC token) when asked,
 * the Ed25519 key as its fallback or alone, else a marker on each record saying why it is unsigned.
 * Every part of the key and every OIDC token go to `setSecret` before anything else, so no log can
 * show them; a failed keyless signing is one warning. An unknown instance throws SigstoreSettingError.
 */
export function settingsRecordSigner(settings: SigningSettings, runner: ActionSignerRunner, now: () => Date = () => new Date()): RecordSigner {
  const { signingKey } = settings;
  if (signingKey) {
    for (const line of signingKey.split(/\r?\n|\\n/).filter((l) => l.trim().length > 8 && !l.startsWith('-----'))) runner.setSecret(line);
    runner.setSecret(signingKey);
  }
  const instance = settings.sigstore.trim();
  let keyless;
  if (instance && instance !== 'off') {
    if (!isSigstoreInstanceName(instance)) throw new SigstoreSettingError(`Unexpected ${settings.setting} \`${instance.slice(0, 40)}\`, expected off, github or public-good`);
    const urls = settings.sigstoreUrls.trim();
    const identity = githubActionsTokenProvider(settings.env, (secret) => runner.setSecret(secret));
    keyless = { sign: createKeylessSigner({ endpoints: sigstoreEndpoints(instance, urls), identity, timeout: 20_000 }), instance: urls ? ('custom' as const) : instance };
  }
  return createRecordSigner({
    privateKeyPem: signingKey,
    keyless,
    unsignedReason: settings.unsignedReason,
    now,
    onFallback: (reason) => runner.warning(`Evidence records are not signed keyless: ${reason}. ${signingKey ? 'They are signed with the signing key instead.' : 'They are written unsigned, each with this reason.'}`),
  });
}

/**
 * The record signer of an action, from its inputs `sigstore`, `sigstore-urls` and `signing-key`
 * (see `settingsRecordSigner`), with the runner's OIDC variables from `env`.
 */
export function actionRecordSigner(input: (name: string) => string, env: OidcRequestEnvironment, runner: ActionSignerRunner, now: () => Date = () => new Date()): RecordSigner {
  const settings = { signingKey: input('signing-key'), sigstore: input('sigstore'), sigstoreUrls: input('sigstore-urls'), env, setting: '`sigstore` input', unsignedReason: 'no signing key (the `signing-key` input of the action is empty)' };
  return settingsRecordSigner(settings, runner, now);
}
