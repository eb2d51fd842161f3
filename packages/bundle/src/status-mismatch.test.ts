import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

beforeAll(async () => {
  // The access reviews are committed on the day they say they were collected, so their dates stand and they count.
  fixture = await createFixtureRepository({ evidenceCommittedAt: '2026-04-02T10:00:00Z' });
  // AC-01 is only planned, yet its 2026-Q1 access review is in the repository and meets that quarter.
  const control = path.join(fixture.root, 'controls/AC-01.md');
  await writeFile(control, (await readFile(control, 'utf8')).replace('status: operating', 'status: planned'));
  await fixture.git.add('controls');
  await fixture.git.commit('Mark the access review as planned');
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-status-'));
  const built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), today: '2026-07-20' });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('a control declared planned whose occurrences count as met', () => {
  it('says so on its page, and still counts the occurrences (ADR 5)', () => {
    const page = text('controls/AC-01.html');
    expect(page).toContain('<span class="state state-planned">planned</span><br><span class="state state-warn" id="status-mismatch">Declared planned, not operating, yet 2 occurrences in the period count as met');
    expect(page.match(/data-state="met"/g)).toHaveLength(2);
    expect(text('controls/CM-01.html')).not.toContain('status-mismatch');
  });

  it('gives controls.csv the occurrences met and the mismatch', () => {
    const rows = text('controls.csv').split('\r\n');
    expect(rows[0]).toMatch(/,file,occurrences_met,status_note$/);
    expect(rows.find((r) => r.startsWith('AC-01,'))).toMatch(/,controls\/AC-01\.md,2,"Declared planned, not operating, yet 2 occurrences in the period count as met: /);
    expect(rows.find((r) => r.startsWith('CM-01,'))).toMatch(/,controls\/CM-01\.md,\d+,$/);
  });
});
