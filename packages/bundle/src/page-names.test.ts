import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle, type BuiltBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';
import { verifyBundle } from './verify/verify-bundle.js';

let fixture: FixtureRepository;
let out: string;
let built: BuiltBundle;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
/** Top-level pages and files an HTML page links to (no folders, anchors or external addresses). */
const links = (html: string) => [...html.matchAll(/href="([^"#:/]+\.(?:html|csv|md))"/g)].map((m) => m[1]!);

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-names-'));
  built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('page and CSV names', () => {
  it('names each listing and its CSV alike: policy-history.html and .csv, change-population.html and .csv', () => {
    for (const name of ['policy-history.html', 'policy-history.csv', 'change-population.html', 'change-population.csv']) expect(entries.has(name)).toBe(true);
    expect(entries.has('changes.html')).toBe(false);
    expect(entries.has('changes.csv')).toBe(false);
    expect(text('policy-history.html')).toContain('<h1>Policy changes in the period</h1>');
    expect(text('policy-history.html')).toContain('also in policy-history.csv');
    expect(text('change-population.html')).toContain('The same list is in change-population.csv.');
    expect(text('README.txt')).toContain('change-population.csv/.html');
    expect(text('README.txt')).not.toMatch(/changes\.(csv|html)/);
  });

  it('links only to files the bundle holds, from the navigation and the overview', () => {
    const named = [...links(text('index.html')), ...links(text('controls.html'))];
    expect(named).toEqual(expect.arrayContaining(['policy-history.html', 'change-population.html']));
    for (const name of new Set(named)) expect([name, entries.has(name)]).toEqual([name, true]);
  });

  it('verifies as built', async () => {
    const result = await verifyBundle(built.path);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
  });
});
