import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';

let fixture: FixtureRepository;
let dir: string;
let page: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-assertion-'));
  const built = await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') });
  page = (await readZipEntries(built.path)).get('management-assertion.html')!.toString('utf8');
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('management-assertion.html in a built bundle', () => {
  it('has one <h1>, its title, like every other page, with the draft’s own headings below it', () => {
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('<h1>Management&#x27;s assertion (draft)</h1>\n<p class="muted no-print">Draft for management');
    expect(page).toContain("<h2>Management's assertion of Fixture &#x26; Co</h2>");
  });
});
