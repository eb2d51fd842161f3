/**
 * The bundle counts an approval only when its record's own reviews support it (core's reviewCounts):
 * a self-approval, an approval after the merge or on an older head, and a record dated after the
 * assessment date are not counted, and each is flagged to the auditor; a clean approval still counts.
 * Real records sealed on a real git evidence branch, a bundle built for real.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, sha256Hex, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

const AS_OF = '2026-04-01';
let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
const lines = (name: string) => text(name).split('\r\n').filter(Boolean);
const csvRow = (name: string, start: string) => lines(name).find((l) => l.startsWith(start)) ?? '';

function git(args: string[], at: string): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: fixture.root, env, encoding: 'utf8' }).trim();
}

const head = (n: number) => `${n}`.padStart(40, 'a');
const pr = (number: number, merged_at: string, author = 'bob-gh') => ({ number, url: `https://github.com/fixture/program/pull/${number}`, title: `Change ${number}`, author, head_sha: head(number), merge_commit_sha: `${number}`.padStart(40, 'c'), merged_at, merged_by: 'alice-gh' });
const review = (reviewer: string, person: string, number: number, at: string, commit = head(number)) => ({ reviewer, person, review_id: number * 10, state: 'APPROVED', submitted_at: at, commit_id: commit });
const provenance = { tool: 'evident' as const, tool_version: '0.1.0', fetched_at: '2026-04-25T06:00:00Z', api_calls: [] };

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-record-standing-'));
  const root = fixture.root;
  const security = sha256Hex(await readFile(path.join(root, 'policies/security.md')));
  const commit = git(['rev-parse', 'HEAD'], '2026-04-20T10:00:00Z');
  const version = { id: 'security', version: '1.0', path: 'policies/security.md', commit, sha256: security, change: 'modified' as const, required_approvers: ['alice-admin'] };
  const population = (number: number, merged_at: string, reviews: ReturnType<typeof review>[], author = 'bob-gh') => ({ ...pr(number, merged_at, author), base: 'main', author_person: author === 'bob-gh' ? 'bob-builder' : 'alice-admin', reviews, approved_by: reviews.map((r) => r.reviewer), merged_without_approval: false, reviews_after_merge: [] });
  const unsealed: UnsealedRecord[] = [
    // Bob approves his own change to the security policy.
    { schema_version: 1, id: 'policy-approval/fixture/program/5', kind: 'policy-approval', repository: 'fixture/program', recorded_at: '2026-03-05T10:05:00Z', subject: { pull_request: pr(5, '2026-03-05T10:00:00Z'), policies: [{ ...version, approvals: [review('bob-gh', 'bob-builder', 5, '2026-03-05T09:00:00Z')], approved: true }] }, provenance },
    // A clean approval, but merged after the assessment date.
    { schema_version: 1, id: 'policy-approval/fixture/program/7', kind: 'policy-approval', repository: 'fixture/program', recorded_at: '2026-04-20T10:05:00Z', subject: { pull_request: pr(7, '2026-04-20T10:00:00Z'), policies: [{ ...version, approvals: [review('alice-gh', 'alice-admin', 7, '2026-04-20T09:00:00Z')], approved: true }] }, provenance },
    {
      schema_version: 1,
      id: 'change-population/fixture/program/2026-03-01..2026-04-30/0123456789ab',
      kind: 'change-population',
      repository: 'fixture/program',
      recorded_at: '2026-05-01T06:00:00Z',
      subject: {
        period: { start: '2026-03-01', end: '2026-04-30' },
        pull_requests: [
          population(11, '2026-03-11T10:00:00Z', [review('bob-gh', 'bob-builder', 11, '2026-03-11T09:00:00Z')]),
          population(12, '2026-03-16T10:00:00Z', [review('alice-gh', 'alice-admin', 12, '2026-03-17T09:00:00Z')]),
          population(13, '2026-03-18T10:00:00Z', [review('alice-gh', 'alice-admin', 13, '2026-03-18T09:00:00Z', 'f'.repeat(40))]),
          population(14, '2026-03-20T10:00:00Z', [review('alice-gh', 'alice-admin', 14, '2026-03-20T09:00:00Z')]),
          population(15, '2026-04-20T10:00:00Z', [review('alice-gh', 'alice-admin', 15, '2026-04-20T09:00:00Z')]),
        ],
        totals: { merged: 5, merged_without_approval: 0 },
      },
      provenance,
    },
    // Alice acknowledges the access control policy after the assessment date.
    { schema_version: 1, id: 'policy-acknowledgment/fixture/program/8', kind: 'policy-acknowledgment', repository: 'fixture/program', recorded_at: '2026-04-21T10:05:00Z', subject: { pull_request: pr(8, '2026-04-21T10:00:00Z'), policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit, sha256: fixture.accessControlSha256 }], acknowledgments: [review('alice-gh', 'alice-admin', 8, '2026-04-21T09:00:00Z')] }, provenance },
  ];
  git(['checkout', '-q', 'evidence'], '2026-05-01T06:00:00Z');
  let last = JSON.parse(await readFile(path.join(root, execFileSync('git', ['ls-files', 'records'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort().at(-1)!), 'utf8')) as EvidenceRecord;
  for (const u of unsealed) {
    last = sealRecord(u, last);
    await writeFile(path.join(root, recordFileName(last)), `${JSON.stringify(last, null, 2)}\n`);
  }
  git(['add', 'records'], '2026-05-01T06:00:00Z');
  git(['commit', '-q', '-m', 'Record approvals, the change population and an acknowledgment'], '2026-05-01T06:00:00Z');
  git(['checkout', '-q', 'main'], '2026-05-01T06:00:00Z');
  entries = await readZipEntries((await buildBundle({ root, outDir: out, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), today: AS_OF })).path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('approvals the records themselves show are invalid', () => {
  const changes = () => (entries.has('change-population.csv') ? 'change-population.csv' : 'changes.csv');
  const column = (row: string, name: string) => row.split(',')[lines(changes())[0]!.split(',').indexOf(name)];

  it('counts neither a self-approval, nor one after the merge, nor one on an older head, and flags each; a clean approval counts', () => {
    for (const n of [11, 12, 13]) {
      const row = csvRow(changes(), `fixture/program,${n},`);
      expect(column(row, 'approved_before_merge')).toBe('no');
      expect(row).toContain('record-contradicts-itself: The record says pull request');
    }
    expect(csvRow(changes(), 'fixture/program,12,')).toContain('@alice-gh approved at 2026-03-17T09:00:00Z, after the merge at 2026-03-16T10:00:00Z');
    expect(csvRow(changes(), 'fixture/program,11,')).toContain('@bob-gh approved their own pull request #11');
    expect(csvRow(changes(), 'fixture/program,13,')).toContain(`not the merged head ${head(13)}`);
    const clean = csvRow(changes(), 'fixture/program,14,');
    expect([column(clean, 'approved_before_merge'), clean.endsWith(',')]).toEqual(['yes', true]);
    const page = text('change-population.html');
    expect(page).toContain('<tr data-tags="unapproved record-problem');
    expect(page).toContain('Not counted: record-contradicts-itself');
  });

  it('does not count a self-approved policy change: the policy is not approved and the record is flagged', () => {
    expect(text('policies/security.html')).not.toContain('was approved in');
    const policies = lines('policies.csv');
    const security = policies.find((l) => l.startsWith('security,'))!.split(',');
    expect(security[policies[0]!.split(',').indexOf('approved')]).not.toBe('yes');
    expect(text('exceptions.csv')).toContain('record-contradicts-itself:fixture/program#5:security');
    expect(text('exceptions.csv')).toContain('missing-approval:security');
  });

  it('counts no record dated after the assessment date, and lists each', () => {
    const exceptions = text('exceptions.csv');
    expect(exceptions).toContain('record-after-as-of:fixture/program#7:security');
    expect(exceptions).toContain('record-after-as-of:fixture/program#15');
    expect(exceptions).toContain('record-after-as-of:fixture/program#8:access-control:alice-admin');
    expect(column(csvRow(changes(), 'fixture/program,15,'), 'approved_before_merge')).toBe('no');
    expect(lines('acknowledgments.csv').filter((l) => l.includes('2026-04-21'))).toEqual([]);
    expect(text('exceptions.html')).toContain('dated after the assessment date');
  });

  it('says plainly that the records are unsigned and not cross-checked, and which evidence branch was read', () => {
    expect(text('records.html')).toContain('6 records, none signed: their content rests on the evidence branch&#x27;s protection; run');
    expect(text('records.html')).toContain('evident evidence verify --github');
    expect(text('records.html')).not.toContain('No signature problem');
    expect(JSON.parse(text('manifest.json')).evidence_chain).toMatchObject({ ref: 'evidence', absent: false });
  });
});
