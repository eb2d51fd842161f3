import { createPublicKey, type KeyObject } from 'node:crypto';
import { code } from '../diagnostic.js';
import { signingKeyId } from '../evidence/record-signature.js';
import type { TrustedSigningKey } from '../evidence/check-record-signatures.js';

/** A problem with one entry of `evidence.signing.keys`, at the key of that entry it is about. */
export interface SigningKeyProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What the schema cannot say about `evidence.signing.keys`: a `public_key` that is no Ed25519 public
 * key, and an `id` other than the one derived from the key (the SHA-256 of its SPKI DER, as
 * `evident signing keygen` prints it). Either way no record signed with that key would verify: every
 * one would be reported as signed by an unknown key.
 */
export function signingKeyProblems(keys: readonly TrustedSigningKey[]): SigningKeyProblem[] {
  const problems: SigningKeyProblem[] = [];
  keys.forEach((entry, index) => {
    const where = (key: string) => ['evidence', 'signing', 'keys', index, key];
    let key: KeyObject;
    try {
      key = createPublicKey(entry.public_key);
    } catch {
      problems.push({ path: where('public_key'), message: `Unexpected ${code(`evidence.signing.keys[${index}].public_key`)} that does not parse, expected an Ed25519 public key in SPKI PEM as \`evident signing keygen\` prints it` });
      return;
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      problems.push({ path: where('public_key'), message: `Unexpected ${key.asymmetricKeyType ?? 'unknown'} key for ${code(`evidence.signing.keys[${index}].public_key`)}, expected an Ed25519 public key` });
      return;
    }
    const id = signingKeyId(key);
    if (entry.id !== id) {
      problems.push({ path: where('id'), message: `Unexpected ${code(entry.id)} for ${code(`evidence.signing.keys[${index}].id`)}, expected ${code(id)}, the id of its public_key (records signed with the key name that id)` });
    }
  });
  return problems;
}
