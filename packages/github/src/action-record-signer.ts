import { createRecordSigner, type RecordSigner } from './create-record-signer.js';

/** The identity of evidence commits made by the GitHub actions: the workflow token's bot. */
export const ACTIONS_COMMITTER = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' } as const;

/**
 * The record signer of an action, from its `signing-key` input: every part of the key is handed to
 * `mask` (the runner's `core.setSecret`) before anything else, so no log can show it; without a key
 * records are marked unsigned with the reason.
 */
export function actionRecordSigner(signingKey: string, mask: (secret: string) => void, now: () => Date = () => new Date()): RecordSigner {
  if (signingKey) {
    for (const line of signingKey.split(/\r?\n|\\n/).filter((l) => l.trim().length > 8 && !l.startsWith('-----'))) mask(line);
    mask(signingKey);
  }
  return createRecordSigner({ privateKeyPem: signingKey, unsignedReason: 'no signing key (the `signing-key` input of the action is empty)', now });
}
