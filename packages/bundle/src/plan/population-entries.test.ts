import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';

const now = () => new Date('2026-05-15T00:00:00Z');
let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
const lines = (name: string) => text(name).split('\r\n').filter(Boolean);

function git(args: string[], at: string): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: fixture.root, env, encoding: 'utf8' }).trim();
}

const pull = (number: number, extra: Record<string, unknown>) => ({
  number,
  url: `https://github.com/fixture/program/pull/${number}`,
  title: `Change ${number}`,
  author: 'bob-gh',
  head_sha: `${number}`.padStart(40, 'a'),
  merge_commit_sha: `${number}`.padStart(40, 'c'),
  merged_at: '2026-04-10T10:00:00Z',
  merged_by: 'alice-gh',
  base: 'main',
  author_person: 'bob-builder',
  ...extra,
});
const review = (state: string, at: string, number: number) => ({ reviewer: 'alice-gh', person: 'alice-admin', review_id: number * 10, state, submitted_at: at, commit_id: `${number}`.padStart(40, 'a') });

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-populations-out-'));
  const root = fixture.root;
  // The roster with reporting lines and a leaver; CM-01 evidenced by the change population; a second version of the security policy.
  await writeFile(path.join(root, 'people.yaml'), `${await readFile(path.join(root, 'people.yaml'), 'utf8')}    manager: alice-admin\n  - id: carol-former\n    name: Carol Former\n    github: carol-gh\n    email: carol@example.com\n    roles: [engineer]\n    start_date: 2024-05-01\n    end_date: 2026-02-15\n    manager: alice-admin\n`);
  const cm = path.join(root, 'controls/CM-01.md');
  await writeFile(cm, (await readFile(cm, 'utf8')).replace('source: Identity provider export', 'source: evident:change-population'));
  const security = path.join(root, 'policies/security.md');
  await writeFile(security, (await readFile(security, 'utf8')).replace('version: "1.0"', 'version: "1.1"'));
  git(['add', '.'], '2026-04-01T10:00:00Z');
  git(['commit', '-q', '-m', 'Security policy 1.1, reporting lines, change population as evidence (#3)'], '2026-04-01T10:00:00Z');

  git(['checkout', '-q', 'evidence'], '2026-04-20T10:00:00Z');
  const last = JSON.parse(await readFile(path.join(root, execFileSync('git', ['ls-files', 'records'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort().at(-1)!), 'utf8')) as EvidenceRecord;
  const unsealed: UnsealedRecord = {
    schema_version: 1,
    id: 'change-population/fixture/program/2026-04-01..2026-04-30/0123456789ab',
    kind: 'change-population',
    repository: 'fixture/program',
    recorded_at: '2026-05-01T06:00:00Z',
    subject: {
      period: { start: '2026-04-01', end: '2026-04-30' },
      pull_requests: [
        pull(20, { title: 'Rotate keys (OPS-9)', reviews: [review('APPROVED', '2026-04-10T09:00:00Z', 20)], approved_by: ['alice-gh'], merged_without_approval: false, reviews_after_merge: [review('CHANGES_REQUESTED', '2026-04-11T09:00:00Z', 20)], status_checks: { readable: true, required: ['tests'], results: [{ name: 'tests', kind: 'check-run', conclusion: 'success' }] }, bypass: { bypassed: false, reasons: [] }, references: ['OPS-9', '#12'] }),
        pull(21, { merged_at: '2026-04-12T10:00:00Z', reviews: [], approved_by: [], merged_without_approval: true, reviews_after_merge: [], status_checks: { readable: true, required: ['tests'], results: [{ name: 'tests', kind: 'check-run', conclusion: 'failure' }] }, bypass: { bypassed: true, reasons: ['approvals: 0 of 1 required', 'required check `tests`: failure'] }, references: [] }),
        pull(22, { merged_at: '2026-07-02T10:00:00Z', reviews: [], approved_by: [], merged_without_approval: true }),
      ],
      totals: { merged: 3, merged_without_approval: 2, bypassed: 1 },
    },
    provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-05-01T06:00:00Z', api_calls: [] },
  };
  const record = sealRecord(unsealed, last);
  await writeFile(path.join(root, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
  git(['add', 'records'], '2026-05-01T06:00:00Z');
  git(['commit', '-q', '-m', 'Record the change population'], '2026-05-01T06:00:00Z');
  git(['checkout', '-q', 'main'], '2026-05-01T06:00:00Z');

  // Assessed after the April merges: a merge after the assessment date would not be counted.
  const built = await buildBundle({ root, outDir: path.join(out, 'a'), toolVersion: '0.1.0', now, today: '2026-05-15', release: 'v1.0.0' });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('population entries of the bundle', () => {
  it('writes workforce.csv from the roster, with teams, manager and dates', () => {
    expect(lines('workforce.csv')).toEqual([
      'id,name,login,email,roles,teams,manager,manager_name,start,end,in_period',
      'alice-admin,Alice Admin,alice-gh,alice@example.com,security-officer,,,,2024-01-01,,active-at-end',
      'bob-builder,Bob Builder,bob-gh,bob@example.com,engineer,,alice-admin,Alice Admin,2024-01-01,,active-at-end',
      'carol-former,Carol Former,carol-gh,carol@example.com,engineer,,alice-admin,Alice Admin,2024-05-01,2026-02-15,left',
    ]);
    const page = text('workforce.html');
    expect(page).toContain('<tr data-tags="left">');
    expect(page).toContain('<div class="n">1</div><div class="muted">left in the period</div>');
    expect(page).toContain('id="population-filter"');
  });

  it('writes change-population.csv from the change-population records: approvals before the merge, checks, bypass and tickets', () => {
    const rows = lines('change-population.csv');
    expect(rows[0]).toBe('repository,number,title,url,author,author_person,merged_by,merged_at,merge_commit_sha,head_sha,approved_before_merge,approvals_before_merge,reviews_after_merge,review_cutoff,required_checks,check_results,checks_readable,rules_bypassed,bypass_reasons,references,record,record_problems');
    expect(rows).toHaveLength(3); // the pull request merged after the period is left out
    expect(rows[1]).toBe(
      `fixture/program,20,Rotate keys (OPS-9),https://github.com/fixture/program/pull/20,bob-gh,bob-builder,alice-gh,2026-04-10T10:00:00Z,${'20'.padStart(40, 'c')},${'20'.padStart(40, 'a')},yes,alice-gh 2026-04-10T09:00:00Z ${'20'.padStart(40, 'a')},alice-gh 2026-04-11T09:00:00Z ${'20'.padStart(40, 'a')} CHANGES_REQUESTED,merged_at,tests,tests=success,yes,no,,OPS-9 #12,records/000003-change-population-fixture-program-2026-04-01..2026-04-30-0123456789ab.json,`,
    );
    expect(rows[2]).toContain(',no,,,merged_at,tests,tests=failure,yes,yes,approvals: 0 of 1 required | required check `tests`: failure,,');
    const page = text('change-population.html');
    expect(page).toContain('<tr data-tags="unapproved bypassed checks-failing no-ticket">');
    expect(page).toContain('<div class="n">2</div><div class="muted">pull requests merged</div>');
    // The filter runs as the portal's one inline script, admitted by its hash and nothing else.
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(script).toContain("getElementById('population-table')");
    expect(page).toContain(`script-src &#x27;sha256-${createHash('sha256').update(script, 'utf8').digest('base64').replace(/=/g, '&#x3D;')}&#x27;;`);
    expect(page).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\/(?!github\.com\/fixture)/);
  });

  it('shows the records of a record-backed control as its evidence', () => {
    const page = text('controls/CM-01.html');
    expect(page).toContain('href="../evidence-records/records/000003-change-population-fixture-program-2026-04-01..2026-04-30-0123456789ab.json"');
    expect(page).toContain('fixture/program 2026-04-01 to 2026-04-30: 3 pull requests merged');
    expect(page).not.toContain('No evidence file for this control in the period.');
  });

  it('carries every policy version in force in the period: text, Markdown byte for byte, hash, dates, pull request and approvers', () => {
    expect(lines('policy-versions.csv')[0]).toBe('policy,version,title,status,effective_from,effective_to,content_sha256,commit,file,pr,approved_by,approval_records,page,markdown,frontmatter_effective_date,exceptions');
    const rows = lines('policy-versions.csv').slice(1).map((r) => r.split(','));
    expect(rows.map((r) => [r[0], r[1], r[4]!.slice(0, 10), r[5]!.slice(0, 10), r[9], r[10], r[12]])).toEqual([
      ['access-control', '1.0', '2026-03-01', '', '1', 'bob-builder', 'policies/access-control/v1.0.html'],
      ['security', '1.0', '2026-03-01', '2026-04-01', '1', '', 'policies/security/v1.0.html'],
      ['security', '1.1', '2026-04-01', '', '3', '', 'policies/security/v1.1.html'],
    ]);
    const committed = (rev: string) => execFileSync('git', ['show', `${rev}:policies/security.md`], { cwd: fixture.root });
    expect(entries.get('policies/security/v1.0.md')).toEqual(committed('HEAD~1'));
    expect(entries.get('policies/security/v1.1.md')).toEqual(committed('HEAD'));
    expect(entries.get('policies/access-control/v1.0.md')!.toString('utf8')).toBe(text('policies/access-control.md'));
    // The policy's own page lists and links each version in force.
    const current = text('policies/security.html');
    expect(current).toContain('<h2>Versions in force during the audit period</h2>');
    expect(current).toContain('<tr><td>1.0</td><td>2026-03-01</td><td>2026-04-01</td><td>#1</td>');
    expect(current).toContain('<a href="../policies/security/v1.0.html">version 1.0</a> · <a href="../policies/security/v1.0.md">Markdown</a>');
    expect(current).toContain('<tr><td>1.1</td><td>2026-04-01</td><td><span class="muted">still in force</span></td><td>#3</td>');
    const page = text('policies/security/v1.0.html');
    expect(page).toContain('from 2026-03-01T10:00:00+00:00 to 2026-04-01T10:00:00+00:00');
    expect(page).toContain('Purpose</h');
    expect(page).toContain('Text of purpose for Fixture');
    expect(page).toContain('href="../../policies/security.html"');
    expect(text('policies/access-control/v1.0.html')).toContain('bob-builder');
  });
});
