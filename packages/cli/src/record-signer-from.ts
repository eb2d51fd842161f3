import type { RecordSigner } from '@evident/github';
import type { CliIo } from './cli-io.js';

/**
 * The signer for records a command appends: EVIDENT_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM,
 * never printed) when set, otherwise a marker on each record saying it was collected unsigned by
 * `command`. A key that does not load throws SigningKeyError (exit 2, the key never echoed).
 */
export async function recordSignerFrom(io: CliIo, command: string): Promise<RecordSigner> {
  const { createRecordSigner } = await import('@evident/github');
  return createRecordSigner({ privateKeyPem: io.env.EVIDENT_SIGNING_KEY, unsignedReason: `collected by \`${command}\` without EVIDENT_SIGNING_KEY`, now: () => io.now() });
}
