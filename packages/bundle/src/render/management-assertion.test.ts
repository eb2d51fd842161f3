import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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

describe('management-assertion.md of a period not over, with no control operating', () => {
  let repo: FixtureRepository;
  let out: string;
  const build = async (today?: string) => {
    const built = await buildBundle({ root: repo.root, outDir: await mkdtemp(path.join(out, 'b-')), toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), ...(today ? { today } : {}) });
    return (await readZipEntries(built.path)).get('management-assertion.md')!.toString('utf8');
  };

  beforeAll(async () => {
    repo = await createFixtureRepository();
    out = await mkdtemp(path.join(os.tmpdir(), 'evident-assertion-planned-'));
    const config = path.join(repo.root, 'evident.yaml');
    const hosting = '  subservice_organizations:\n    - name: Fixture Hosting\n      services: Data centres and object storage.\n      method: carve-out\n';
    await writeFile(config, (await readFile(config, 'utf8')).replace('frameworks:', `${hosting}frameworks:`));
    for (const file of await readdir(path.join(repo.root, 'controls'))) {
      const control = path.join(repo.root, 'controls', file);
      await writeFile(control, (await readFile(control, 'utf8')).replace('status: operating', 'status: planned'));
    }
    await repo.git.add('.');
    await repo.git.commit('Plan the controls and name the hosting provider');
  });

  afterAll(async () => {
    await rm(repo.root, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('says before signing that the period has not ended and no control operates, and caveats the claim of effectiveness', async () => {
    const markdown = await build();
    const before = markdown.slice(markdown.indexOf('## Before signing'));
    expect(before).toContain('**The period has not ended.** This draft was prepared on 2026-03-01, before the end of the period 2026-01-01 to 2026-06-30');
    expect(before).toContain('**No control is operating.** Every control\'s status in the repository is planned or implemented (2 planned, 0 implemented, 0 operating)');
    expect(markdown).toMatch(/3\. The controls stated in the description operated effectively throughout the period 2026-01-01 to 2026-06-30 .*\*\(Not yet true: the period had not ended on 2026-03-01/);
  });

  it('ends a sentence once after a value that ends with its own full stop', async () => {
    const markdown = await build();
    expect(markdown).toContain('for Data centres and object storage. The description indicates');
    expect(markdown).not.toContain('..');
  });

  it('drops the period caveat once the period is over, and keeps the one about controls', async () => {
    const markdown = await build('2026-07-15');
    expect(markdown).not.toContain('The period has not ended');
    expect(markdown).not.toContain('Not yet true');
    expect(markdown).toContain('**No control is operating.**');
  });
});
