import { describe, expect, it } from '@jest/globals';
import { sealRecord, type UnsealedRecord } from '@evident/core';
import { conflictException, recordDifferences } from './compare-recorded.js';

const pull = (merged: boolean, head = 'a'.repeat(40), title = 'Access control 1.1') => ({
  number: 22, url: 'https://github.com/acme/program/pull/22', title, author: 'linus-gh', head_sha: head,
  merge_commit_sha: merged ? 'm'.repeat(40) : null, merged_at: merged ? '2026-03-02T09:00:00Z' : null, merged_by: merged ? 'ada-gh' : null,
});
const review = { reviewer: 'grace-gh', person: 'grace', review_id: 5000, state: 'APPROVED', submitted_at: '2026-03-01T09:00:00Z', commit_id: 'a'.repeat(40) };
const acknowledgment = (pullRequest: ReturnType<typeof pull>, person: string | null = 'grace', recordedAt = '2026-03-05T12:00:00Z'): UnsealedRecord => ({
  schema_version: 1, id: 'policy-acknowledgment/acme/program/pr-22/review-5000', kind: 'policy-acknowledgment', repository: 'acme/program', recorded_at: recordedAt,
  subject: { pull_request: pullRequest, policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'a'.repeat(40), sha256: 'b'.repeat(64) }], acknowledgments: [{ ...review, person }] },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: recordedAt, api_calls: [] },
});

describe('recordDifferences', () => {
  it('ignores when and how a record was collected, its place in the chain and an edited title', () => {
    const stored = sealRecord(acknowledgment(pull(false)), undefined);
    const later = { ...acknowledgment(pull(false, 'a'.repeat(40), 'Renamed'), 'grace', '2026-03-09T08:00:00Z'), provenance: { tool: 'evident' as const, tool_version: '0.2.0', fetched_at: '2026-03-09T08:00:00Z', api_calls: [{ method: 'GET', route: '/x', status: 200 }] } };
    expect(recordDifferences(stored, later)).toEqual([]);
  });

  it('ignores the head and merge of a pull request that was open when either record was written, and compares them once both saw it merged', () => {
    expect(recordDifferences(acknowledgment(pull(false)), acknowledgment(pull(true, 'c'.repeat(40))))).toEqual([]);
    expect(recordDifferences(acknowledgment(pull(true)), acknowledgment(pull(true, 'c'.repeat(40))))).toEqual(['subject.pull_request.head_sha']);
  });

  it('names every field the subject states otherwise', () => {
    expect(recordDifferences(acknowledgment(pull(false), 'margaret'), acknowledgment(pull(false), null))).toEqual(['subject.acknowledgments[0].person']);
  });

  it('never compares kinds that hold the state of one day', () => {
    const rules = (count: number): UnsealedRecord => ({ ...acknowledgment(pull(false)), id: 'branch-rules/acme/program/main/2026-03-01', kind: 'branch-rules', subject: { branch: 'main', rules: Array.from({ length: count }, () => ({ type: 'deletion' })) } });
    expect(recordDifferences(rules(1), rules(0))).toEqual([]);
  });
});

describe('conflictException', () => {
  it('is about the same pull request, with the same id for the same two records', () => {
    const wanted = acknowledgment(pull(false), null);
    const conflict = { id: wanted.id, sequence: 4, file: 'records/000004-policy-acknowledgment-acme-program-pr-22-review-5000.json', differences: ['subject.acknowledgments[0].person'] };
    const exception = conflictException(conflict, wanted);
    expect(exception).toMatchObject({ kind: 'exception', repository: 'acme/program', recorded_at: wanted.recorded_at, subject: { pull_request: pull(false), reason: 'conflicting-record' } });
    expect(exception.id).toMatch(/^exception\/acme\/program\/pr-22\/conflicting-record\/[0-9a-f]{12}$/);
    expect(conflictException(conflict, wanted).id).toBe(exception.id);
    expect(conflictException({ ...conflict, sequence: 5 }, wanted).id).not.toBe(exception.id);
  });
});
