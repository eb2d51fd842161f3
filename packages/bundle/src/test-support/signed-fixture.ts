import { generateSigningKey, loadSigningKey, recordFileName, signatureFileName, signRecord, type EvidenceRecord } from '@evident/core';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FixtureRepository } from './fixture-repository.js';

export type SigningKey = ReturnType<typeof generateSigningKey>;

/**
 * Sign the fixture's evidence records that `which` picks (by their order on the branch) with `key`,
 * adding each `.sig.json` beside its record to the commit that added the records (amended), as the
 * collector does: a signature added later is a history problem. Returns every record, signed or not.
 */
export async function signEvidenceRecords(fixture: FixtureRepository, key: SigningKey, which: (index: number) => boolean = () => true): Promise<{ file: string; record: EvidenceRecord }[]> {
  const { git, root } = fixture;
  await git.raw(['checkout', '--quiet', 'evidence']);
  const files = (await git.raw(['ls-files', 'records'])).trim().split('\n');
  const records = await Promise.all(files.map(async (file) => ({ file, record: JSON.parse(await readFile(path.join(root, file), 'utf8')) as EvidenceRecord })));
  for (const [index, { record }] of records.entries()) {
    if (!which(index)) continue;
    const signature = signRecord(record, loadSigningKey(key.privateKeyPem), new Date(record.recorded_at));
    await writeFile(path.join(root, signatureFileName(recordFileName(record))), `${JSON.stringify(signature, null, 2)}\n`);
  }
  await git.add('records');
  await git.raw(['commit', '--quiet', '--amend', '--no-edit']);
  await git.raw(['checkout', '--quiet', 'main']);
  return records;
}

/** Trust `key` in the fixture's evident.yaml and require signed records from `requiredFrom`, committed on main. */
export async function requireSignedRecords(fixture: FixtureRepository, key: SigningKey, requiredFrom = '2026-01-01'): Promise<void> {
  const pem = key.publicKeyPem.trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
  await appendFile(path.join(fixture.root, 'evident.yaml'), `  signing:\n    required_from: ${requiredFrom}\n    keys:\n      - id: ${key.keyId}\n        not_before: 2025-01-01\n        public_key: |\n${pem}\n`);
  await fixture.git.add('evident.yaml');
  await fixture.git.commit('Require signed records');
}
