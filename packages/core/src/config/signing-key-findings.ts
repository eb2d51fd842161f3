import { createPublicKey, type KeyObject } from 'node:crypto';
import { code } from '../diagnostic.js';
import { signingKeyId } from '../evidence/record-signature.js';
import type { TrustedSigningKey } from '../evidence/check-record-signatures.js';

/** A problem with one entry of `evidence.signing.keys`, at the key of that entry it is about. */
export interface SigningKeyProblem {
  path: (string | number)[];
  message: string;
}

/** The line a path of evident.yaml is on, to name the first of two entries in a message. */
export type LineOf = (path: (string | number)[]) => number | undefined;

/**
 * What the schema cannot say about `evidence.signing.keys`: a `public_key` that is no Ed25519 public
 * key, and an `id` other than the one derived from the key (the SHA-256 of its SPKI DER, as
 * `evident signing keygen` prints it). Either way no record signed with that key would verify: every
 * one would be reported as signed by an unknown key. And an `id` listed twice (the same key twice,
 * since the id is derived from the key): a record names its key by id, so which entry's `not_before`
 * and `revoked_at` decide would be ambiguous. It is reported at the second entry's `id`, naming the
 * first one's line (`lineOf`); an entry already reported for its key or id is not compared.
 */
export function signingKeyProblems(keys: readonly TrustedSigningKey[], lineOf: LineOf = () => undefined): SigningKeyProblem[] {
  const problems: SigningKeyProblem[] = [];
  const firstWithId = new Map<string, number>();
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
      return;
    }
    const first = firstWithId.get(id);
    if (first === undefined) {
      firstWithId.set(id, index);
      return;
    }
    const line = lineOf(['evidence', 'signing', 'keys', first, 'id']);
    problems.push({
      path: where('id'),
      message: `Unexpected repeated id ${code(id)} for ${code(`evidence.signing.keys[${index}].id`)}, expected each key once: ${code(`evidence.signing.keys[${first}]`)}${line === undefined ? '' : ` on line ${line}`} has the same id (a record names its key by id, so which entry verifies it would be ambiguous)`,
    });
  });
  return problems;
}
