import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRoot, copyFixture, fixture } from '../../test/check-fixture.js';
import { sealRecord, sha256Hex } from '../evidence/evidence-chain.js';
import type { AcknowledgmentSubject, ApprovalSubject, BranchRulesSubject, ChangePopulationSubject, EvidenceKind, EvidenceRecord, PullRequestRef } from '../evidence/evidence-record.js';
import { computeReadiness } from './compute-readiness.js';

const TODAY = '2027-01-20';
const pr = (number: number, merged_at: string, extra: Partial<PullRequestRef> = {}): PullRequestRef => ({
  number,
  url: `https://github.com/example/program/pull/${number}`,
  title: `Change ${number}`,
  author: 'grace-example',
  head_sha: 'a'.repeat(40),
  merge_commit_sha: 'b'.repeat(40),
  merged_at,
  merged_by: 'ada-example',
  ...extra,
});

function chain(entries: { kind: EvidenceKind; subject: unknown; recorded_at: string; repository?: string }[]): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  entries.forEach((entry, index) => {
    out.push(
      sealRecord(
        {
          schema_version: 1,
          id: `${entry.kind}/${index}`,
          kind: entry.kind,
          repository: entry.repository ?? 'example/program',
          recorded_at: entry.recorded_at,
          subject: entry.subject,
          provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: entry.recorded_at, api_calls: [] },
        },
        out.at(-1),
      ),
    );
  });
  return out;
}

async function policySha(): Promise<string> {
  return sha256Hex(await readFile(path.join(fixture('type2-readiness', 'ok'), 'policies/access-control.md')));
}

function approval(sha256: string, mergedAt: string): ApprovalSubject {
  return {
    pull_request: pr(3, mergedAt),
    policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'c'.repeat(40), sha256, change: 'modified', required_approvers: ['security'], approvals: [{ reviewer: 'ada-example', person: 'ada-lovelace', review_id: 2, state: 'APPROVED', submitted_at: mergedAt, commit_id: 'a'.repeat(40) }], approved: true }],
  };
}

function acknowledgment(sha256: string, person: string, login: string, submitted: string): AcknowledgmentSubject {
  return {
    pull_request: pr(9, submitted),
    policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: 'c'.repeat(40), sha256 }],
    acknowledgments: [{ reviewer: login, person, review_id: 1, state: 'APPROVED', submitted_at: `${submitted}T10:00:00Z`, commit_id: 'd'.repeat(40) }],
  };
}

describe('exceptions derived from evidence records', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('lists nothing about approvals when no records are given', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    expect(computeReadiness(model!, { today: TODAY }).exceptions).toEqual([]);
  });

  it('reports a policy in force without an approval of its content and acknowledgments past their deadline', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const stale = chain([{ kind: 'policy-approval', subject: approval('0'.repeat(64), '2026-06-20T12:00:00Z'), recorded_at: '2026-06-20T12:01:00Z' }]);
    const report = computeReadiness(model!, { today: TODAY, records: stale });
    expect(report.exceptions.map((e) => [e.id, e.owner, e.detail])).toEqual([
      ['missing-acknowledgment:access-control:ada-lovelace', 'ada-lovelace', 'Ada Lovelace (ada-lovelace) has not acknowledged policy access-control version 1.0, due 2026-07-31.'],
      ['missing-acknowledgment:access-control:grace-hopper', 'ada-lovelace', 'Grace Hopper (grace-hopper) has not acknowledged policy access-control version 1.0, due 2026-07-31.'],
      ['missing-approval:access-control', 'ada-lovelace', `No approval record binds policy access-control version 1.0 as it stands (SHA-256 ${await policySha()}).`],
    ]);
  });

  it('accepts an approval of the current content, and reports only the acknowledgment given late', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const sha = await policySha();
    const records = chain([
      { kind: 'policy-approval', subject: approval(sha, '2026-07-10T12:00:00Z'), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'policy-acknowledgment', subject: acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20'), recorded_at: '2026-07-20T11:00:00Z' },
      { kind: 'policy-acknowledgment', subject: acknowledgment(sha, 'grace-hopper', 'grace-example', '2026-08-25'), recorded_at: '2026-08-25T11:00:00Z' },
    ]);
    const report = computeReadiness(model!, { today: TODAY, records });
    expect(report.exceptions).toEqual([
      {
        id: 'overdue-acknowledgment:access-control:grace-hopper',
        kind: 'overdue-acknowledgment',
        subject: 'access-control',
        owner: 'ada-lovelace',
        detail: 'Grace Hopper (grace-hopper) acknowledged policy access-control version 1.0 on 2026-08-25, after the due date 2026-08-09.',
        file: 'policies/access-control.md',
      },
    ]);
  });

  it('reports each pull request of a change population merged without an approval in the period, once', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const sha = await policySha();
    const population = (prs: ChangePopulationSubject['pull_requests']): ChangePopulationSubject => ({ period: { start: '2026-07-01', end: '2026-12-31' }, pull_requests: prs, totals: { merged: prs.length, merged_without_approval: prs.filter((p) => p.merged_without_approval).length } });
    const entry = (number: number, mergedAt: string, unapproved: boolean) => ({ ...pr(number, mergedAt), base: 'main', author_person: 'grace-hopper', reviews: [{ reviewer: 'ada-example', person: 'ada-lovelace', review_id: number, state: unapproved ? 'COMMENTED' : 'APPROVED', submitted_at: mergedAt, commit_id: 'a'.repeat(40) }], approved_by: unapproved ? [] : ['ada-example'], merged_without_approval: unapproved });
    const records = chain([
      { kind: 'policy-approval', subject: approval(sha, '2026-07-10T12:00:00Z'), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'policy-acknowledgment', subject: { ...acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20'), acknowledgments: [acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20').acknowledgments[0]!, acknowledgment(sha, 'grace-hopper', 'grace-example', '2026-07-21').acknowledgments[0]!] }, recorded_at: '2026-07-21T11:00:00Z' },
      { kind: 'change-population', repository: 'example/app', subject: population([entry(40, '2026-08-02T09:00:00Z', false), entry(41, '2026-08-03T09:00:00Z', true), entry(12, '2026-06-30T23:00:00Z', true)]), recorded_at: '2026-10-01T00:00:00Z' },
      { kind: 'change-population', repository: 'example/app', subject: population([entry(41, '2026-08-03T09:00:00Z', true)]), recorded_at: '2026-11-01T00:00:00Z' },
    ]);
    const report = computeReadiness(model!, { today: TODAY, records });
    expect(report.exceptions).toEqual([
      {
        id: 'unapproved-change:example/app#41',
        kind: 'unapproved-change',
        subject: 'example/app#41',
        owner: 'ada-lovelace',
        detail: 'Pull request example/app#41 (Change 41) by grace-example was merged by ada-example on 2026-08-03 without an approval at its final head.',
      },
    ]);
  });

  it('reports a missing acknowledgment from someone employed past the due date who left since, and not from someone who left before it', async () => {
    const c = await copyFixture('type2-readiness', 'ok');
    cleanup = c.cleanup;
    const people = await readFile(path.join(c.root, 'people.yaml'), 'utf8');
    const leaver = (id: string, name: string, end: string) => `  - id: ${id}\n    name: ${name}\n    github: ${id}-gh\n    email: ${id}@example.com\n    roles: [engineer]\n    start_date: 2025-03-03\n    end_date: ${end}\n`;
    await writeFile(path.join(c.root, 'people.yaml'), `${people}${leaver('lin-late', 'Lin Late', '2026-09-15')}${leaver('eve-early', 'Eve Early', '2026-07-20')}`);
    const { model } = await checkRoot(c.root, TODAY);
    const sha = await policySha();
    const records = chain([
      { kind: 'policy-approval', subject: approval(sha, '2026-07-01T12:00:00Z'), recorded_at: '2026-07-01T12:01:00Z' },
      { kind: 'policy-acknowledgment', subject: { ...acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20'), acknowledgments: [acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20').acknowledgments[0]!, acknowledgment(sha, 'grace-hopper', 'grace-example', '2026-07-21').acknowledgments[0]!] }, recorded_at: '2026-07-21T11:00:00Z' },
    ]);
    const report = computeReadiness(model!, { today: TODAY, records });
    expect(report.exceptions.map((e) => [e.id, e.detail])).toEqual([
      ['missing-acknowledgment:access-control:lin-late', 'Lin Late (lin-late) has not acknowledged policy access-control version 1.0, due 2026-07-31, and left on 2026-09-15 without acknowledging.'],
    ]);
  });

  it('reports a policy change merged without its required approvals, once with the population, and a merge that bypassed the branch rules', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const sha = await policySha();
    const unapproved: ApprovalSubject = { ...approval('1'.repeat(64), '2026-08-05T12:00:00Z'), pull_request: pr(44, '2026-08-05T12:00:00Z') };
    unapproved.policies = [{ ...unapproved.policies[0]!, approved: false, required_approvers: ['ada-lovelace'], approvals: [] }];
    const entry = (number: number, unapprovedMerge: boolean, bypass?: { bypassed: boolean; reasons: string[] }) => ({ ...pr(number, '2026-08-05T12:00:00Z'), base: 'main', author_person: 'grace-hopper', reviews: unapprovedMerge ? [] : [{ reviewer: 'ada-example', person: 'ada-lovelace', review_id: number, state: 'APPROVED', submitted_at: '2026-08-05T11:00:00Z', commit_id: 'a'.repeat(40) }], approved_by: unapprovedMerge ? [] : ['ada-example'], merged_without_approval: unapprovedMerge, ...(bypass === undefined ? {} : { bypass }) });
    const records = chain([
      { kind: 'policy-approval', subject: approval(sha, '2026-07-10T12:00:00Z'), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'policy-acknowledgment', subject: { ...acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20'), acknowledgments: [acknowledgment(sha, 'ada-lovelace', 'ada-example', '2026-07-20').acknowledgments[0]!, acknowledgment(sha, 'grace-hopper', 'grace-example', '2026-07-21').acknowledgments[0]!] }, recorded_at: '2026-07-21T11:00:00Z' },
      { kind: 'policy-approval', subject: unapproved, recorded_at: '2026-08-05T12:01:00Z' },
      { kind: 'change-population', subject: { period: { start: '2026-07-01', end: '2026-12-31' }, pull_requests: [entry(44, true), entry(45, false, { bypassed: true, reasons: ['no approval before the merge'] }), entry(46, false, { bypassed: false, reasons: [] })], totals: { merged: 3, merged_without_approval: 1 } }, recorded_at: '2026-10-01T00:00:00Z' },
    ]);
    const report = computeReadiness(model!, { today: TODAY, records });
    expect(report.exceptions.map((e) => [e.id, e.kind, e.detail])).toEqual([
      ['bypassed-rules:example/program#45', 'bypassed-rules', 'Pull request example/program#45 (Change 45) was merged by ada-example on 2026-08-05 without what the branch rules require: no approval before the merge.'],
      ['unapproved-change:example/program#44', 'unapproved-change', 'Pull request example/program#44 (Change 44) was merged by ada-example on 2026-08-05 without the required approvals of policy access-control version 1.0 (no approval from ada-lovelace).'],
    ]);
  });

  it('lists the deviations the collector recorded in the period, once, leaving out a missing approver the approval record states, not one the approval record contradicts', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const sha = await policySha();
    const deviation = (reason: string, number: number, mergedAt: string, extra: Record<string, unknown> = {}) => ({ pull_request: pr(number, mergedAt), reason, detail: `${reason} on ${number}`, ...extra });
    const records = chain([
      { kind: 'policy-approval', subject: approval(sha, '2026-07-10T12:00:00Z'), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'exception', subject: deviation('stale-approval', 3, '2026-07-10T12:00:00Z', { policy: 'access-control' }), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'exception', subject: deviation('missing-approver', 3, '2026-07-10T12:00:00Z', { policy: 'access-control' }), recorded_at: '2026-07-10T12:01:00Z' },
      { kind: 'exception', subject: deviation('self-approval', 8, '2025-12-01T12:00:00Z'), recorded_at: '2025-12-01T12:01:00Z' },
      { kind: 'exception', subject: deviation('unknown-reviewer', 9, '2026-09-01T12:00:00Z'), recorded_at: '2026-09-01T12:01:00Z' },
      // Pull request 5: the approval record says access-control is not approved, as the missing approver does.
      { kind: 'policy-approval', subject: { pull_request: pr(5, '2026-07-12T12:00:00Z'), policies: [{ ...approval(sha, '2026-07-12T12:00:00Z').policies[0]!, approvals: [], approved: false }] }, recorded_at: '2026-07-12T12:01:00Z' },
      { kind: 'exception', subject: deviation('missing-approver', 5, '2026-07-12T12:00:00Z', { policy: 'access-control' }), recorded_at: '2026-07-12T12:01:00Z' },
    ]);
    const listed = computeReadiness(model!, { today: TODAY, records }).exceptions.filter((e) => e.kind === 'recorded-deviation');
    expect(listed.map((e) => [e.id, e.subject, e.owner, e.file])).toEqual([
      ['recorded-deviation:exception/1', 'access-control', model!.policies.find((p) => p.id === 'access-control')!.owner, 'policies/access-control.md'],
      // Pull request 3: the approval record says approved, the missing approver contradicts it.
      ['recorded-deviation:exception/2', 'access-control', model!.policies.find((p) => p.id === 'access-control')!.owner, 'policies/access-control.md'],
      ['recorded-deviation:exception/4', 'example/program#9', model!.config.organization.security_officer, undefined],
    ]);
    expect(listed[0]!.detail).toBe('stale-approval: stale-approval on 3 (evidence record exception/1, recorded 2026-07-10T12:01:00Z).');
  });

  it('lets a control that names `evident:branch-rules` as a source be evidenced by collected snapshots', async () => {
    const c = await copyFixture('type2-readiness', 'ok');
    cleanup = c.cleanup;
    const control = await readFile(path.join(c.root, 'controls/LOG-01.md'), 'utf8');
    await writeFile(path.join(c.root, 'controls/CM-01.md'), control.replace(/LOG-01/g, 'CM-01').replace('frequency: monthly', 'frequency: continuous').replace('source: Access proxy log export', 'source: evident:branch-rules'));
    const { model } = await checkRoot(c.root, TODAY);
    const rules: BranchRulesSubject = {
      branch: 'main',
      rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }],
      summary: { pull_request_required: true, required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_status_checks: [], blocks_force_pushes: true, blocks_deletion: true },
    };
    const records = chain(['2026-07-03', '2026-08-03', '2026-10-03', '2026-11-03', '2026-12-03'].map((day) => ({ kind: 'branch-rules' as const, subject: rules, recorded_at: `${day}T06:00:00Z` })));
    const cm = computeReadiness(model!, { today: TODAY, records }).controls.find((x) => x.id === 'CM-01')!;
    expect(cm.occurrences.map((o) => `${o.label} ${o.state} ${o.evidence.join(' ')}`)).toEqual([
      '2026-07 met evidence:records/000001-branch-rules-0.json',
      '2026-08 met evidence:records/000002-branch-rules-1.json',
      '2026-09 missing ',
      '2026-10 met evidence:records/000003-branch-rules-2.json',
      '2026-11 met evidence:records/000004-branch-rules-3.json',
      '2026-12 met evidence:records/000005-branch-rules-4.json',
    ]);
  });
});
