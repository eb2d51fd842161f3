import { afterEach, describe, expect, it } from '@jest/globals';
import type { Person, PolicyData, Team } from '@evident/core';
import { changedPolicyFiles } from './changed-policy-files.js';
import { decideApprovals, type ChangedPolicyVersions } from './decide-approvals.js';
import type { PullRequestFacts, PullRequestReview } from './fetch-pull-request-facts.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const person = (id: string): Person => ({ id, name: id, github: `${id}-gh`, email: `${id}@example.com`, roles: [], start_date: '2025-01-01' });
const model = { people: ['ada', 'grace', 'margaret', 'linus'].map(person), teams: [{ id: 'security', name: 'Security', members: ['ada', 'grace'] }] as Team[] };

let reviewId = 1;
afterEach(() => {
  reviewId = 1;
});
const review = (login: string | null, state: string, commit_id: string | null = HEAD): PullRequestReview => ({ id: reviewId++, login, state, submitted_at: '2026-03-01T00:00:00Z', commit_id });
const facts = (reviews: PullRequestReview[], permissions: PullRequestFacts['permissions'] = {}): PullRequestFacts => ({
  repository: 'acme/program',
  pull: { number: 3, url: 'https://github.com/acme/program/pull/3', title: 't', author: 'linus-gh', state: 'closed', merged: true, merged_at: '2026-03-01T01:00:00Z', merged_by: 'ada-gh', merge_commit_sha: 'c'.repeat(40), head_sha: HEAD, head_ref: 'x', base_sha: BASE, base_ref: 'main' },
  files: [],
  commits: { listed: [{ sha: HEAD, author: 'linus-gh', committer: 'linus-gh' }], total: 1 },
  reviews,
  permissions,
  fetched_at: '2026-03-01T02:00:00Z',
  api_calls: [],
});
const data = (approvers: string[], version = '1.1'): PolicyData => ({ id: 'access-control', title: 'Access', version, status: 'approved', owner: 'ada', approvers, effective_date: '2026-01-01', review: { cadence: 'annually' }, criteria: [] });
const policy = (head: PolicyData | undefined, before?: PolicyData, change: ChangedPolicyVersions['change'] = 'modified'): ChangedPolicyVersions => ({
  change,
  bound: { path: 'policies/access-control.md', commit: change === 'removed' ? BASE : HEAD, sha256: '0'.repeat(64), ...(head ? { data: head } : { problem: 'bad frontmatter' }) },
  ...(before ? { before: { path: 'policies/access-control.md', commit: BASE, sha256: '1'.repeat(64), data: before } } : {}),
});
const reasons = (d: ReturnType<typeof decideApprovals>) => d.exceptions.map((e) => e.subject.reason);

describe('decideApprovals', () => {
  it('accepts webhook spelling (`approved`) and lets any one member satisfy a team', () => {
    const d = decideApprovals(facts([review('grace-gh', 'approved'), review('margaret-gh', 'APPROVED')], { 'grace-gh': 'write', 'margaret-gh': 'write' }), [policy(data(['security', 'margaret']))], model);
    expect(reasons(d)).toEqual([]);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: true, required_approvers: ['security', 'margaret'] });
  });

  it('requires the approvers of the version in force before the change, so a change cannot pick its own', () => {
    const d = decideApprovals(facts([review('grace-gh', 'APPROVED')], { 'grace-gh': 'write' }), [policy(data(['grace']), data(['security', 'margaret'], '1.0'))], model);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: false, required_approvers: ['security', 'margaret'], version: '1.1' });
    expect(d.exceptions.map((e) => e.id)).toEqual(['exception/acme/program/pr-3/missing-approver/access-control/margaret']);
  });

  it('a new policy needs the approvers it names; a removed one binds to its content at the base', () => {
    const added = decideApprovals(facts([review('margaret-gh', 'APPROVED')], { 'margaret-gh': 'read' }), [policy(data(['margaret']), undefined, 'added')], model);
    expect(added.approval!.subject.policies[0]).toMatchObject({ change: 'added', approved: true });
    const removed = decideApprovals(facts([review('margaret-gh', 'APPROVED')], { 'margaret-gh': 'read' }), [policy(data(['margaret'], '1.0'), data(['margaret'], '1.0'), 'removed')], model);
    expect(removed.approval!.subject.policies[0]).toMatchObject({ change: 'removed', commit: BASE, approved: true });
  });

  it('only the latest non-comment review of each reviewer counts', () => {
    const d = decideApprovals(
      facts([review('ada-gh', 'CHANGES_REQUESTED'), review('ada-gh', 'APPROVED', 'd'.repeat(40)), review('ada-gh', 'APPROVED'), review('ada-gh', 'COMMENTED'), review('margaret-gh', 'APPROVED')], { 'ada-gh': 'admin', 'margaret-gh': 'read' }),
      [policy(data(['security', 'margaret']))],
      model,
    );
    expect(reasons(d)).toEqual([]);
    expect(d.approval!.subject.policies[0]!.approvals.map((a) => a.reviewer)).toEqual(['ada-gh', 'margaret-gh']);
  });

  it('an approval whose commit is unknown is stale; reviews by deleted accounts are ignored', () => {
    const d = decideApprovals(facts([review('ada-gh', 'APPROVED', null), review(null, 'APPROVED')], { 'ada-gh': 'admin' }), [policy(data(['ada']))], model);
    expect(reasons(d)).toEqual(['stale-approval', 'missing-approver']);
    expect(d.exceptions[0]!.subject.detail).toContain('(unknown)');
  });

  it('an approval given after the merge is noted but does not count', () => {
    const late = { ...review('margaret-gh', 'APPROVED'), submitted_at: '2026-03-01T01:00:01Z' };
    const d = decideApprovals(facts([review('ada-gh', 'APPROVED'), late], { 'ada-gh': 'admin', 'margaret-gh': 'read' }), [policy(data(['ada', 'margaret']))], model);
    expect(reasons(d)).toEqual(['approved-after-merge', 'missing-approver']);
    expect(d.approval!.subject.policies[0]!.approvals.map((a) => a.reviewer)).toEqual(['ada-gh']);
  });

  it('a policy that cannot be read is an exception, not an approval', () => {
    const d = decideApprovals(facts([review('ada-gh', 'APPROVED')], { 'ada-gh': 'admin' }), [policy(undefined)], model);
    expect(d.approval).toBeUndefined();
    expect(d.exceptions).toEqual([expect.objectContaining({ id: 'exception/acme/program/pr-3/invalid-policy/policies-access-control.md', subject: expect.objectContaining({ reason: 'invalid-policy', detail: expect.stringContaining('bad frontmatter') }) })]);
  });
});

describe('changedPolicyFiles', () => {
  it('finds added, modified, renamed and removed policies under the policies folder only', () => {
    expect(
      changedPolicyFiles(
        [
          { filename: 'policies/b.md', status: 'modified' },
          { filename: 'policies/new.md', status: 'added' },
          { filename: 'policies/renamed.md', status: 'renamed', previous_filename: 'policies/old.md' },
          { filename: 'archive/gone.md', status: 'renamed', previous_filename: 'policies/gone.md' },
          { filename: 'policies/README.md', status: 'modified' },
          { filename: 'policies/notes.txt', status: 'modified' },
          { filename: 'controls/AC-01.md', status: 'modified' },
        ],
        'policies',
      ),
    ).toEqual([
      { change: 'modified', path: 'policies/b.md', basePath: 'policies/b.md' },
      { change: 'removed', path: 'policies/gone.md', basePath: 'policies/gone.md' },
      { change: 'added', path: 'policies/new.md' },
      { change: 'renamed', path: 'policies/renamed.md', basePath: 'policies/old.md' },
    ]);
  });
});
