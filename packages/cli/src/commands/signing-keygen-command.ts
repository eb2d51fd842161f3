import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../command.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { unignoredWorkTree } from '../unignored-work-tree.js';

const DEFAULT_OUT = 'evident-signing-key.pem';

export const signingKeygenCommand: Command = {
  name: 'signing keygen',
  summary: 'Make an Ed25519 key pair for signing evidence records: the private key to a file (mode 0600), the public key and its id for evident.yaml.',
  usage: 'evident signing keygen [--out FILE] [--private-key-to-stdout]',
  options: {
    out: { type: 'string', value: 'FILE', description: `File for the private key (PKCS#8 PEM), created with mode 0600 and never overwritten (default: ${DEFAULT_OUT}).` },
    'private-key-to-stdout': { type: 'boolean', description: 'Print the private key on stdout instead of writing a file (to pipe it straight into `gh secret set`).' },
  },
  details: [
    'Store the private key as the secret EVIDENT_SIGNING_KEY of the `evidence-collector` environment (deployment branches: the default branch only),',
    'e.g. `gh secret set EVIDENT_SIGNING_KEY --env evidence-collector < ~/evident-signing-key.pem`, then delete the file.',
    'Add the printed entry under `evidence.signing.keys` in evident.yaml and commit it. Rotation: add the new key, switch the secret, then set',
    '`revoked_at` on the old key (records it signed before that stay valid). See docs/evidence.md#signed-records.',
    'Write the private key outside the repository (`--out ~/evident-signing-key.pem`): inside a git work tree, a path git would not',
    'ignore is refused, as `git add -A` would commit the key.',
    'Exit codes: 0 written, 2 the file exists, is in a git work tree that does not ignore it, or cannot be written.',
  ].join('\n'),
  async run({ values }, io) {
    const { generateSigningKey } = await import('@evident/core');
    const pair = generateSigningKey();
    const toStdout = values['private-key-to-stdout'] === true;
    if (toStdout && typeof values.out === 'string') throw new UsageError('Unexpected `--out` with `--private-key-to-stdout`, expected one of them');
    let written: string | undefined;
    if (!toStdout) {
      written = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : DEFAULT_OUT);
      const workTree = await unignoredWorkTree(written);
      if (workTree !== undefined) {
        io.stderr(
          `${io.errStyle.red('error')} Unexpected private key file ${written} inside the git work tree ${workTree}, which does not ignore it (\`git add -A\` would commit it), ` +
            `expected a file outside the repository, e.g. \`evident signing keygen --out ~/${DEFAULT_OUT}\`, or \`--private-key-to-stdout\`. Nothing was written.\n`,
        );
        return ExitCode.usage;
      }
      try {
        await writeFile(written, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        io.stderr(`Cannot write the private key to ${written}: ${code === 'EEXIST' ? 'the file exists (never overwritten)' : (error as Error).message}. Nothing was written.\n`);
        return ExitCode.usage;
      }
    }
    const today = io.now().toISOString().slice(0, 10);
    const entry = [
      `      - id: ${pair.keyId}`,
      `        not_before: ${today}`,
      '        public_key: |',
      ...pair.publicKeyPem.trimEnd().split('\n').map((line) => `          ${line}`),
    ].join('\n');
    if (toStdout) io.stdout(pair.privateKeyPem);
    io[toStdout ? 'stderr' : 'stdout'](
      `${written ? `Private key written to ${written} (mode 0600): store it as the secret EVIDENT_SIGNING_KEY of the \`evidence-collector\` environment, then delete the file.\n` : ''}` +
        `Key id ${pair.keyId}. Add to evident.yaml (and commit):\n\nevidence:\n  signing:\n    keys:\n${entry}\n`,
    );
    return ExitCode.ok;
  },
};
