/**
 * The approval decisions one by one: when a review is before the merge, how logins compare,
 * and each verdict a reviewer's latest review can have.
 */
import { describe, expect, it } from '@jest/globals';
import type { Person, PolicyData, Team } from '@evident/core';
import { decideApprovals, type ChangedPolicyVersions } from './decide-approvals.js';
import type { PullRequestFacts, PullRequestReview } from './fetch-pull-request-facts.js';
import { findPersonByLogin } from './find-person-by-login.js';
import { latestReviewByReviewer } from './review-helpers.js';
import { reviewVerdict } from './review-verdict.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const MERGED_AT = '2026-03-01T01:00:00Z';
const person = (id: string): Person => ({ id, name: id, github: `${id}-gh`, email: `${id}@example.com`, roles: [], start_date: '2025-01-01' });
const model = { people: ['ada', 'grace', 'margaret', 'linus'].map(person), teams: [{ id: 'security', name: 'Security', members: ['ada', 'grace'] }] as Team[] };
const review = (id: number, login: string | null, state: string, submitted_at = '2026-03-01T00:00:00Z', commit_id: string | null = HEAD): PullRequestReview => ({ id, login, state, submitted_at, commit_id });
const facts = (reviews: PullRequestReview[], permissions: PullRequestFacts['permissions'] = {}): PullRequestFacts => ({
  repository: 'acme/program',
  pull: { number: 3, url: 'https://github.com/acme/program/pull/3', title: 't', author: 'linus-gh', state: 'closed', merged: true, merged_at: MERGED_AT, merged_by: 'ada-gh', merge_commit_sha: 'c'.repeat(40), head_sha: HEAD, head_ref: 'x', base_sha: BASE, base_ref: 'main' },
  files: [],
  commits: { listed: [{ sha: HEAD, author: 'linus-gh', committer: 'linus-gh' }], total: 1 },
  reviews,
  permissions,
  fetched_at: '2026-03-01T02:00:00Z',
  api_calls: [],
});
const data = (approvers: string[]): PolicyData => ({ id: 'access-control', title: 'Access', version: '1.1', status: 'approved', owner: 'ada', approvers, effective_date: '2026-01-01', review: { cadence: 'annually' }, criteria: [] });
const policy = (approvers: string[]): ChangedPolicyVersions => ({ change: 'modified', bound: { path: 'policies/access-control.md', commit: HEAD, sha256: '0'.repeat(64), data: data(approvers) } });
const reasons = (d: ReturnType<typeof decideApprovals>) => d.exceptions.map((e) => e.subject.reason);

describe('approvals and the merge time', () => {
  it('counts an approval submitted in the same second as the merge', () => {
    const d = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED', MERGED_AT)]), [policy(['margaret'])], model);
    expect(reasons(d)).toEqual([]);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: true, approvals: [{ reviewer: 'margaret-gh', submitted_at: MERGED_AT }] });
  });

  it('counts an approval a second before the merge, and notes one a second after without counting it', () => {
    const before = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED', '2026-03-01T00:59:59Z')]), [policy(['margaret'])], model);
    expect(before.approval!.subject.policies[0]!.approved).toBe(true);
    const after = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED', '2026-03-01T01:00:01Z')]), [policy(['margaret'])], model);
    expect(reasons(after)).toEqual(['approved-after-merge', 'missing-approver']);
    expect(after.approval!.subject.policies[0]).toMatchObject({ approved: false, approvals: [] });
  });

  it('compares instants, not text: an offset that names the same second counts', () => {
    const d = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED', '2026-03-01T02:00:00+01:00')]), [policy(['margaret'])], model);
    expect(d.approval!.subject.policies[0]!.approved).toBe(true);
  });
});

describe('reviewer logins compare case-insensitively', () => {
  it('finds the roster person whatever the case of the login', () => {
    expect(findPersonByLogin(model.people, 'Margaret-GH')?.id).toBe('margaret');
    expect(findPersonByLogin(model.people, 'MARGARET-gh')?.id).toBe('margaret');
    expect(findPersonByLogin(model.people, 'margaret')).toBeUndefined();
    expect(findPersonByLogin(model.people, null)).toBeUndefined();
  });

  it('counts an approval whose login differs in case from the roster, as that person', () => {
    const d = decideApprovals(facts([review(1, 'Margaret-GH', 'APPROVED')]), [policy(['margaret'])], model);
    expect(reasons(d)).toEqual([]);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: true, approvals: [{ reviewer: 'Margaret-GH', person: 'margaret' }] });
  });

  it('takes reviews by the same login in another case as one reviewer: the later request for changes wins', () => {
    const reviews = [review(1, 'margaret-gh', 'APPROVED'), review(2, 'Margaret-GH', 'CHANGES_REQUESTED')];
    expect(latestReviewByReviewer(reviews).map((r) => r.id)).toEqual([2]);
    const d = decideApprovals(facts(reviews), [policy(['margaret'])], model);
    expect(reasons(d)).toEqual(['changes-requested', 'missing-approver']);
  });

  it("refuses the author's own approval in another case", () => {
    expect(reviewVerdict(review(1, 'LINUS-GH', 'APPROVED'), { author: 'linus-gh', head_sha: HEAD })).toBe('self-approval');
    const d = decideApprovals(facts([review(1, 'Linus-GH', 'APPROVED')], { 'Linus-GH': 'admin' }), [policy(['linus'])], model);
    expect(reasons(d)).toEqual(['self-approval', 'missing-approver']);
  });
});

describe('review verdicts and the commits of the pull request', () => {
  const pull = { author: 'github-actions[bot]', head_sha: HEAD };
  const commits = (listed: { author: string | null; committer: string | null }[], total = listed.length) => ({ listed: listed.map((c, i) => ({ sha: String(i).padStart(40, 'e'), ...c })), total });
  const bot = { author: 'github-actions[bot]', committer: 'github-actions[bot]' };

  it('refuses an approval by the author or the committer of any commit, in any ASCII case', () => {
    expect(reviewVerdict(review(1, 'margaret-gh', 'APPROVED'), pull, commits([bot, { author: 'margaret-gh', committer: 'web-flow' }]))).toBe('approver-authored-commits');
    expect(reviewVerdict(review(1, 'MARGARET-gh', 'APPROVED'), pull, commits([{ author: 'ada-gh', committer: 'margaret-gh' }]))).toBe('approver-authored-commits');
    expect(reviewVerdict(review(1, 'margaret-gh', 'APPROVED'), pull, commits([bot, { author: 'ada-gh', committer: 'ada-gh' }]))).toBe('approves-head');
  });

  it('does not take a Kelvin sign (U+212A) for the letter k', () => {
    expect(reviewVerdict(review(1, 'ken-gh', 'APPROVED'), pull, commits([{ author: '\u212Aen-gh', committer: null }]))).toBe('approves-head');
    expect(reviewVerdict(review(1, '\u212Aen-gh', 'APPROVED'), { author: 'ken-gh', head_sha: HEAD })).toBe('approves-head');
    expect(findPersonByLogin([{ ...person('ken'), github: '\u212Aen-gh' }], 'ken-gh')).toBeUndefined();
    expect(latestReviewByReviewer([review(1, 'ken-gh', 'APPROVED'), review(2, '\u212Aen-gh', 'CHANGES_REQUESTED')]).map((r) => r.id)).toEqual([1, 2]);
  });

  it('counts no approval as independent when the commits were not read or GitHub listed only part of them', () => {
    expect(reviewVerdict(review(1, 'ada-gh', 'APPROVED'), pull, null)).toBe('unverified-commits');
    expect(reviewVerdict(review(1, 'ada-gh', 'APPROVED'), pull, commits([bot], 251))).toBe('unverified-commits');
    // A known writer is named as such even when the list is cut.
    expect(reviewVerdict(review(1, 'ada-gh', 'APPROVED'), pull, commits([{ author: 'ada-gh', committer: null }], 251))).toBe('approver-authored-commits');
    // Reviews that do not approve are judged as before.
    expect(reviewVerdict(review(1, 'ada-gh', 'CHANGES_REQUESTED'), pull, null)).toBe('changes-requested');
  });

  it('decides a bot-opened change whose final head a required approver pushed: not approved, with the reason', () => {
    const pushed = { ...facts([review(1, 'margaret-gh', 'APPROVED')], { 'margaret-gh': 'write' }), commits: commits([bot, { author: 'margaret-gh', committer: 'margaret-gh' }]) };
    const d = decideApprovals({ ...pushed, pull: { ...pushed.pull, author: 'github-actions[bot]' } }, [policy(['margaret'])], model);
    expect(reasons(d)).toEqual(['approver-authored-commits', 'missing-approver']);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: false, approvals: [] });
    expect(d.exceptions[0]!.id).toBe('exception/acme/program/pr-3/approver-authored-commits/review-1');
  });

  it('counts nothing when the facts carry no commits', () => {
    const { commits: _omitted, ...unread } = facts([review(1, 'margaret-gh', 'APPROVED')], { 'margaret-gh': 'write' });
    const d = decideApprovals(unread, [policy(['margaret'])], model);
    expect(reasons(d)).toEqual(['unverified-commits', 'missing-approver']);
    expect(d.exceptions[0]!.subject.detail).toBe('The commits of the pull request were not read, so it cannot be shown that @margaret-gh wrote none of them: the approval does not count as independent');
  });
});

describe('review verdicts', () => {
  const pull = { author: 'linus-gh', head_sha: HEAD };
  it.each([
    ['APPROVED', HEAD, 'ada-gh', 'approves-head'],
    ['approved', HEAD, 'ada-gh', 'approves-head'],
    ['APPROVED', 'd'.repeat(40), 'ada-gh', 'stale-approval'],
    ['APPROVED', null, 'ada-gh', 'stale-approval'],
    ['APPROVED', HEAD, 'linus-gh', 'self-approval'],
    ['DISMISSED', HEAD, 'ada-gh', 'dismissed-review'],
    ['CHANGES_REQUESTED', HEAD, 'ada-gh', 'changes-requested'],
    ['changes_requested', HEAD, 'ada-gh', 'changes-requested'],
    ['COMMENTED', HEAD, 'ada-gh', 'no-decision'],
  ] as const)('%s on %s by %s: %s', (state, commit, login, verdict) => {
    expect(reviewVerdict(review(1, login, state, undefined, commit), pull)).toBe(verdict);
  });

  it('an approval without write access counts only from a listed approver', () => {
    const listed = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED')], { 'margaret-gh': 'read' }), [policy(['margaret'])], model);
    expect(listed.approval!.subject.policies[0]!.approved).toBe(true);
    const outsider = decideApprovals(facts([review(1, 'ada-gh', 'APPROVED'), review(2, 'margaret-gh', 'APPROVED')], { 'ada-gh': 'read', 'margaret-gh': 'write' }), [policy(['margaret'])], model);
    expect(reasons(outsider)).toEqual(['no-write-access']);
    expect(outsider.approval!.subject.policies[0]).toMatchObject({ approved: true, approvals: [{ reviewer: 'margaret-gh' }] });
  });

  it('a policy with no approval from a required team member is not approved, whoever else approved', () => {
    const d = decideApprovals(facts([review(1, 'margaret-gh', 'APPROVED')], { 'margaret-gh': 'admin' }), [policy(['security'])], model);
    expect(d.approval!.subject.policies[0]!.approved).toBe(false);
    expect(d.exceptions.map((e) => e.subject.detail)).toEqual(['Policy `access-control` changed without an approval from no member of team `security` at the final head']);
  });
});

describe('the roster that decides whose review is whose', () => {
  const remapped = { ...model, people: model.people.map((p) => (p.id === 'margaret' ? { ...p, github: 'friend-gh' } : p)) };

  it('takes logins from the roster given (the base), not from the roster the pull request merges', () => {
    const d = decideApprovals(facts([review(1, 'friend-gh', 'APPROVED')], { 'friend-gh': 'none' }), [policy(['margaret'])], model, remapped);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: false, approvals: [] });
    expect(reasons(d).sort()).toEqual(['approver-login-changed', 'missing-approver', 'no-write-access']);
    expect(d.exceptions.find((e) => e.subject.reason === 'approver-login-changed')).toMatchObject({
      id: 'exception/acme/program/pr-3/approver-login-changed/access-control/margaret',
      subject: { policy: 'access-control', reviews: [{ reviewer: 'friend-gh', person: null, state: 'APPROVED' }] },
    });
  });

  it('a reviewer with write access under the new login is still not the approver', () => {
    const d = decideApprovals(facts([review(1, 'friend-gh', 'APPROVED')], { 'friend-gh': 'write' }), [policy(['margaret'])], model, remapped);
    expect(d.approval!.subject.policies[0]).toMatchObject({ approved: false, approvals: [{ reviewer: 'friend-gh', person: null }] });
    expect(reasons(d).sort()).toEqual(['approver-login-changed', 'missing-approver']);
  });

  it('names a login change of a team member the policy requires, and only of required approvers', () => {
    const graceMoved = { ...model, people: model.people.map((p) => (p.id === 'grace' || p.id === 'linus' ? { ...p, github: `${p.id}-new-gh` } : p)) };
    const d = decideApprovals(facts([review(1, 'ada-gh', 'APPROVED')], { 'ada-gh': 'admin' }), [policy(['security'])], model, graceMoved);
    expect(d.approval!.subject.policies[0]!.approved).toBe(true);
    expect(d.exceptions.map((e) => [e.id, e.subject.detail])).toEqual([
      ['exception/acme/program/pr-3/approver-login-changed/access-control/grace', "The pull request changes the GitHub login of `grace`, a required approver of `access-control`, from @grace-gh to @grace-new-gh: approvals are decided with the roster at the base commit, so only a review by @grace-gh counts as `grace`'s"],
    ]);
  });

  it('names nothing when the login differs only in case, or the head roster is not known', () => {
    const recased = { ...model, people: model.people.map((p) => (p.id === 'margaret' ? { ...p, github: 'Margaret-GH' } : p)) };
    const approvals = facts([review(1, 'margaret-gh', 'APPROVED')]);
    expect(decideApprovals(approvals, [policy(['margaret'])], model, recased).exceptions).toEqual([]);
    expect(decideApprovals(approvals, [policy(['margaret'])], model).exceptions).toEqual([]);
  });

  it('an approver the roster does not know cannot be satisfied, and the exception says why', () => {
    const d = decideApprovals(facts([review(1, 'ada-gh', 'APPROVED')], { 'ada-gh': 'admin' }), [policy(['olivia'])], model);
    expect(d.exceptions.map((e) => e.subject.detail)).toEqual(['Policy `access-control` changed without an approval from `olivia` at the final head: `olivia` is not in the roster at the base commit, so no review counts for them']);
  });
});
