import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, copyOfFixture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

/** The type2 fixture with an event-driven control HR-09, and a population export to add. */
async function setup() {
  const root = await copyOfFixture('type2-readiness', 'not-ok');
  const log = await readFile(path.join(root, 'controls/LOG-01.md'), 'utf8');
  await writeFile(path.join(root, 'controls/HR-09.md'), log.replace('id: LOG-01', 'id: HR-09').replace('frequency: monthly', 'frequency: event').replace('# Monthly review', '# Background checks'));
  const content = 'hire,date\nhire-014,2026-08-03\n';
  const file = path.join(await temporaryDirectory(), 'hires.csv');
  await writeFile(file, content);
  return { root, file, sha256: createHash('sha256').update(content).digest('hex') };
}

describe('a population listed before its period is over', () => {
  it('is refused by evident evidence add --events with exit 2, writing nothing', async () => {
    const { root, file } = await setup();
    const run = await capture(['evidence', 'add', file, '--control', 'HR-09', '--covers', '2026-07..2026-12', '--by', 'ada-lovelace', '--now', '2026-08-10', '--events', 'hire-014=2026-08-03'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected --events with --covers `2026-07..2026-12` ending on 2026-12-31, after today (2026-08-10), expected a population listed once its period is over');
    expect(existsSync(path.join(root, 'evidence/HR-09'))).toBe(false);
  });

  it('is reported by evident check at collected_at, and meets no population in evident status', async () => {
    const { root, file, sha256 } = await setup();
    const folder = path.join(root, 'evidence/HR-09/2026-07..2026-12');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'hires.csv'), await readFile(file));
    await writeFile(
      path.join(folder, 'hires.csv.evidence.yaml'),
      `controls: [HR-09]\ncovers: 2026-07..2026-12\ncollected_at: 2026-08-10\ncollected_by: ada-lovelace\nsource: HR system export\nsha256: ${sha256}\nevents:\n  - id: hire-014\n    date: 2026-08-03\n`,
    );
    const check = await capture(['check', '--now', '2027-01-20'], { cwd: root });
    expect(check.stdout).toContain('evidence/HR-09/2026-07..2026-12/hires.csv.evidence.yaml:3:15');
    expect(check.stdout).toContain('before the end of the covered period (2026-07-01 to 2026-12-31) for a population');
    const status = JSON.parse((await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root })).stdout);
    const occurrences = status.controls.find((c: { id: string }) => c.id === 'HR-09').occurrences;
    expect(occurrences.map((o: { label: string; state: string }) => `${o.label} ${o.state}`)).toEqual(['population missing']);
  });
});
