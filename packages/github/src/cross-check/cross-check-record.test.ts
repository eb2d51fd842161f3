import { describe, expect, it } from '@jest/globals';
import { parsePeriod, type AccessSnapshotSubject, type ApprovalSubject, type EvidenceRecord, type PolicyVersionRef, type ReviewRef } from '@evident/core';
import { renderAccessReview } from '../access/render-access-review.js';
import { contentKey, type CrossCheckFacts, type PullFacts } from './cross-check-facts.js';
import { crossCheckNeeds, crossCheckRecord } from './cross-check-record.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const MERGE = 'c'.repeat(40);
const HASH = '1'.repeat(64);
const ID = 'policy-approval/acme/program/pr-7';
const pr = { number: 7, url: 'https://github.com/acme/program/pull/7', title: 'Access control 1.1', author: 'linus-gh', head_sha: HEAD, merge_commit_sha: MERGE, merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh' };
const review: ReviewRef = { reviewer: 'ada-gh', person: 'ada', review_id: 123, state: 'APPROVED', submitted_at: '2026-03-01T10:00:00Z', commit_id: HEAD };
const provenance = { tool: 'evident' as const, tool_version: '0.1.0', fetched_at: '2026-03-02T09:05:00Z', api_calls: [] };
const envelope = { schema_version: 1 as const, sequence: 1, repository: 'acme/program', recorded_at: '2026-03-02T09:05:00Z', provenance, previous_hash: null, hash: '0'.repeat(64) };

function approval(changes: { pull_request?: object; policy?: object; approvals?: ReviewRef[] } = {}): EvidenceRecord {
  const policy = { id: 'access-control', version: '1.1', path: 'policies/access-control.md', commit: HEAD, sha256: HASH, change: 'modified', required_approvers: ['ada'], approvals: changes.approvals ?? [review], approved: true, ...changes.policy };
  return { ...envelope, id: ID, kind: 'policy-approval', subject: { pull_request: { ...pr, ...changes.pull_request }, policies: [policy] } };
}

const githubPull = { number: 7, author: 'linus-gh', merged: true, merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh', merge_commit_sha: MERGE, head_sha: HEAD, head_ref: 'change-access', base_sha: BASE };
const githubReview = { id: 123, login: 'ada-gh', state: 'APPROVED', submitted_at: '2026-03-01T10:00:00Z', commit_id: HEAD };

function facts(changes: { pull?: Partial<PullFacts['pull']> | null; reviews?: object[]; files?: string[]; content?: CrossCheckFacts['contents'] extends ReadonlyMap<string, infer C> ? C : never } = {}): CrossCheckFacts {
  const pull: PullFacts = changes.pull === null ? { pull: null } : { pull: { ...githubPull, ...changes.pull }, files: changes.files ?? ['policies/access-control.md'], reviews: (changes.reviews ?? [githubReview]) as PullFacts['reviews'] };
  return { repository: 'acme/program', pulls: new Map([[7, pull]]), contents: new Map([[contentKey(HEAD, 'policies/access-control.md'), changes.content ?? { sha256: HASH }]]) };
}

const check = (record: EvidenceRecord, f: CrossCheckFacts) => crossCheckRecord(record, f);

describe('crossCheckRecord: a policy approval', () => {
  it('is confirmed when GitHub and git say what it says (instants compared as instants, logins without case)', () => {
    expect(check(approval(), facts())).toEqual({ record: ID, kind: 'policy-approval', outcome: 'confirmed', reasons: [] });
    expect(check(approval(), facts({ pull: { merged_at: '2026-03-02T09:00:00.000+00:00', merged_by: 'Ada-GH' } })).outcome).toBe('confirmed');
  });

  it('names a pull request GitHub does not have', () => {
    expect(check(approval(), facts({ pull: null }))).toEqual({ record: ID, kind: 'policy-approval', outcome: 'not-confirmed', reasons: [`Record \`${ID}\` says pull request #7 exists; GitHub has no pull request 7 in \`acme/program\``] });
  });

  it('names a pull request that is not merged', () => {
    expect(check(approval(), facts({ pull: { merged: false, merged_at: null, merged_by: null, merge_commit_sha: null } })).reasons).toEqual([`Record \`${ID}\` says pull request #7 was merged at \`2026-03-02T09:00:00Z\`; GitHub says it is not merged`]);
  });

  it('names each pull request field that differs', () => {
    const other = 'd'.repeat(40);
    const result = check(approval({ pull_request: { author: 'dana-gh', merged_at: '2026-03-03T09:00:00Z', merged_by: 'dana-gh', merge_commit_sha: other, head_sha: other } }), facts());
    expect(result.reasons).toEqual([
      `Record \`${ID}\` says \`author\` of pull request #7 is \`dana-gh\`; GitHub says \`linus-gh\``,
      `Record \`${ID}\` says \`merged_at\` of pull request #7 is \`2026-03-03T09:00:00Z\`; GitHub says \`2026-03-02T09:00:00Z\``,
      `Record \`${ID}\` says \`merged_by\` of pull request #7 is \`dana-gh\`; GitHub says \`ada-gh\``,
      `Record \`${ID}\` says \`merge_commit_sha\` of pull request #7 is \`${other}\`; GitHub says \`${MERGE}\``,
      `Record \`${ID}\` says \`head_sha\` of pull request #7 is \`${other}\`; GitHub says \`${HEAD}\``,
    ]);
  });

  it('names a review id GitHub does not have on the pull request', () => {
    expect(check(approval({ approvals: [{ ...review, review_id: 999 }] }), facts()).reasons).toEqual([`Record \`${ID}\` says review 999 by \`ada-gh\` approved at \`aaaaaaaaaaaa\`; GitHub has no review 999 on pull request 7`]);
  });

  it('names a review by another login, in another state, on another commit or at another time', () => {
    expect(check(approval(), facts({ reviews: [{ ...githubReview, login: 'grace-gh' }] })).reasons).toEqual([`Record \`${ID}\` says review 123 by \`ada-gh\` approved at \`aaaaaaaaaaaa\`; GitHub says review 123 on pull request 7 is by \`grace-gh\``]);
    expect(check(approval(), facts({ reviews: [{ ...githubReview, state: 'CHANGES_REQUESTED' }] })).reasons).toEqual([`Record \`${ID}\` says review 123 by \`ada-gh\` approved at \`aaaaaaaaaaaa\`; GitHub says review 123 on pull request 7 is \`CHANGES_REQUESTED\``]);
    expect(check(approval(), facts({ reviews: [{ ...githubReview, commit_id: BASE, submitted_at: '2026-03-01T11:00:00Z' }] })).reasons).toEqual([
      `Record \`${ID}\` says review 123 by \`ada-gh\` approved at \`aaaaaaaaaaaa\`; GitHub says review 123 on pull request 7 is on commit \`bbbbbbbbbbbb\`, was submitted at \`2026-03-01T11:00:00Z\`, not \`2026-03-01T10:00:00Z\``,
    ]);
  });

  it('names an approval whose own state is not APPROVED', () => {
    expect(check(approval({ approvals: [{ ...review, state: 'COMMENTED' }] }), facts()).reasons).toEqual([
      `Record \`${ID}\` counts review 123 by \`ada-gh\` as an approval but names its state \`COMMENTED\`, expected \`APPROVED\``,
    ]);
  });

  it('names a policy hash that differs from the file at the commit, a missing file and a commit that cannot be read', () => {
    const says = `Record \`${ID}\` says \`policies/access-control.md\` at \`aaaaaaaaaaaa\` has SHA-256 \`111111111111…\``;
    expect(check(approval(), facts({ content: { sha256: '2'.repeat(64) } })).reasons).toEqual([`${says}; the file at that commit has SHA-256 \`222222222222…\``]);
    expect(check(approval(), facts({ content: { missing: 'file' } })).reasons).toEqual([`${says}; no such file exists at that commit`]);
    expect(check(approval(), facts({ content: { missing: 'commit' } })).reasons).toEqual([`${says}; commit \`aaaaaaaaaaaa\` could not be fetched, and GitHub's contents API has no such file at it`]);
  });

  it('names a policy bound to a commit other than the head (the base for a removed policy), and a file the pull request did not change', () => {
    expect(check(approval({ policy: { commit: BASE } }), facts()).reasons).toContain(`Record \`${ID}\` binds policy \`access-control\` to commit \`bbbbbbbbbbbb\`; GitHub says the head of pull request 7 is \`aaaaaaaaaaaa\``);
    expect(check(approval({ policy: { change: 'removed' } }), facts()).reasons).toContain(`Record \`${ID}\` binds policy \`access-control\` to commit \`aaaaaaaaaaaa\`; GitHub says the base of pull request 7 is \`bbbbbbbbbbbb\``);
    expect(check(approval(), facts({ files: ['README.md'] })).reasons).toEqual([`Record \`${ID}\` says pull request #7 changed \`policies/access-control.md\`; GitHub lists no such file in it`]);
  });

  it('names an id the collector would not give the record', () => {
    expect(check({ ...approval(), id: 'policy-approval/acme/program/pr-8' }, facts()).reasons).toEqual([
      'Record `policy-approval/acme/program/pr-8` has an id the collector does not give a policy-approval record about pull request #7, expected `policy-approval/acme/program/pr-7`',
    ]);
  });

  it("names each field the record asserts otherwise than the collector's decision from GitHub's facts, and a decision that cannot be taken", () => {
    const decided = (f: CrossCheckFacts, approval: PullFacts['approval']) => ({ ...f, pulls: new Map([[7, { ...f.pulls.get(7)!, approval }]]) });
    const subject = approval().subject as ApprovalSubject;
    const genuine = { ...subject, policies: [{ ...subject.policies[0]!, required_approvers: ['ada', 'margaret'], approved: false }] };
    expect(check(approval(), decided(facts(), { id: ID, subject: subject })).outcome).toBe('confirmed');
    expect(check(approval(), decided(facts(), { id: ID, subject: genuine })).reasons).toEqual([
      `Record \`${ID}\` says \`subject.policies[0].approved\` is \`true\`; deciding from GitHub's facts gives \`false\``,
      `Record \`${ID}\` says \`subject.policies[0].required_approvers\` is \`["ada"]\`; deciding from GitHub's facts gives \`["ada","margaret"]\``,
    ]);
    expect(check(approval(), decided(facts(), { none: true })).reasons).toEqual([`Record \`${ID}\` states approvals of pull request #7; deciding from GitHub's facts gives no such record`]);
    expect(check(approval(), decided(facts(), { problem: 'no commit' })).reasons).toEqual([`Record \`${ID}\` cannot be decided again from GitHub's facts: no commit`]);
  });

  it("names a policy id or version its file's frontmatter does not have", () => {
    expect(check(approval(), facts({ content: { sha256: HASH, policy: { id: 'access-control', version: '1.1' } } })).outcome).toBe('confirmed');
    expect(check(approval(), facts({ content: { sha256: HASH, policy: { id: 'other', version: '1.0' } } })).reasons).toEqual([
      `Record \`${ID}\` says \`policies/access-control.md\` at \`aaaaaaaaaaaa\` is policy \`access-control\`; its frontmatter says \`other\``,
      `Record \`${ID}\` says \`policies/access-control.md\` at \`aaaaaaaaaaaa\` is version \`1.1\` of \`access-control\`; its frontmatter says \`1.0\``,
    ]);
  });

  it('names a record about another repository', () => {
    expect(check({ ...approval(), repository: 'other/place' }, facts())).toEqual({ record: ID, kind: 'policy-approval', outcome: 'not-confirmed', reasons: [`Record \`${ID}\` is about repository \`other/place\`; the cross-check reads \`acme/program\``] });
  });
});

describe('crossCheckRecord: other kinds', () => {
  const ackPull = { ...githubPull, merged: false, merged_at: null, merged_by: null, merge_commit_sha: null, head_ref: 'evident/acknowledge/all-3f2a9c1e' };
  const ackId = 'policy-acknowledgment/acme/program/pr-7/review-123';
  const acknowledgment: EvidenceRecord = {
    ...envelope,
    id: ackId,
    kind: 'policy-acknowledgment',
    subject: { pull_request: { ...pr, merged_at: null, merged_by: null, merge_commit_sha: null }, policies: [{ id: 'access-control', version: '1.1', path: 'policies/access-control.md', commit: HEAD, sha256: HASH }], acknowledgments: [review] },
  };

  it('confirms an acknowledgment from an acknowledgment branch, and names one from another branch or bound to another commit', () => {
    expect(check(acknowledgment, facts({ pull: ackPull })).outcome).toBe('confirmed');
    expect(check(acknowledgment, facts({ pull: { ...ackPull, head_ref: 'feature' } })).reasons).toEqual([`Record \`${ackId}\` says pull request #7 is an acknowledgment pull request; GitHub says it comes from branch \`feature\`, not from \`evident/acknowledge/…\``]);
    const elsewhere = { ...acknowledgment, subject: { ...(acknowledgment.subject as object), acknowledgments: [{ ...review, commit_id: BASE }] } };
    expect(check(elsewhere, facts({ pull: ackPull, reviews: [{ ...githubReview, commit_id: BASE }] })).reasons).toEqual([`Record \`${ackId}\` binds policy \`access-control\` to commit \`aaaaaaaaaaaa\`, expected the commit its acknowledging review names`]);
  });

  const origin = { head_repository: 'acme/program', base_repository: 'acme/program', default_branch: 'main', head_ref: ackPull.head_ref, base_ref: 'main' };
  const at7 = (f: CrossCheckFacts, changes: Partial<PullFacts>): CrossCheckFacts => ({ ...f, pulls: new Map([[7, { ...f.pulls.get(7)!, ...changes }]]) });
  const refused = (why: string) => `Record \`${ackId}\` names a pull request the collector does not count as a campaign; GitHub says pull request #7 ${why}`;

  it('names an acknowledgment whose pull request GitHub says comes from a fork or a deleted repository, or targets another branch than the default one', () => {
    const f = facts({ pull: ackPull });
    expect(check(acknowledgment, at7(f, { origin })).outcome).toBe('confirmed');
    expect(check(acknowledgment, at7(f, { origin: { ...origin, head_repository: 'mallory/program' } })).reasons).toEqual([
      refused('comes from branch `evident/acknowledge/all-3f2a9c1e` of mallory/program, a fork, so it is not an acknowledgment pull request: only a branch of acme/program is'),
    ]);
    expect(check(acknowledgment, at7(f, { origin: { ...origin, head_repository: null } })).reasons).toEqual([
      refused('comes from branch `evident/acknowledge/all-3f2a9c1e` of a repository that no longer exists, so it is not an acknowledgment pull request: only a branch of acme/program is'),
    ]);
    expect(check(acknowledgment, at7(f, { origin: { ...origin, default_branch: 'trunk' } })).reasons).toEqual([refused('targets `main`, not the default branch `trunk`, so it is not an acknowledgment pull request')]);
  });

  it('names a reviewed commit that acknowledges nothing when read as the collector reads it, and policies whose SHA-256 differs from what it acknowledges', () => {
    const f = facts({ pull: ackPull });
    const known = (named: Omit<PolicyVersionRef, 'commit'>[] | { problem: string }) => at7(f, { origin, acknowledgment: { rosterCommit: BASE, people: new Map([['ada-gh', 'ada']]), manifests: new Map([[HEAD, named]]) } });
    const policy = { id: 'access-control', version: '1.1', path: 'policies/access-control.md', sha256: HASH };
    expect(check(acknowledgment, known([policy])).outcome).toBe('confirmed');
    const problem = `\`policies/access-control.md\` on the default branch \`main\` at ${BASE} (policy \`access-control\` 1.1, SHA-256 222222222222) differs from what the manifest names (\`access-control\` 1.1, 111111111111)`;
    expect(check(acknowledgment, known({ problem })).reasons).toEqual([`Record \`${ackId}\` says review 123 acknowledged policies at \`aaaaaaaaaaaa\`; read as the collector reads it, that commit acknowledges none: ${problem}`]);
    expect(check(acknowledgment, known([{ ...policy, sha256: '2'.repeat(64) }])).reasons).toEqual([
      `Record \`${ackId}\` says review 123 acknowledged \`access-control@1.1\` (SHA-256 \`111111111111…\`); the manifest at \`aaaaaaaaaaaa\` names \`access-control@1.1\` (SHA-256 \`222222222222…\`)`,
    ]);
  });

  it('checks an exception\'s pull request and reviews in the state it records; one without a pull request is not checked', () => {
    const exceptionId = 'exception/acme/program/pr-7/changes-requested/review-123';
    const exception: EvidenceRecord = { ...envelope, id: exceptionId, kind: 'exception', subject: { pull_request: pr, reason: 'changes-requested', detail: 'x', reviews: [{ ...review, state: 'CHANGES_REQUESTED' }] } };
    expect(check(exception, facts({ reviews: [{ ...githubReview, state: 'CHANGES_REQUESTED' }] })).outcome).toBe('confirmed');
    expect(check(exception, facts()).reasons).toEqual([`Record \`${exceptionId}\` says review 123 by \`ada-gh\` requested changes at \`aaaaaaaaaaaa\`; GitHub says review 123 on pull request 7 is \`APPROVED\``]);
    const bare: EvidenceRecord = { ...envelope, id: 'exception/acme/program/manual', kind: 'exception', subject: { reason: 'test', detail: 'x' } };
    expect(check(bare, facts())).toEqual({ record: 'exception/acme/program/manual', kind: 'exception', outcome: 'not-checked', reasons: ['Record `exception/acme/program/manual` names no pull request: nothing on GitHub to compare it with'] });
  });

  it('checks that every pull request of a change population exists and was merged as listed; branch rules are not checked', () => {
    const population: EvidenceRecord = { ...envelope, id: 'change-population/acme/program/2026-Q1', kind: 'change-population', subject: { period: { start: '2026-01-01', end: '2026-03-31' }, pull_requests: [{ ...pr }, { ...pr, number: 8 }], totals: { merged: 2, merged_without_approval: 0 } } };
    const f = facts();
    expect(check(population, { ...f, pulls: new Map([...f.pulls, [8, { pull: { ...githubPull, number: 8 } }]]) }).outcome).toBe('confirmed');
    expect(check(population, f).reasons).toEqual(['Record `change-population/acme/program/2026-Q1` says pull request #8 exists; GitHub has no pull request 8 in `acme/program`']);
    const rules: EvidenceRecord = { ...envelope, id: 'branch-rules/acme/program/main/2026-03-01', kind: 'branch-rules', subject: {} };
    expect(check(rules, f).outcome).toBe('not-checked');
  });
});

describe('crossCheckRecord: the sign-off of an access review', () => {
  const REVIEWED = 'e'.repeat(40);
  const FILE = 'access-reviews/2026-Q2.md';
  const arId = `access-review-approval/acme/program/pr-41/${REVIEWED.slice(0, 12)}`;
  const signOff: ReviewRef = { reviewer: 'dana-gh', person: 'dana', review_id: 321, state: 'APPROVED', submitted_at: '2026-05-15T09:00:00Z', commit_id: REVIEWED };
  const reviewPull = { ...pr, number: 41, url: 'https://github.com/acme/program/pull/41', title: 'Access review 2026-Q2', author: 'evident-bot', head_sha: REVIEWED, merge_commit_sha: null, merged_at: null, merged_by: null };
  const accessReview = (changes: { subject?: object; approvals?: ReviewRef[] } = {}): EvidenceRecord => ({
    ...envelope,
    id: arId,
    kind: 'access-review-approval',
    subject: { pull_request: reviewPull, period: { label: '2026-Q2', start: '2026-04-01', end: '2026-06-30' }, control: 'AC-08', file: { path: FILE, commit: REVIEWED, sha256: HASH }, required_approvers: ['security'], approvals: changes.approvals ?? [signOff], approved: true, ...changes.subject },
  });
  const githubReviewPull = { number: 41, author: 'evident-bot', merged: false, merged_at: null, merged_by: null, merge_commit_sha: null, head_sha: REVIEWED, head_ref: 'evident/access-review/2026-Q2', base_sha: BASE };
  const githubSignOff = { id: 321, login: 'dana-gh', state: 'APPROVED', submitted_at: '2026-05-15T09:00:00Z', commit_id: REVIEWED };
  const reviewFacts = (changes: { pull?: Partial<PullFacts['pull']>; reviews?: object[]; content?: { sha256: string } | { missing: 'file' | 'commit' } } = {}): CrossCheckFacts => ({
    repository: 'acme/program',
    pulls: new Map([[41, { pull: { ...githubReviewPull, ...changes.pull }, reviews: (changes.reviews ?? [githubSignOff]) as PullFacts['reviews'] }]]),
    contents: new Map([[contentKey(REVIEWED, FILE), changes.content ?? { sha256: HASH }]]),
  });
  const says = (review = 321, login = 'dana-gh', at = REVIEWED) => `Record \`${arId}\` says review ${review} by \`${login}\` approved at \`${at.slice(0, 12)}\``;

  it('is confirmed when its pull request, period, review file, approvals and file hash are what GitHub and git say, merged since or not', () => {
    expect(check(accessReview(), reviewFacts())).toEqual({ record: arId, kind: 'access-review-approval', outcome: 'confirmed', reasons: [] });
    expect(check(accessReview(), reviewFacts({ pull: { merged: true, merged_at: '2026-05-16T09:00:00Z', merged_by: 'dana-gh', merge_commit_sha: MERGE } })).outcome).toBe('confirmed');
  });

  it('names an approval GitHub has no review for, though the pull request is real', () => {
    const forged = accessReview({ approvals: [{ ...signOff, review_id: 999999 }] });
    expect(check(forged, reviewFacts({ reviews: [{ ...githubSignOff, state: 'CHANGES_REQUESTED' }] }))).toEqual({
      record: arId,
      kind: 'access-review-approval',
      outcome: 'not-confirmed',
      reasons: [`${says(999999)}; GitHub has no review 999999 on pull request 41`],
    });
  });

  it('names an approval that is a review by someone else, a request for changes, or on another commit', () => {
    expect(check(accessReview(), reviewFacts({ reviews: [{ ...githubSignOff, login: 'mallory-gh' }] })).reasons).toEqual([`${says()}; GitHub says review 321 on pull request 41 is by \`mallory-gh\``]);
    expect(check(accessReview(), reviewFacts({ reviews: [{ ...githubSignOff, state: 'CHANGES_REQUESTED' }] })).reasons).toEqual([`${says()}; GitHub says review 321 on pull request 41 is \`CHANGES_REQUESTED\``]);
    expect(check(accessReview(), reviewFacts({ reviews: [{ ...githubSignOff, commit_id: HEAD }] })).reasons).toEqual([`${says()}; GitHub says review 321 on pull request 41 is on commit \`aaaaaaaaaaaa\``]);
    expect(check(accessReview({ approvals: [{ ...signOff, state: 'CHANGES_REQUESTED' }] }), reviewFacts({ reviews: [{ ...githubSignOff, state: 'CHANGES_REQUESTED' }] })).reasons).toEqual([
      `Record \`${arId}\` counts review 321 by \`dana-gh\` as an approval but names its state \`CHANGES_REQUESTED\`, expected \`APPROVED\``,
      `Record \`${arId}\` says review 321 by \`dana-gh\` requested changes at \`eeeeeeeeeeee\`; GitHub says review 321 on pull request 41 is \`CHANGES_REQUESTED\``,
    ]);
  });

  it('names an approval on a commit other than the one the review file is bound to, and a file bound to another commit than the recorded head', () => {
    const stale = accessReview({ approvals: [{ ...signOff, commit_id: HEAD }] });
    expect(check(stale, reviewFacts({ reviews: [{ ...githubSignOff, commit_id: HEAD }] })).reasons).toEqual([`Record \`${arId}\` counts review 321 by \`dana-gh\` as the sign-off of commit \`eeeeeeeeeeee\`, but names it on commit \`aaaaaaaaaaaa\``]);
    const moved = accessReview({ subject: { file: { path: FILE, commit: HEAD, sha256: HASH } }, approvals: [{ ...signOff, commit_id: HEAD }] });
    const f = reviewFacts({ reviews: [{ ...githubSignOff, commit_id: HEAD }] });
    expect(check(moved, { ...f, contents: new Map([[contentKey(HEAD, FILE), { sha256: HASH }]]) }).reasons).toEqual([
      `Record \`${arId}\` has an id the collector does not give a access-review-approval record about pull request #41, expected \`access-review-approval/acme/program/pr-41/aaaaaaaaaaaa\``,
      `Record \`${arId}\` binds the review file to commit \`aaaaaaaaaaaa\`, expected the head it records for pull request #41, \`eeeeeeeeeeee\``,
    ]);
  });

  it("names a review file whose bytes at that commit have another SHA-256, or that is not there", () => {
    const file = `Record \`${arId}\` says \`${FILE}\` at \`eeeeeeeeeeee\` has SHA-256 \`111111111111…\``;
    expect(check(accessReview(), reviewFacts({ content: { sha256: '2'.repeat(64) } })).reasons).toEqual([`${file}; the file at that commit has SHA-256 \`222222222222…\``]);
    expect(check(accessReview(), reviewFacts({ content: { missing: 'file' } })).reasons).toEqual([`${file}; no such file exists at that commit`]);
  });

  it('names a period or review file other than the branch names, and a pull request from another branch', () => {
    const q3 = { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' };
    expect(check(accessReview({ subject: { period: q3 } }), reviewFacts()).reasons).toEqual([
      `Record \`${arId}\` says pull request #41 is the access review of \`2026-Q3\` (2026-07-01..2026-09-30); GitHub says it comes from branch \`evident/access-review/2026-Q2\`, which names \`2026-Q2\` (2026-04-01..2026-06-30)`,
    ]);
    expect(check(accessReview({ subject: { period: { label: '2026-Q2', start: '2026-01-01', end: '2026-06-30' } } }), reviewFacts()).outcome).toBe('not-confirmed');
    const other = accessReview({ subject: { file: { path: 'access-reviews/2026-Q1.md', commit: REVIEWED, sha256: HASH } } });
    const f = reviewFacts();
    expect(check(other, { ...f, contents: new Map([[contentKey(REVIEWED, 'access-reviews/2026-Q1.md'), { sha256: HASH }]]) }).reasons).toEqual([
      `Record \`${arId}\` says the review file of pull request #41 is \`access-reviews/2026-Q1.md\`; its branch \`evident/access-review/2026-Q2\` writes \`${FILE}\``,
    ]);
    expect(check(accessReview(), reviewFacts({ pull: { head_ref: 'feature' } })).reasons).toEqual([
      `Record \`${arId}\` says pull request #41 is the access review of \`2026-Q2\` (2026-04-01..2026-06-30); GitHub says it comes from branch \`feature\`, not from \`evident/access-review/…\` followed by a period`,
    ]);
  });

  it('names a sign-off whose pull request GitHub says comes from a fork or targets another branch than the default one', () => {
    const withOrigin = (changes: object): CrossCheckFacts => {
      const f = reviewFacts();
      return { ...f, pulls: new Map([[41, { ...f.pulls.get(41)!, origin: { head_repository: 'acme/program', base_repository: 'acme/program', default_branch: 'main', head_ref: githubReviewPull.head_ref, base_ref: 'main', ...changes } }]]) };
    };
    const refused = (why: string) => `Record \`${arId}\` names a pull request the collector does not count as a campaign; GitHub says pull request #41 ${why}`;
    expect(check(accessReview(), withOrigin({})).outcome).toBe('confirmed');
    expect(check(accessReview(), withOrigin({ head_repository: 'mallory/program' })).reasons).toEqual([
      refused('comes from branch `evident/access-review/2026-Q2` of mallory/program, a fork, so it is not an access review pull request: only a branch of acme/program is'),
    ]);
    expect(check(accessReview(), withOrigin({ default_branch: 'trunk' })).reasons).toEqual([refused('targets `main`, not the default branch `trunk`, so it is not an access review pull request')]);
  });

  it("names a sign-off by the pull request's author, one that names no approval, and one that names no pull request", () => {
    expect(check(accessReview({ subject: { pull_request: { ...reviewPull, author: 'dana-gh' } } }), reviewFacts({ pull: { author: 'Dana-GH' } })).reasons).toEqual([`Record \`${arId}\` counts review 321 by \`dana-gh\` as the sign-off; GitHub says \`Dana-GH\` opened pull request #41, and a sign-off must come from someone else`]);
    expect(check(accessReview({ approvals: [] }), reviewFacts()).reasons).toEqual([`Record \`${arId}\` says the access review of pull request #41 is signed off, but names no approval`]);
    const { pull_request: _pull, ...subject } = accessReview().subject as Record<string, unknown>;
    expect(check({ ...accessReview(), subject }, reviewFacts())).toEqual({ record: arId, kind: 'access-review-approval', outcome: 'not-confirmed', reasons: [`Record \`${arId}\` names no pull request, expected the pull request its access-review-approval came from`] });
  });

  it('needs the pull request with its reviews and the review file at the approved commit', () => {
    expect(crossCheckNeeds([accessReview()], 'acme/program')).toEqual({ pulls: new Map([[41, { files: false, reviews: true }]]), contents: [{ commit: REVIEWED, path: FILE, pull: 41, text: true }] });
  });

  it("names a review file that is not the review Evident renders for the period from a snapshot the chain held before the record (the collector's check)", () => {
    const subject: AccessSnapshotSubject = { organization: 'acme', two_factor_requirement_enabled: true, members: [{ login: 'dana-gh', role: 'admin', two_factor_disabled: false }, { login: 'linus-gh', role: 'member', two_factor_disabled: false }], outside_collaborators: [], teams: [], pending_invitations: [], repositories: [], limitations: [] };
    const snapshot: EvidenceRecord<AccessSnapshotSubject> = { ...envelope, sequence: 3, id: 'access-snapshot/acme/2026-05-04', kind: 'access-snapshot', recorded_at: '2026-05-04T06:00:00Z', subject, hash: '5'.repeat(64) };
    const text = renderAccessReview({ period: parsePeriod('2026-Q2')!, control: { id: 'AC-08', title: 'Access review', owner: 'security' }, snapshot, people: [] });
    const record = { ...accessReview(), sequence: 4 };
    const withText = (body: string, snapshots: EvidenceRecord[] = [snapshot]): CrossCheckFacts => ({ ...reviewFacts(), contents: new Map([[contentKey(REVIEWED, FILE), { sha256: HASH, text: body }]]), accessSnapshots: snapshots });
    const mismatch = (why: string) => `Record \`${arId}\` says \`${FILE}\` at \`eeeeeeeeeeee\` is the access review of 2026-Q2; it is not the review Evident renders for 2026-Q2: ${why}`;
    expect(check(record, withText(text))).toEqual({ record: arId, kind: 'access-review-approval', outcome: 'confirmed', reasons: [] });
    expect(check(record, withText(text.replace(/^\| @linus-gh .*\n/m, ''))).reasons).toEqual([mismatch('it leaves out @linus-gh, who holds access in the snapshot')]);
    expect(check(record, withText(text.replaceAll('2026-Q2', '2026-Q1').replace('2026-04-01 to 2026-06-30', '2026-01-01 to 2026-03-31'))).reasons).toEqual([
      mismatch('its title names period `2026-Q1`, not `2026-Q2`; it states the period **2026-Q1** (2026-01-01 to 2026-03-31), not **2026-Q2** (2026-04-01 to 2026-06-30)'),
    ]);
    // A snapshot appended after the sign-off is none the collector could have read.
    const notYet = `it names access-snapshot record \`${snapshot.id}\` with hash \`555555555555…\`, which the evidence branch does not hold`;
    expect(check(record, withText(text, [{ ...snapshot, sequence: 5 }])).reasons).toEqual([mismatch(notYet)]);
    expect(check(record, withText(text, [])).reasons).toEqual([mismatch(notYet)]);
  });
});

describe('crossCheckRecord: kinds that name no pull request by design', () => {
  const snapshot: EvidenceRecord = { ...envelope, id: 'access-snapshot/acme/2026-10-02', kind: 'access-snapshot', subject: { organization: 'acme', two_factor_requirement_enabled: true, members: [], outside_collaborators: [], teams: [], pending_invitations: [], repositories: [], limitations: [] } };
  const alerts: EvidenceRecord = { ...envelope, id: 'vulnerability-alerts/acme/program/2026-10', kind: 'vulnerability-alerts', subject: { month: '2026-10', collected_on: '2026-10-02', remediation_days: null, policy: null, alerts: [], totals: { open: 0, fixed: 0, dismissed: 0, overdue: 0 }, limitations: [] } };

  it('are not checked, with what the cross-check cannot confirm, and need nothing from GitHub (even when they carry a pull request)', () => {
    expect(check(snapshot, facts())).toEqual({
      record: 'access-snapshot/acme/2026-10-02',
      kind: 'access-snapshot',
      outcome: 'not-checked',
      reasons: ['Record `access-snapshot/acme/2026-10-02` holds who had access (members, collaborators, teams, invitations, deploy keys) on one day, which GitHub does not keep: not cross-checked'],
    });
    expect(check(alerts, facts())).toEqual({
      record: 'vulnerability-alerts/acme/program/2026-10',
      kind: 'vulnerability-alerts',
      outcome: 'not-checked',
      reasons: ['Record `vulnerability-alerts/acme/program/2026-10` holds vulnerability alerts and their states as they stood on one day; GitHub keeps only their current state: not cross-checked'],
    });
    const carrying = { ...snapshot, subject: { ...(snapshot.subject as object), pull_request: pr } };
    expect(check(carrying, facts()).outcome).toBe('not-checked');
    expect(crossCheckNeeds([snapshot, alerts, carrying], 'acme/program')).toEqual({ pulls: new Map(), contents: [] });
  });

  it('a policy approval or acknowledgment that names no pull request is still not confirmed', () => {
    const { pull_request: _pull, ...subject } = approval().subject as Record<string, unknown>;
    expect(check({ ...approval(), subject }, facts()).reasons).toEqual([`Record \`${ID}\` names no pull request, expected the pull request its policy-approval came from`]);
  });
});

describe('crossCheckNeeds', () => {
  it('lists each pull request once with what must be read, and each policy file once; other repositories are not followed', () => {
    const needs = crossCheckNeeds([approval(), approval(), { ...approval(), repository: 'other/place' }], 'acme/program');
    expect(needs).toEqual({ pulls: new Map([[7, { files: true, reviews: true, approval: true }]]), contents: [{ commit: HEAD, path: 'policies/access-control.md', pull: 7, policy: true }] });
  });
});
