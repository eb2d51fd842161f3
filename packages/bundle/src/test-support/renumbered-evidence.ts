import { recordFileName, sealRecord, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FixtureRepository } from './fixture-repository.js';

/**
 * Rewrite the fixture's evidence branch as someone with push access could, as a fast-forward: delete
 * the record at `index` (by order on the branch), renumber and re-seal the records after it so the
 * chain on the tip is intact, and commit that on top. Every record's own chain checks out; only the
 * branch's history shows the deletion. Returns the records left, as now on the branch.
 */
export async function deleteAndRenumberRecord(fixture: FixtureRepository, index: number): Promise<EvidenceRecord[]> {
  const { git, root } = fixture;
  await git.raw(['checkout', '--quiet', 'evidence']);
  const files = (await git.raw(['ls-files', 'records'])).trim().split('\n').filter((f) => !f.endsWith('.sig.json'));
  const records = await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(root, file), 'utf8')) as EvidenceRecord));
  await rm(path.join(root, 'records'), { recursive: true, force: true });
  await mkdir(path.join(root, 'records'));
  const kept: EvidenceRecord[] = [];
  for (const record of records.filter((_, i) => i !== index)) {
    const { sequence: _sequence, previous_hash: _previous, hash: _hash, ...unsealed } = record;
    kept.push(sealRecord(unsealed as UnsealedRecord, kept.at(-1)));
  }
  for (const record of kept) await writeFile(path.join(root, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
  await git.raw(['add', '--all', 'records']);
  await git.commit('Record approvals and acknowledgments');
  await git.raw(['checkout', '--quiet', 'main']);
  return kept;
}
