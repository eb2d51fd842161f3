import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, copyOfFixture, removeTemporary } from '../test-support/capture-run.js';

afterEach(removeTemporary);

function git(root: string, args: string[], at: string): void {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_AUTHOR_NAME: 'Author', GIT_AUTHOR_EMAIL: 'author@example.com', GIT_AUTHOR_DATE: at, GIT_COMMITTER_NAME: 'Author', GIT_COMMITTER_EMAIL: 'author@example.com', GIT_COMMITTER_DATE: at };
  execFileSync('git', args, { cwd: root, env });
}

/**
 * The type2 fixture in a git repository with an event-driven control HR-09, and a population of its
 * hires committed on 2026-08-10, before its period ends: its metadata states a `collected_at` after the
 * period, which `evident check` accepts, but the commit shows the date is false (later events would
 * otherwise need no evidence).
 */
async function populationListedEarly() {
  const root = await copyOfFixture('type2-readiness', 'not-ok');
  const log = await readFile(path.join(root, 'controls/LOG-01.md'), 'utf8');
  await writeFile(path.join(root, 'controls/HR-09.md'), log.replace('id: LOG-01', 'id: HR-09').replace('frequency: monthly', 'frequency: event').replace('# Monthly review', '# Background checks'));
  git(root, ['init', '-q', '--initial-branch=main'], '2026-07-01T10:00:00Z');
  git(root, ['config', 'commit.gpgsign', 'false'], '2026-07-01T10:00:00Z');
  git(root, ['add', '-A', '.', ':(exclude)evidence'], '2026-07-01T10:00:00Z');
  git(root, ['commit', '-q', '-m', 'The compliance program'], '2026-07-01T10:00:00Z');
  const content = 'hire,date\nhire-014,2026-08-03\n';
  const folder = path.join(root, 'evidence/HR-09/2026-07..2026-12');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'hires.csv'), content);
  await writeFile(
    path.join(folder, 'hires.csv.evidence.yaml'),
    `controls: [HR-09]\ncovers: 2026-07..2026-12\ncollected_at: 2027-01-05\ncollected_by: ada-lovelace\nsource: HR system export\nsha256: ${createHash('sha256').update(content).digest('hex')}\nevents:\n  - id: hire-014\n    date: 2026-08-03\n`,
  );
  git(root, ['add', 'evidence/HR-09'], '2026-08-10T10:00:00Z');
  git(root, ['commit', '-q', '-m', 'The hires so far'], '2026-08-10T10:00:00Z');
  // The fixture's own evidence, committed on the assessment date: no later than the dates it states.
  git(root, ['add', 'evidence'], '2027-01-20T10:00:00Z');
  git(root, ['commit', '-q', '-m', 'The evidence of the period'], '2027-01-20T10:00:00Z');
  return root;
}

describe('evident status and a collected_at later than its commit', () => {
  it('lists collected-after-commit and counts the population as missing, as the bundle does', async () => {
    const root = await populationListedEarly();
    const check = await capture(['check', '--now', '2027-01-20'], { cwd: root });
    expect(check.stdout).not.toContain('hires.csv.evidence.yaml');
    const status = JSON.parse((await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root })).stdout);
    const occurrences = status.controls.find((c: { id: string }) => c.id === 'HR-09').occurrences;
    expect(occurrences.map((o: { label: string; state: string }) => `${o.label} ${o.state}`)).toEqual(['population missing']);
    const found = status.exceptions.filter((e: { kind: string }) => e.kind === 'collected-after-commit');
    expect(found).toEqual([
      expect.objectContaining({
        id: 'collected-after-commit:evidence/HR-09/2026-07..2026-12/hires.csv',
        detail: expect.stringMatching(/^Evidence evidence\/HR-09\/2026-07\.\.2026-12\/hires\.csv says it was collected at 2027-01-05, but the commit that added its metadata \([0-9a-f]{7}, evidence\/HR-09\/2026-07\.\.2026-12\/hires\.csv\.evidence\.yaml\) reached the default branch on 2026-08-10 \(UTC\)/),
      }),
    ]);
  });
});
