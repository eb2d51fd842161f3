import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

const now = () => new Date('2026-05-20T12:00:00Z');
let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

/** Commit the working tree on main with fixed author and committer dates. */
async function commitOn(date: string, message: string): Promise<void> {
  const git = fixture.git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  await git.add('policies');
  await git.commit(message);
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  // Version 1.1 of access-control lands on 2026-04-01 still saying it took effect on 2026-01-01.
  const access = path.join(fixture.root, 'policies/access-control.md');
  await writeFile(access, (await readFile(access, 'utf8')).replace('version: "1.0"', 'version: "1.1"').replace('## Purpose', '## Purpose\n\nAdded in 1.1.'));
  await commitOn('2026-04-01T10:00:00Z', 'Access control 1.1 (#7)');
  // The security policy's text changes on 2026-05-20 and keeps its number 1.0.
  const security = path.join(fixture.root, 'policies/security.md');
  await writeFile(security, (await readFile(security, 'utf8')).replace('## Scope', '## Scope\n\nA changed sentence.'));
  await commitOn('2026-05-20T10:00:00Z', 'Reword the security policy (#8)');
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-versions-'));
  const built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('policy versions against their git history', () => {
  it('counts an acknowledgment deadline from the commit that introduced the text, not an earlier effective date', () => {
    const csv = text('exceptions.csv');
    expect(csv).toContain('missing-acknowledgment:access-control:alice-admin');
    expect(csv).toMatch(/not acknowledged policy access-control version 1\.1, due 2026-05-01/);
    expect(csv).not.toContain('due 2026-01-31');
  });

  it('lists an effective date before the commit and a changed text under the same number as exceptions', () => {
    const csv = text('exceptions.csv');
    expect(csv).toMatch(/backdated-policy-version:access-control:1\.1,backdated-policy-version,access-control,.*effective from 2026-01-01, but the commit that introduced it \([0-9a-f]{7}, policies\/access-control\.md\) reached the default branch on 2026-04-01/);
    expect(csv).toMatch(/reused-policy-version:security:1\.0,reused-policy-version,security,.*2 different texts numbered version 1\.0/);
    // The program's first commit (2026-03-01, in the period) came after the effective date its policies state too.
    expect(csv).toContain('backdated-policy-version:security:1.0');
    expect(csv).toContain('backdated-policy-version:access-control:1.0');
    const page = text('exceptions.html');
    expect(page).toContain('its text did not exist for part of the period it claims (from git history)');
    expect(page).toContain('its text changed without a new number (from git history)');
  });

  it('flags those versions in policy-versions.csv and on policy-versions.html', () => {
    const rows = text('policy-versions.csv').split('\r\n');
    expect(rows[0]).toMatch(/,frontmatter_effective_date,exceptions$/);
    expect(rows.find((r) => r.startsWith('access-control,1.1,'))).toMatch(/,2026-01-01,backdated-policy-version:access-control:1\.1$/);
    expect(rows.filter((r) => r.startsWith('security,1.0,') && r.endsWith(',2026-01-01,backdated-policy-version:security:1.0 reused-policy-version:security:1.0'))).toHaveLength(2);
    expect(rows.find((r) => r.startsWith('access-control,1.0,'))).toMatch(/,2026-01-01,backdated-policy-version:access-control:1\.0$/);
    const page = text('policy-versions.html');
    expect(page).toContain('2026-01-01 (before its commit)');
    expect(page).toContain('versions effective before their commit');
    expect(page).toContain('the frontmatter cannot be taken as when a text applied');
  });

  it('names the exceptions on each flagged version page, linked to the exceptions listing', () => {
    const v11 = text('policies/access-control/v1.1.html');
    expect(v11).toContain('<dt>Effective date stated</dt><dd>2026-01-01</dd>');
    expect(v11).toContain('<a href="../../exceptions.html#x-backdated-policy-version_access-control_1.1"><span class="state state-warn">backdated-policy-version:access-control:1.1</span></a>');
    expect(v11).toContain('earlier than the commit that first brought version 1.1 to the default branch');
    const reworded = [...entries.keys()].filter((name) => /^policies\/security\/v1\.0-[0-9a-f]{12}\.html$/.test(name));
    expect(reworded).toHaveLength(2);
    for (const name of reworded) expect(text(name)).toContain('Another text in force during the period carries the same version number 1.0');
  });
});
