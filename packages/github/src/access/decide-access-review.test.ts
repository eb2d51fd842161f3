import { describe, expect, it } from '@jest/globals';
import { parsePeriod, sealRecord, type AccessSnapshotSubject, type Person, type Team } from '@evident/core';
import type { PullRequestFacts, PullRequestReview } from '../fetch-pull-request-facts.js';
import { defaultReviewPeriod, periodOfAccessReviewBranch } from './access-review-branch.js';
import { decideAccessReview } from './decide-access-review.js';
import { renderAccessReview } from './render-access-review.js';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const person = (id: string, github: string): Person => ({ id, name: id, github, email: `${id}@example.com`, roles: [], start_date: '2025-01-01' });
const model = { people: [person('ada', 'ada-gh'), person('grace', 'grace-gh'), person('bot', 'evident-bot')], teams: [{ id: 'security', name: 'Security', members: ['ada', 'grace'] }] as Team[] };
const control = { id: 'AC-08', owner: 'security' };
const at = '2026-10-02T06:00:00Z';
const subject: AccessSnapshotSubject = { organization: 'acme', two_factor_requirement_enabled: true, members: [{ login: 'ada-gh', role: 'admin', two_factor_disabled: false }, { login: 'grace-gh', role: 'member', two_factor_disabled: false }], outside_collaborators: [], teams: [], pending_invitations: [], repositories: [], limitations: [] };
const snapshot = sealRecord({ schema_version: 1, id: 'access-snapshot/acme/2026-10-02', kind: 'access-snapshot', repository: 'acme/program', recorded_at: at, subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: at, api_calls: [] } }, undefined);
const snapshots = [snapshot];
const text = renderAccessReview({ period: parsePeriod('2026-Q3')!, control: { ...control, title: 'Access review' }, snapshot, people: model.people });
const file = { path: 'access-reviews/2026-Q3.md', sha256: 'c'.repeat(64), text };
let nextId = 1;
const review = (login: string, state: string, commit_id: string | null = HEAD): PullRequestReview => ({ id: nextId++, login, state, commit_id, submitted_at: '2026-10-03T10:00:00Z' });
const facts = (reviews: PullRequestReview[], head_ref = 'evident/access-review/2026-Q3'): PullRequestFacts => ({
  repository: 'acme/program',
  pull: { number: 9, url: 'https://github.com/acme/program/pull/9', title: 'Access review 2026-Q3', author: 'evident-bot', state: 'open', merged: false, merged_at: null, merged_by: null, merge_commit_sha: null, head_sha: HEAD, head_ref, base_sha: OLD, base_ref: 'main' },
  files: [],
  reviews,
  permissions: {},
  fetched_at: '2026-10-03T10:05:00Z',
  api_calls: [],
});
const reasons = (d: ReturnType<typeof decideAccessReview>) => d.exceptions.map((e) => e.subject.reason);

describe('decideAccessReview', () => {
  it("signs off on an owner team member's approval at the final head", () => {
    const d = decideAccessReview(facts([review('grace-gh', 'COMMENTED'), review('grace-gh', 'APPROVED')]), file, model, control, snapshots);
    expect(d.approval).toMatchObject({ id: `access-review-approval/acme/program/pr-9/${HEAD.slice(0, 12)}`, subject: { period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' }, control: 'AC-08', file: { path: file.path, sha256: file.sha256, commit: HEAD }, required_approvers: ['security'], approved: true, approvals: [{ reviewer: 'grace-gh', person: 'grace' }] } });
    expect(Object.keys(d.approval!.subject.file)).toEqual(['path', 'commit', 'sha256']);
    expect(d.exceptions).toEqual([]);
  });

  it('turns every other decisive review into an exception with its reason', () => {
    const d = decideAccessReview(facts([review('ada-gh', 'APPROVED', OLD), review('grace-gh', 'CHANGES_REQUESTED'), review('evident-bot', 'APPROVED'), review('stranger', 'APPROVED'), review('linus', 'DISMISSED')]), file, model, control, snapshots);
    expect(d.approval).toBeUndefined();
    expect(reasons(d)).toEqual(['stale-approval', 'changes-requested', 'self-approval', 'not-control-owner', 'dismissed-review']);
    expect(d.exceptions.every((e) => e.subject.control === 'AC-08')).toBe(true);
  });

  it('records nothing before a decisive review, and names a bad period, file or missing control', () => {
    expect(decideAccessReview(facts([review('ada-gh', 'COMMENTED')]), file, model, control, snapshots)).toEqual({ exceptions: [] });
    expect(reasons(decideAccessReview(facts([review('ada-gh', 'APPROVED')], 'evident/access-review/someday'), file, model, control, snapshots))).toEqual(['invalid-review-period']);
    expect(reasons(decideAccessReview(facts([review('ada-gh', 'APPROVED')]), { path: file.path, problem: 'the file does not exist there' }, model, control, snapshots))).toEqual(['invalid-review-file']);
    expect(reasons(decideAccessReview(facts([review('ada-gh', 'APPROVED')]), file, model, undefined, snapshots))).toEqual(['no-review-control']);
  });

  it('turns an approved review file that is not the period\'s rendered review into review-file-mismatch, with no approval', () => {
    const mismatch = (f: typeof file, snaps = snapshots) => decideAccessReview(facts([review('grace-gh', 'APPROVED'), review('stranger', 'APPROVED')]), f, model, control, snaps);
    const copied = mismatch({ ...file, text: text.replaceAll('2026-Q3', '2026-Q2').replace('2026-07-01 to 2026-09-30', '2026-04-01 to 2026-06-30') });
    expect(copied.approval).toBeUndefined();
    expect(copied.exceptions).toEqual([
      {
        id: `exception/acme/program/pr-9/review-file-mismatch/${HEAD.slice(0, 12)}`,
        subject: {
          pull_request: expect.objectContaining({ number: 9 }),
          control: 'AC-08',
          reason: 'review-file-mismatch',
          detail: `The review file \`access-reviews/2026-Q3.md\` at the final head ${HEAD} is not the access review Evident renders for 2026-Q3: its title names period \`2026-Q2\`, not \`2026-Q3\`; it states the period **2026-Q2** (2026-04-01 to 2026-06-30), not **2026-Q3** (2026-07-01 to 2026-09-30)`,
        },
      },
    ]);
    expect(reasons(mismatch({ ...file, text: text.replace(/^\| @grace-gh .*\n/m, '') }))).toEqual(['review-file-mismatch']);
    expect(mismatch({ ...file, text: text.replace(/^\| @grace-gh .*\n/m, '') }).exceptions[0]!.subject.detail).toContain('it leaves out @grace-gh, who holds access in the snapshot');
    expect(reasons(mismatch({ ...file, path: 'access-reviews/2026-Q2.md' }))).toEqual(['review-file-mismatch']);
    expect(reasons(mismatch(file, []))).toEqual(['review-file-mismatch']);
    expect(mismatch(file).approval).toBeDefined();
  });

  it("names review periods after the control's frequency", () => {
    expect(defaultReviewPeriod('quarterly', '2026-11-14')).toEqual({ label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(defaultReviewPeriod('monthly', '2026-11-14')).toEqual({ label: '2026-11', start: '2026-11-01', end: '2026-11-30' });
    expect(defaultReviewPeriod('annually', '2026-11-14')).toEqual({ label: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOfAccessReviewBranch('evident/access-review/2026-07-01..2026-09-30')).toBeUndefined();
    expect(periodOfAccessReviewBranch('evident/acknowledge/all-1234')).toBeUndefined();
  });
});
