import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRoot, fixture } from '../../test/check-fixture.js';
import { sealRecord, sha256Hex } from '../evidence/evidence-chain.js';
import type { AcknowledgmentSubject, ApprovalSubject, ChangePopulationSubject, EvidenceKind, EvidenceRecord, PopulationPullRequest, PullRequestRef, ReviewRef } from '../evidence/evidence-record.js';
import { computeReadiness } from './compute-readiness.js';
import { policyStanding, populationStanding, reviewCounts } from './review-counts.js';

const HEAD = 'a'.repeat(40);
const pr = (number: number, merged_at: string, author = 'grace-example'): PullRequestRef => ({ number, url: `https://github.com/example/program/pull/${number}`, title: `Change ${number}`, author, head_sha: HEAD, merge_commit_sha: 'b'.repeat(40), merged_at, merged_by: 'ada-example' });
const review = (reviewer: string, person: string | null, submitted_at: string, commit_id: string | null = HEAD, state = 'APPROVED'): ReviewRef => ({ reviewer, person, review_id: 1, state, submitted_at, commit_id });
const roster = { people: [{ id: 'ada-lovelace', github: 'ada-example' }, { id: 'grace-hopper', github: 'grace-example' }], teams: [{ id: 'security', members: ['ada-lovelace'] }] } as unknown as Parameters<typeof policyStanding>[2];

function chain(entries: { kind: EvidenceKind; subject: unknown; recorded_at: string }[]): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  entries.forEach((entry, index) => {
    out.push(sealRecord({ schema_version: 1, id: `${entry.kind}/${index}`, kind: entry.kind, repository: 'example/program', recorded_at: entry.recorded_at, subject: entry.subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: entry.recorded_at, api_calls: [] } }, out.at(-1)));
  });
  return out;
}

describe('reviewCounts', () => {
  it('counts an approval by someone else, at or before the merge, on the merged head, and says why each other one does not count', () => {
    const verdicts = reviewCounts(pr(5, '2026-08-16T10:00:00Z'), [
      review('ada-example', 'ada-lovelace', '2026-08-16T10:00:00Z'),
      review('grace-example', 'grace-hopper', '2026-08-16T09:00:00Z'),
      review('ada-example', 'ada-lovelace', '2026-08-17T09:00:00Z'),
      review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z', 'c'.repeat(40)),
      review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z', HEAD, 'COMMENTED'),
      review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z', null),
    ]);
    expect(verdicts.map((v) => [v.counts, v.reason ?? null])).toEqual([[true, null], [false, 'self-approval'], [false, 'after-merge'], [false, 'older-head'], [false, 'not-an-approval'], [true, null]]);
    expect(verdicts[2]!.detail).toBe('@ada-example approved at 2026-08-17T09:00:00Z, after the merge at 2026-08-16T10:00:00Z');
  });

  it('does not count an approval submitted after the assessment date', () => {
    const [verdict] = reviewCounts(pr(5, '2026-08-16T10:00:00Z'), [review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z')], '2026-08-15');
    expect([verdict!.counts, verdict!.reason]).toEqual([false, 'after-as-of']);
  });
});

describe('policyStanding and populationStanding', () => {
  const entry = (approvals: ReviewRef[], approved = true): ApprovalSubject['policies'][number] => ({ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'c'.repeat(40), sha256: '0'.repeat(64), change: 'modified', required_approvers: ['security'], approvals, approved });

  it('approves a policy only when its required approvers have reviews that count, and flags a record claiming more', () => {
    expect(policyStanding(pr(5, '2026-08-16T10:00:00Z'), entry([review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z')]), roster).approved).toBe(true);
    const self = policyStanding(pr(5, '2026-08-16T10:00:00Z', 'ada-example'), entry([review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z')]), roster);
    expect([self.approved, self.missing, self.problems]).toEqual([false, ['security'], [{ kind: 'record-contradicts-itself', detail: 'The record says policy access-control version 1.0 was approved in pull request #5, but no review that counts comes from security (@ada-example approved their own pull request #5)' }]]);
    const late = policyStanding(pr(5, '2027-03-01T10:00:00Z'), entry([review('ada-example', 'ada-lovelace', '2027-03-01T09:00:00Z')]), roster, '2026-12-02');
    expect([late.approved, late.problems.map((p) => p.kind)]).toEqual([false, ['record-after-as-of']]);
    expect(policyStanding(pr(5, '2026-08-16T10:00:00Z'), entry([], false), roster).problems).toEqual([]);
  });

  it('approves a merged pull request only with a review that counts by someone the record names', () => {
    const pull = (reviews: ReviewRef[], approved_by: string[]): PopulationPullRequest => ({ ...pr(12, '2026-08-16T10:00:00Z'), base: 'main', author_person: 'grace-hopper', reviews, approved_by, merged_without_approval: false });
    expect(populationStanding(pull([review('ada-example', 'ada-lovelace', '2026-08-16T09:00:00Z')], ['ada-example'])).approved).toBe(true);
    const late = populationStanding(pull([review('ada-example', 'ada-lovelace', '2026-08-17T09:00:00Z')], ['ada-example']));
    expect([late.approved, late.approvals, late.problems]).toEqual([false, [], [{ kind: 'record-contradicts-itself', detail: 'The record says pull request #12 was approved before the merge (by ada-example), but none of its reviews counts: @ada-example approved at 2026-08-17T09:00:00Z, after the merge at 2026-08-16T10:00:00Z' }]]);
  });
});

describe('readiness with records that contradict themselves or are dated after the assessment date', () => {
  it('counts none of them, lists each for the auditor, and still counts a clean approval', async () => {
    const today = '2026-12-02';
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), today);
    const sha = sha256Hex(await readFile(path.join(fixture('type2-readiness', 'ok'), 'policies/access-control.md')));
    const approval = (number: number, mergedAt: string, author: string, approvals: ReviewRef[]): ApprovalSubject => ({
      pull_request: pr(number, mergedAt, author),
      policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'c'.repeat(40), sha256: sha, change: 'modified', required_approvers: ['ada-lovelace'], approvals, approved: true }],
    });
    const ack: AcknowledgmentSubject = { pull_request: pr(9, '2026-07-05T00:00:00Z'), policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'c'.repeat(40), sha256: sha }], acknowledgments: [review('grace-example', 'grace-hopper', '2027-02-01T10:00:00Z')] };
    const population: ChangePopulationSubject = {
      period: { start: '2026-07-01', end: '2026-12-31' },
      pull_requests: [{ ...pr(12, '2026-08-16T10:00:00Z'), base: 'main', author_person: 'grace-hopper', reviews: [review('ada-example', 'ada-lovelace', '2026-08-17T09:00:00Z')], approved_by: ['ada-example'], merged_without_approval: false }],
      totals: { merged: 1, merged_without_approval: 0 },
    };
    const exceptionsWith = (records: EvidenceRecord[]) => computeReadiness(model!, { today, records }).exceptions.filter((e) => e.kind !== 'missing-evidence' && e.kind !== 'overdue-review').map((e) => [e.id, e.kind]);

    const bad = chain([
      { kind: 'policy-approval', subject: approval(5, '2026-07-02T10:00:00Z', 'ada-example', [review('ada-example', 'ada-lovelace', '2026-07-02T09:00:00Z')]), recorded_at: '2026-07-02T11:00:00Z' },
      { kind: 'policy-approval', subject: approval(6, '2026-07-03T10:00:00Z', 'grace-example', [review('ada-example', 'ada-lovelace', '2026-07-03T09:00:00Z', 'c'.repeat(40))]), recorded_at: '2026-07-03T11:00:00Z' },
      { kind: 'policy-approval', subject: approval(7, '2027-03-01T10:00:00Z', 'grace-example', [review('ada-example', 'ada-lovelace', '2027-03-01T09:00:00Z')]), recorded_at: '2027-03-01T11:00:00Z' },
      { kind: 'policy-acknowledgment', subject: ack, recorded_at: '2027-02-01T11:00:00Z' },
      { kind: 'change-population', subject: population, recorded_at: '2026-10-01T00:00:00Z' },
    ]);
    expect(exceptionsWith(bad)).toEqual([
      ['missing-acknowledgment:access-control:ada-lovelace', 'missing-acknowledgment'],
      ['missing-acknowledgment:access-control:grace-hopper', 'missing-acknowledgment'],
      ['missing-approval:access-control', 'missing-approval'],
      ['record-after-as-of:example/program#7:access-control', 'record-after-as-of'],
      ['record-after-as-of:example/program#9:access-control:grace-hopper', 'record-after-as-of'],
      ['record-contradicts-itself:example/program#12', 'record-contradicts-itself'],
      ['record-contradicts-itself:example/program#5:access-control', 'record-contradicts-itself'],
      ['record-contradicts-itself:example/program#6:access-control', 'record-contradicts-itself'],
    ]);

    const clean = chain([{ kind: 'policy-approval', subject: approval(5, '2026-07-02T10:00:00Z', 'grace-example', [review('ada-example', 'ada-lovelace', '2026-07-02T09:00:00Z')]), recorded_at: '2026-07-02T11:00:00Z' }]);
    expect(exceptionsWith(clean)).toEqual([['missing-acknowledgment:access-control:ada-lovelace', 'missing-acknowledgment'], ['missing-acknowledgment:access-control:grace-hopper', 'missing-acknowledgment']]);
  });
});
