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
 * The auditor portal in a real browser: Debian's Chromium driven by playwright-core,
 * opened from the unzipped bundle through file:// with nothing else reachable.
 * A missing browser fails the test (never a silent skip): install Debian's chromium package.
 */
const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the auditor portal in Chromium', () => {
  let fixture: FixtureRepository;
  let work: string;
  let site: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const outside: string[] = [];
  const open = (file: string) => page.goto(pathToFileURL(path.join(site, file)).href);

  beforeAll(async () => {
    if (!existsSync(executablePath)) throw new Error(`Missing ${executablePath}: install Debian's chromium package (.ci/run does)`);
    fixture = await createFixtureRepository();
    work = await mkdtemp(path.join(os.tmpdir(), 'evident-portal-'));
    const built = await buildBundle({ root: fixture.root, outDir: work, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') });
    site = path.join(work, 'site');
    for (const [name, bytes] of await readZipEntries(built.path)) {
      await mkdir(path.dirname(path.join(site, name)), { recursive: true });
      await writeFile(path.join(site, name), bytes);
    }
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath, headless: true, args, offline: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  });

  afterAll(async () => {
    await context?.close();
    if (fixture) await rm(fixture.root, { recursive: true, force: true });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('renders the scope and the criteria table', async () => {
    await open('index.html');
    await expect(page.locator('h1').textContent()).resolves.toContain('Fixture & Co');
    await expect(page.locator('#scope ~ dl').textContent()).resolves.toContain('Fixture Co runs a small hosted service');
    await expect(page.locator('#criteria-table tbody tr.criterion-row').count()).resolves.toBe(33);
    await expect(page.locator('#criteria-table tbody tr', { hasText: 'CC6.1' }).textContent()).resolves.toContain('AC-01');
  });

  it('navigates from a criterion to its control, to the policy and its approval', async () => {
    await open('index.html');
    await page.locator('#criteria-table a', { hasText: /^CC6\.1$/ }).click();
    await page.waitForURL(/criteria\/CC6\.1\.html$/);
    await page.locator('main a', { hasText: /^AC-01$/ }).first().click();
    await page.waitForURL(/controls\/AC-01\.html$/);
    await expect(page.locator('main h1').textContent()).resolves.toBe('AC-01 Quarterly access review');
    await page.locator('dl.facts a', { hasText: /^access-control$/ }).click();
    await page.waitForURL(/policies\/access-control\.html$/);
    const approval = page.locator('#approval');
    await expect(approval.isVisible()).resolves.toBe(true);
    await expect(approval.textContent()).resolves.toContain('pull request #1');
    await expect(approval.textContent()).resolves.toContain('bob-builder');
  });

  it('finds a control with the search box', async () => {
    await open('index.html');
    await page.locator('#search').fill('access review');
    const result = page.locator('#search-results a', { hasText: 'AC-01' });
    await expect(result.textContent()).resolves.toBe('AC-01: Quarterly access review');
    await result.click();
    await page.waitForURL(/controls\/AC-01\.html$/);
  });

  it('runs nothing a policy smuggles in: no script, no event handler, no javascript: link', async () => {
    await open('policies/access-control.html');
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('.policy-body script, .policy-body img, .policy-body [onerror]').count()).resolves.toBe(0);
    await expect(page.locator('.policy-body a[href^="javascript:" i]').count()).resolves.toBe(0);
    await expect(page.locator('.policy-body').textContent()).resolves.toContain('Ask Alice Admin for help.');
  });

  it('loads nothing from outside the bundle and logs no error on any page', async () => {
    for (const file of ['index.html', 'controls.html', 'policies.html', 'evidence.html', 'exceptions.html', 'policy-history.html', 'records.html', 'criteria/CC8.1.html', 'controls/CM-01.html', 'policies/security.html']) await open(file);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
