import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFor, copyFixture } from '../../test/check-fixture.js';
import { signingKeyProblems } from './signing-key-findings.js';

const ED25519 = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAbW3ocKj2FLMkXI1Xqg7BeInY3NF/4DHRvoPT+I+PSpU=\n-----END PUBLIC KEY-----\n';
const ED25519_ID = 'ed25519-d963198bd258545f';
const P256 = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQlWRvkDaN1JnYTRMrFUBueaXs+L4\nRzhVeUTvoMvTEOoCW3QR4FV27VqqDbOp9fj6IzlufGAB+xBw49/97ZvDXA==\n-----END PUBLIC KEY-----\n';

/** An `evidence.signing.keys` entry as evident.yaml lines. */
function entry(id: string, publicKey: string, notBefore = '2026-07-01'): string {
  return [`      - id: ${id}`, `        not_before: ${notBefore}`, '        public_key: |', ...publicKey.trimEnd().split('\n').map((line) => `          ${line}`)].join('\n');
}

describe('signing keys in evident.yaml', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function checkWithKeys(...entries: string[]) {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}evidence:\n  signing:\n    keys:\n${entries.join('\n')}\n`);
    return checkFor(copy.root, 'config');
  }

  it('accepts a key under the id derived from it', async () => {
    const { result, text } = await checkWithKeys(entry(ED25519_ID, ED25519));
    expect(result.configFailed).toBe(false);
    expect(text).not.toContain('signing');
  });

  it('reports an id that is not the key\'s own, at the id', async () => {
    const { result, text } = await checkWithKeys(entry('ed25519-0000000000000000', ED25519));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      `  evident.yaml:26:13 error Unexpected \`ed25519-0000000000000000\` for \`evidence.signing.keys[0].id\`, expected \`${ED25519_ID}\`, the id of its public_key (records signed with the key name that id) [config]`,
    ]);
  });

  it('reports a public key that does not parse, or is no Ed25519 key, at the public_key', async () => {
    const broken = '-----BEGIN PUBLIC KEY-----\nNOTAKEY\n-----END PUBLIC KEY-----\n';
    const { result, text } = await checkWithKeys(entry('ed25519-0000000000000000', broken), entry('ed25519-1111111111111111', P256));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:28:21 error Unexpected `evidence.signing.keys[0].public_key` that does not parse, expected an Ed25519 public key in SPKI PEM as `evident signing keygen` prints it [config]',
      '  evident.yaml:34:21 error Unexpected ec key for `evidence.signing.keys[1].public_key`, expected an Ed25519 public key [config]',
    ]);
  });

  it('reports a not_before that is no calendar day, at the value', async () => {
    const { result, text } = await checkWithKeys(entry(ED25519_ID, ED25519, '2026-13-01'));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:27:21 error Unexpected `2026-13-01` for `evidence.signing.keys[0].not_before`, expected a valid date (YYYY-MM-DD) [config]',
    ]);
  });

  it('reports a key listed twice at the second id, naming the first one\'s line', async () => {
    const { result, text } = await checkWithKeys(entry(ED25519_ID, ED25519), entry(ED25519_ID, ED25519, '2026-09-01'));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      `  evident.yaml:32:13 error Unexpected repeated id \`${ED25519_ID}\` for \`evidence.signing.keys[1].id\`, expected each key once: \`evidence.signing.keys[0]\` on line 26 has the same id (a record names its key by id, so which entry verifies it would be ambiguous) [config]`,
    ]);
  });

  it('does not call an id repeated when the entry is already reported for its key or id', () => {
    const problems = signingKeyProblems([
      { id: ED25519_ID, public_key: ED25519, not_before: '2026-07-01' },
      { id: ED25519_ID, public_key: P256, not_before: '2026-07-01' },
      { id: ED25519_ID, public_key: ED25519, not_before: '2026-08-01' },
    ]);
    expect(problems.map((p) => [p.path.join('.'), p.message.split(' ')[1]])).toEqual([
      ['evidence.signing.keys.1.public_key', 'ec'],
      ['evidence.signing.keys.2.id', 'repeated'],
    ]);
  });

  it('names nothing for good keys, and each problem once', () => {
    expect(signingKeyProblems([{ id: ED25519_ID, public_key: ED25519, not_before: '2026-07-01' }])).toEqual([]);
    expect(signingKeyProblems([{ id: ED25519_ID, public_key: 'NOTAKEY', not_before: '2026-07-01' }]).map((p) => p.path)).toEqual([['evidence', 'signing', 'keys', 0, 'public_key']]);
  });
});
