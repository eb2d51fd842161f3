import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildBundle } from './build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

/**
 * The filter of the population pages in a real browser (Debian's Chromium through playwright-core),
 * under the portal's Content-Security-Policy, from file:// with nothing else reachable. A missing
 * browser fails the test (never a silent skip).
 */
const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('population pages in Chromium', () => {
  let fixture: FixtureRepository;
  let work: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(executablePath)) throw new Error(`Missing ${executablePath}: install Debian's chromium package (.ci/run does)`);
    fixture = await createFixtureRepository();
    work = await mkdtemp(path.join(os.tmpdir(), 'evident-population-filter-'));
    const built = await buildBundle({ root: fixture.root, outDir: work, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') });
    for (const [name, bytes] of await readZipEntries(built.path)) {
      await mkdir(path.dirname(path.join(work, 'site', name)), { recursive: true });
      await writeFile(path.join(work, 'site', name), bytes);
    }
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath, headless: true, args, offline: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    if (fixture) await rm(fixture.root, { recursive: true, force: true });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('filters the workforce by text and by subset, and counts what it shows', async () => {
    await page.goto(pathToFileURL(path.join(work, 'site', 'workforce.html')).href);
    const visible = () => page.locator('#population-table tbody tr:not([hidden])').count();
    await expect(visible()).resolves.toBe(2);
    await expect(page.locator('#population-count').textContent()).resolves.toBe('2 of 2 rows shown');
    await page.fill('#population-filter', 'bob');
    await expect(visible()).resolves.toBe(1);
    await expect(page.locator('#population-count').textContent()).resolves.toBe('1 of 2 rows shown');
    await page.fill('#population-filter', '');
    await page.selectOption('#population-tag', 'left');
    await expect(visible()).resolves.toBe(0);
    await page.selectOption('#population-tag', 'active-at-end');
    await expect(visible()).resolves.toBe(2);
    expect(errors).toEqual([]);
  });

  it('runs the same script on the change population and policy versions pages without a CSP violation', async () => {
    for (const file of ['change-population.html', 'policy-versions.html']) {
      await page.goto(pathToFileURL(path.join(work, 'site', file)).href);
      await expect(page.locator('#population-count').textContent()).resolves.toMatch(/^\d+ of \d+ rows shown$/);
    }
    expect(errors).toEqual([]);
  });
});
