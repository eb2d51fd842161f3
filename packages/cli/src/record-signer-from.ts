import type { RecordSigner } from '@evident/github';
import type { CliIo } from './cli-io.js';

/**
 * The signer for records a command appends, from the environment: EVIDENT_SIGSTORE (`github` or
 * `public-good`: keyless, with the OIDC token of the GitHub Actions run it is in; EVIDENT_SIGSTORE_URLS
 * for a private deployment), EVIDENT_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM, never printed;
 * alone or as the fallback), otherwise a marker on each record saying it was collected unsigned by
 * `command`. A key that does not load throws SigningKeyError, an unknown instance SigstoreSettingError
 * (exit 2, nothing written).
 */
export async function recordSignerFrom(io: CliIo, command: string): Promise<RecordSigner> {
  const { settingsRecordSigner } = await import('@evident/github');
  const env = io.env;
  const settings = {
    signingKey: env.EVIDENT_SIGNING_KEY ?? '',
    sigstore: env.EVIDENT_SIGSTORE ?? '',
    sigstoreUrls: env.EVIDENT_SIGSTORE_URLS ?? '',
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: env.ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN },
    setting: 'EVIDENT_SIGSTORE',
    unsignedReason: `collected by \`${command}\` without EVIDENT_SIGNING_KEY`,
  };
  // The command prints neither the key nor a token anywhere, so there is nothing to mask.
  const runner = { setSecret: () => undefined, warning: (message: string) => io.stderr(`warning: ${message}\n`) };
  return settingsRecordSigner(settings, runner, () => io.now());
}
