import { recordFileName, sealRecord, sha256Hex, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit, type SimpleGit } from 'simple-git';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const sections = (names: string[]) => names.map((n) => `## ${n}\n\nText of ${n.toLowerCase()} for {{organization.name}}.\n`).join('\n');
const policySections = ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'];

export const HOSTILE_MARKDOWN = [
  'Ask {{security_officer.name}} for help.',
  '',
  '<script>window.__pwned=1</script>',
  '',
  '<img src="x" onerror="window.__pwned=2">',
  '',
  '[click me](javascript:alert(1)) and [the security policy](security.md) and ![logo](https://example.com/logo.png)',
  '',
].join('\n');

const policy = (id: string, title: string, criteria: string[], extra = '') => `---
id: ${id}
title: ${title}
version: "1.0"
status: approved
owner: alice-admin
approvers: [bob-builder]
effective_date: 2026-01-01
review:
  cadence: annually
  last_reviewed: 2025-12-15
  next_review: 2026-12-15
criteria: [${criteria.join(', ')}]
acknowledgment:
  audience: [everyone]
  within_days: 30
---

# ${title}

${extra}
${sections(policySections)}`;

const control = (id: string, title: string, criteria: string[], policies: string[], frequency: string) => `---
id: ${id}
title: ${title}
owner: alice-admin
criteria: [${criteria.join(', ')}]
policies: [${policies.join(', ')}]
status: operating
frequency: ${frequency}
evidence:
  - description: Signed review record
    collection: manual
    source: Identity provider export
---

# ${title}

${sections(['Description', 'Test procedure'])}`;

const config = `organization:
  name: Fixture & Co
  security_officer: alice-admin
  description: Fixture Co runs a small hosted service for tests.
  systems:
    - name: Fixture production
      description: The web application and its database.
      components: [web app, database]
  commitments:
    - Data is encrypted in transit.
frameworks:
  - id: soc2
    categories: [security]
audit:
  type: type2
  period:
    start: 2026-01-01
    end: 2026-06-30
  auditor: Example Audit LLP
evidence:
  branch: evidence
`;

const people = `people:
  - id: alice-admin
    name: Alice Admin
    github: alice-gh
    email: alice@example.com
    roles: [security-officer]
    start_date: 2024-01-01
  - id: bob-builder
    name: Bob Builder
    github: bob-gh
    email: bob@example.com
    roles: [engineer]
    start_date: 2024-01-01
`;

/** Deterministic bytes: a simple generator, so fixtures never depend on the clock or randomness. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const metadata = (controls: string[], covers: string, sha256: string, source = 'Identity provider export') => `controls: [${controls.join(', ')}]
covers: ${covers}
collected_at: 2026-04-02
collected_by: alice-admin
source: ${JSON.stringify(source)}
sha256: ${sha256}
`;

export interface FixtureRepository {
  root: string;
  git: SimpleGit;
  /** SHA-256 of policies/access-control.md as committed. */
  accessControlSha256: string;
}

const dates = { GIT_AUTHOR_DATE: '2026-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-01T10:00:00Z' };

/**
 * A small real repository in a temporary folder: evident.yaml, roster, catalog, two
 * policies (one with hostile Markdown), two controls, evidence in and out of the
 * period, a management response, a git history and an evidence branch with an
 * approval and an acknowledgment record. Commit dates are fixed. The evidence items say they were
 * collected on 2026-04-02, after the program's commit (2026-03-01) that adds them: the bundle lists them
 * as `collected-after-commit` unless `evidenceCommittedAt` commits them apart, at that date, after it.
 */
export async function createFixtureRepository(options: { evidenceCommittedAt?: string } = {}): Promise<FixtureRepository> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-fixture-'));
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  };
  await write('evident.yaml', config);
  await write('people.yaml', people);
  await write('frameworks/soc2/criteria.yaml', await readFile(path.join(repoRoot, 'frameworks/soc2/criteria.yaml')));
  await write('policies/access-control.md', policy('access-control', 'Access Control Policy', ['CC6.1', 'CC6.2'], HOSTILE_MARKDOWN));
  await write('policies/security.md', policy('security', 'Information Security Policy', ['CC1.1']));
  await write('controls/AC-01.md', control('AC-01', 'Quarterly access review', ['CC6.1', 'CC6.2'], ['access-control'], 'quarterly'));
  await write('controls/CM-01.md', control('CM-01', 'Change approval', ['CC8.1'], ['security'], 'continuous'));
  const review = Buffer.from('account,decision\nalice,keep\nbob,keep\n');
  await write('evidence/AC-01/2026-Q1/access-review.csv', review);
  await write('evidence/AC-01/2026-Q1/access-review.csv.evidence.yaml', metadata(['AC-01'], '2026-Q1', sha256Hex(review), '=HYPERLINK("https://example.com"), exported by IT'));
  const screenshot = pseudoRandomBytes(200_000, 7);
  await write('evidence/AC-01/2026-Q2/screenshot.png', screenshot);
  await write('evidence/AC-01/2026-Q2/screenshot.png.evidence.yaml', metadata(['AC-01'], '2026-Q2', sha256Hex(screenshot)));
  const old = Buffer.from('account,decision\ncarol,remove\n');
  await write('evidence/AC-01/2025-Q4/access-review.csv', old);
  await write('evidence/AC-01/2025-Q4/access-review.csv.evidence.yaml', metadata(['AC-01'], '2025-Q4', sha256Hex(old)));
  await write('exceptions/uncovered-criterion_CC1.2.yaml', 'response: The board charter is being written and will be adopted in Q3.\nowner: alice-admin\ntarget_date: 2026-09-30\n');

  const git = simpleGit({ baseDir: root, allowEnvironment: ['GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE'] }).env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, ...dates });
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'Fixture Author');
  await git.addConfig('user.email', 'author@example.com');
  await git.addConfig('commit.gpgsign', 'false');
  await git.add(options.evidenceCommittedAt ? ['.', ':(exclude)evidence'] : '.');
  await git.commit('Add the compliance program (#1)');
  const head = (await git.revparse(['HEAD'])).trim();
  if (options.evidenceCommittedAt) {
    const at = options.evidenceCommittedAt;
    // simple-git keeps the environment it is given: set back to the fixed dates after this commit.
    await git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at }).add('evidence');
    await git.commit('Add the access reviews collected so far');
    git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, ...dates });
  }
  const accessControlSha256 = sha256Hex(await readFile(path.join(root, 'policies/access-control.md')));

  await git.raw(['checkout', '--orphan', 'evidence']);
  await git.raw(['rm', '-rf', '--quiet', '.']);
  const records = evidenceRecords(head, accessControlSha256);
  for (const record of records) await write(recordFileName(record), `${JSON.stringify(record, null, 2)}\n`);
  await git.add('records');
  await git.commit('Record approvals and acknowledgments');
  await git.raw(['checkout', '--quiet', 'main']);
  return { root, git, accessControlSha256 };
}

/** The evidence records the fixture commits to its evidence branch (deterministic: the same for the same commit and hash). */
export function evidenceRecords(commit: string, sha256: string): EvidenceRecord[] {
  const pullRequest = { number: 1, url: 'https://github.com/fixture/program/pull/1', title: 'Add the compliance program', author: 'alice-gh', head_sha: commit, merge_commit_sha: commit, merged_at: '2026-03-01T10:00:00Z', merged_by: 'alice-gh' };
  const review = (reviewer: string, person: string, id: number) => ({ reviewer, person, review_id: id, state: 'APPROVED', submitted_at: '2026-03-01T09:00:00Z', commit_id: commit });
  const provenance = { tool: 'evident' as const, tool_version: '0.1.0', fetched_at: '2026-03-01T10:05:00Z', api_calls: [] };
  const version = { id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit, sha256 };
  const unsealed: UnsealedRecord[] = [
    { schema_version: 1, id: 'policy-approval/fixture/program/1', kind: 'policy-approval', repository: 'fixture/program', recorded_at: '2026-03-01T10:05:00Z', subject: { pull_request: pullRequest, policies: [{ ...version, change: 'added', required_approvers: ['bob-builder'], approvals: [review('bob-gh', 'bob-builder', 11)], approved: true }] }, provenance },
    { schema_version: 1, id: 'policy-acknowledgment/fixture/program/2', kind: 'policy-acknowledgment', repository: 'fixture/program', recorded_at: '2026-03-02T10:05:00Z', subject: { pull_request: { ...pullRequest, number: 2, url: 'https://github.com/fixture/program/pull/2' }, policies: [version], acknowledgments: [review('alice-gh', 'alice-admin', 21), review('bob-gh', 'bob-builder', 22)] }, provenance },
  ];
  const out: EvidenceRecord[] = [];
  for (const record of unsealed) out.push(sealRecord(record, out.at(-1)));
  return out;
}

/**
 * Version 1.1 of access-control, committed to the fixture's default branch on 2026-04-01 while its
 * frontmatter still says it took effect on 2026-01-01: git history and frontmatter then date its
 * acknowledgments differently (deadlines 2026-05-01 and 2026-01-31).
 */
export async function commitBackdatedAccessControl(fixture: FixtureRepository): Promise<void> {
  const access = path.join(fixture.root, 'policies/access-control.md');
  await writeFile(access, (await readFile(access, 'utf8')).replace('version: "1.0"', 'version: "1.1"').replace('## Purpose', '## Purpose\n\nAdded in 1.1.'));
  const date = '2026-04-01T10:00:00Z';
  await fixture.git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }).add('policies').commit('Access control 1.1 (#7)');
}
