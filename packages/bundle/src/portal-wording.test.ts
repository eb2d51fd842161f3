import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

let fixture: FixtureRepository;
let out: string;
const now = () => new Date('2026-05-15T00:00:00Z');

/** The text of `name` in a bundle of the fixture assessed as of `today` (its commit's date, 2026-03-01, when absent). */
async function page(name: string, today?: string): Promise<string> {
  const built = await buildBundle({ root: fixture.root, outDir: await mkdtemp(path.join(out, 'b-')), toolVersion: '0.1.0', now, ...(today ? { today } : {}) });
  return (await readZipEntries(built.path)).get(name)!.toString('utf8');
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-wording-'));
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('the portal’s wording', () => {
  it('names the report SOC 2 Type II, as the documentation does', async () => {
    const index = await page('index.html');
    expect(index).toContain('SOC 2 Type II evidence bundle</h1>');
    expect(index).toContain('<dt>Report</dt><dd>SOC 2 Type II, 2026-01-01 to 2026-06-30</dd>');
    expect(index).not.toContain('Type 2');
  });

  it('counts people active at the end of a period not yet over as the roster stands on the assessment date', async () => {
    const workforce = await page('workforce.html');
    expect(workforce).toContain('active at the end of the period (2026-06-30), as the roster stands on 2026-03-01');
    expect(workforce).not.toContain('active on 2026-06-30');
  });

  it('counts people active on the last day once the period is over', async () => {
    const workforce = await page('workforce.html', '2026-07-10');
    expect(workforce).toContain('active on 2026-06-30');
    expect(workforce).not.toContain('as the roster stands on');
  });
});
