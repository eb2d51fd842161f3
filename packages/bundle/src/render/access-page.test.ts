import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type AccessSnapshotSubject, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';

let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
const lines = (name: string) => text(name).split('\r\n').filter(Boolean);

function git(args: string[], at: string): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: fixture.root, env, encoding: 'utf8' }).trim();
}

const snapshot = (extra: Partial<AccessSnapshotSubject>): AccessSnapshotSubject => ({
  organization: 'fixture',
  two_factor_requirement_enabled: true,
  members: [],
  outside_collaborators: [],
  teams: [],
  pending_invitations: [],
  repositories: [],
  limitations: [],
  ...extra,
});

/** Append a sealed access-snapshot record to the evidence branch, recorded at `at`. */
async function recordSnapshot(id: string, at: string, subject: AccessSnapshotSubject): Promise<string> {
  const root = fixture.root;
  git(['checkout', '-q', 'evidence'], at);
  const last = JSON.parse(await readFile(path.join(root, execFileSync('git', ['ls-files', 'records'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort().at(-1)!), 'utf8')) as EvidenceRecord;
  const unsealed: UnsealedRecord = { schema_version: 1, id, kind: 'access-snapshot', repository: 'fixture/program', recorded_at: at, subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: at, api_calls: [] } };
  const record = sealRecord(unsealed, last);
  await writeFile(path.join(root, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
  git(['add', 'records'], at);
  git(['commit', '-q', '-m', `Record ${id}`], at);
  git(['checkout', '-q', 'main'], at);
  return recordFileName(record);
}

let latest: string;
beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-access-out-'));
  await appendFile(path.join(fixture.root, 'evident.yaml'), 'access:\n  admin_roles: [security-officer]\n');
  git(['commit', '-q', '-am', 'Admin roles'], '2026-03-01T10:00:00Z');
  // An earlier snapshot of the period shows an account the later one no longer lists: its exception stays.
  await recordSnapshot('access-snapshot/fixture/2026-03-03', '2026-03-03T06:17:00Z', snapshot({ members: [{ login: 'old-contractor', role: 'member', two_factor_disabled: false }] }));
  latest = await recordSnapshot(
    'access-snapshot/fixture/2026-04-03',
    '2026-04-03T06:17:00Z',
    snapshot({
      members: [
        { login: 'alice-gh', role: 'admin', two_factor_disabled: false },
        { login: 'bob-gh', role: 'member', two_factor_disabled: true },
      ],
      outside_collaborators: ['vendor-gh'],
      teams: [{ slug: 'engineering', name: 'Engineering', members: ['bob-gh'] }],
      repositories: [{ repository: 'fixture/program', collaborators: [{ login: 'alice-gh', permission: 'admin' }, { login: 'bob-gh', permission: 'admin' }, { login: 'vendor-gh', permission: 'read' }], deploy_keys: [] }],
      limitations: [{ scope: 'invitations', status: 403, detail: 'pending invitations not visible to this token (HTTP 403)' }],
    }),
  );
  const built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), release: 'v1.0.0' });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('access.csv and access.html in the bundle', () => {
  it('lists every account of the latest snapshot of the period, with what the roster does not explain', () => {
    expect(lines('access.csv')).toEqual([
      'login,person,name,roster,roles,teams,organization_role,repository_permissions,two_factor,findings,snapshot_date,record',
      `alice-gh,alice-admin,Alice Admin,active,security-officer,,admin,fixture/program: admin,enabled,,2026-04-03,${latest}`,
      `bob-gh,bob-builder,Bob Builder,active,engineer,engineering,member,fixture/program: admin,disabled,no-two-factor unjustified-admin,2026-04-03,${latest}`,
      `vendor-gh,,,not on the roster,,,outside collaborator,fixture/program: read,,unknown-account,2026-04-03,${latest}`,
    ]);
  });

  it('renders the page with its counts, filter and the token limitations, linked from the navigation', () => {
    const page = text('access.html');
    expect(page).toContain('<h1>Access</h1>');
    expect(page).toContain('taken on 2026-04-03');
    expect(page).toContain('@vendor-gh');
    expect(page).toContain('no two-factor authentication; admin without an admin role');
    expect(page).toContain('pending invitations not visible to this token (HTTP 403)');
    expect(text('index.html')).toContain('<a href="access.html">Access</a>');
  });

  it('keeps the access exceptions of the whole period in exceptions.csv', () => {
    const csv = text('exceptions.csv');
    for (const id of ['access-unknown-account:fixture:old-contractor', 'access-unknown-account:fixture:vendor-gh', 'access-unjustified-admin:fixture:bob-gh', 'access-no-two-factor:fixture:bob-gh']) expect(csv).toContain(id);
  });
});
