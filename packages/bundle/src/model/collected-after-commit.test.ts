import { describe, expect, it } from '@jest/globals';
import type { EvidenceItem, RepositoryModel } from '@evident/core';
import { collectedAfterCommit } from './collected-after-commit.js';

const period = { start: '2026-07-01', end: '2026-12-31' };

function item(path: string, collectedAt: string, extra: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    path,
    metadataPath: `${path}.evidence.yaml`,
    metadata: { controls: ['AC-01'], covers: '2026-Q3', collected_at: collectedAt, collected_by: 'alice-admin', source: 'Export', sha256: 'a'.repeat(64) },
    covers: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' } as EvidenceItem['covers'],
    file: { sha256: 'a'.repeat(64), bytes: 10 },
    locate: () => ({ line: 1, column: 1 }),
    problems: [],
    ...extra,
  };
}

const model = (items: EvidenceItem[], controls = [{ id: 'AC-01', owner: 'carol-owner' }]) =>
  ({ evidence: { folder: 'evidence', items, files: new Map() }, controls, config: { organization: { security_officer: 'alice-admin' } } }) as unknown as Pick<RepositoryModel, 'evidence' | 'controls' | 'config'>;

const at = (committedAt: string, ...paths: string[]) => new Map(paths.map((p) => [`${p}.evidence.yaml`, { commit: 'c0ffee0123456789c0ffee0123456789c0ffee01', committed_at: committedAt }]));

describe('collectedAfterCommit', () => {
  it('compares the date as written with the UTC day of the commit plus one day', () => {
    const items = [item('evidence/a.csv', '2026-10-03'), item('evidence/b.csv', '2026-10-04'), item('evidence/c.csv', '2026-10-04T01:00:00+09:00')];
    // 22:30 at UTC-5 on 2026-10-01 is 2026-10-02 in UTC: 2026-10-03 is within a day of it.
    const found = collectedAfterCommit(model(items), at('2026-10-01T22:30:00-05:00', 'evidence/a.csv', 'evidence/b.csv', 'evidence/c.csv'), period);
    expect(found.map((f) => f.path)).toEqual(['evidence/b.csv', 'evidence/c.csv']);
    expect(found[0]!.exception).toEqual({
      id: 'collected-after-commit:evidence/b.csv',
      kind: 'collected-after-commit',
      subject: 'evidence/b.csv',
      owner: 'carol-owner',
      detail: 'Evidence evidence/b.csv says it was collected at 2026-10-04, but the commit that added its metadata (c0ffee0, evidence/b.csv.evidence.yaml) reached the default branch on 2026-10-02 (UTC): evidence cannot be collected after it was committed, so it is not counted.',
      file: 'evidence/b.csv.evidence.yaml',
    });
  });

  it('skips items no commit added, outside the period or not in the bundle', () => {
    const items = [
      item('evidence/uncommitted.csv', '2027-01-01'),
      item('evidence/before.csv', '2027-01-01', { covers: { label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' } as EvidenceItem['covers'] }),
      item('evidence/missing.csv', '2027-01-01', { file: undefined }),
      item('evidence/unparsed.csv', '2027-01-01', { metadata: undefined }),
    ];
    expect(collectedAfterCommit(model(items), at('2026-10-01T10:00:00Z', 'evidence/before.csv', 'evidence/missing.csv', 'evidence/unparsed.csv'), period)).toEqual([]);
  });

  it('gives the security officer an item whose controls are unknown', () => {
    const found = collectedAfterCommit(model([item('evidence/a.csv', '2026-10-05')], []), at('2026-10-01T10:00:00Z', 'evidence/a.csv'), period);
    expect(found.map((f) => f.exception.owner)).toEqual(['alice-admin']);
  });
});
