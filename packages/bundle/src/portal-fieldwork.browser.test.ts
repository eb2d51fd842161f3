import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { plainStyle, recordFileName } from '@evident/core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildBundle } from './build-bundle.js';
import { createFieldworkRepository, FIELDWORK_DAY } from './test-support/fieldwork-repository.js';
import type { FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

/**
 * The auditor's fieldwork views in a real browser (Debian's Chromium through playwright-core, file://
 * only): a Type II bundle with operating controls, evidence across occurrences, approval and
 * acknowledgment records, a change population and management responses. Every page and link is
 * crawled; the heatmap and the occurrence tables are held to `evident status --format json` for the
 * same repository, records and date; a policy prints to PDF. Skipped only outside CI without Chromium.
 */
const executablePath = '/usr/bin/chromium';
const run = existsSync(executablePath) || process.env.CI === 'true' ? describe : describe.skip;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface StatusOccurrence {
  label: string;
  state: string;
  spanning?: { path: string; occurrences: number }[];
}
interface StatusJson {
  controls: { id: string; occurrences: StatusOccurrence[] }[];
  exceptions: { id: string; kind: string; management_response?: string }[];
}

run('the fieldwork views of a Type II bundle in Chromium', () => {
  let fixture: FixtureRepository;
  let work: string;
  let site: string;
  let context: BrowserContext;
  let page: Page;
  let status: StatusJson;
  let files: Map<string, Uint8Array>;
  const errors: string[] = [];
  const outside: string[] = [];
  const open = (file: string) => page.goto(pathToFileURL(path.join(site, file)).href);
  /** The state a page shows for an occurrence: core's, or `excepted` when missing with a management response. */
  const shown = (control: string, o: StatusOccurrence) => (o.state === 'missing' && status.exceptions.some((e) => e.id === `missing-evidence:${control}:${o.label}` && e.management_response) ? 'excepted' : o.state);

  beforeAll(async () => {
    if (!existsSync(executablePath)) throw new Error(`Missing ${executablePath}: install Debian's chromium package (.ci/run does)`);
    const repository = await createFieldworkRepository();
    fixture = repository;
    work = await mkdtemp(path.join(os.tmpdir(), 'evident-fieldwork-'));
    const built = await buildBundle({ root: fixture.root, outDir: work, toolVersion: '0.1.0', now: () => new Date('2030-01-01T00:00:00Z') });
    files = await readZipEntries(built.path);
    site = path.join(work, 'site');
    for (const [name, bytes] of files) {
      await mkdir(path.dirname(path.join(site, name)), { recursive: true });
      await writeFile(path.join(site, name), bytes);
    }
    // `evident status --format json` on the same repository, records and date, run in memory.
    const records = path.join(work, 'records-checkout');
    for (const record of repository.records) {
      await mkdir(path.dirname(path.join(records, recordFileName(record))), { recursive: true });
      await writeFile(path.join(records, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
    }
    const { runCli } = await import('@evident/cli');
    let stdout = '';
    await runCli(['status', '--root', fixture.root, '--format', 'json', '--now', FIELDWORK_DAY, '--records', records], { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: fixture.root, env: {}, style: plainStyle, errStyle: plainStyle, stderrIsTTY: false, now: () => new Date(`${FIELDWORK_DAY}T12:00:00Z`) });
    status = JSON.parse(stdout) as StatusJson;

    context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath, headless: true, args, offline: true, viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  });

  afterAll(async () => {
    await context?.close();
    if (fixture) await rm(fixture.root, { recursive: true, force: true });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('crawls every page and every link: none empty, none broken, no anchor missing, nothing loaded from outside, no console error', async () => {
    const siteUrl = pathToFileURL(`${site}/`).href;
    const queue = ['index.html'];
    const seen = new Set(queue);
    const anchors: { from: string; page: string; id: string }[] = [];
    const ids = new Map<string, Set<string>>();
    const problems: string[] = [];
    while (queue.length) {
      const file = queue.shift()!;
      await open(file);
      ids.set(file, new Set(await page.$$eval('[id]', (all) => all.map((e) => e.id))));
      const links = await page.$$eval('a', (all) => all.map((a) => ({ href: a.getAttribute('href'), text: (a.textContent ?? '').trim() })));
      for (const { href, text } of links) {
        if (href === null || href.trim() === '') {
          problems.push(`${file}: empty link \`${text}\``);
          continue;
        }
        if (/^https:\/\//.test(href)) continue; // pull request pages on GitHub: shown, never requested
        const target = new URL(href, pathToFileURL(path.join(site, file)).href);
        if (!target.href.startsWith(siteUrl)) {
          problems.push(`${file}: link out of the bundle \`${href}\``);
          continue;
        }
        const relative = decodeURIComponent(target.pathname.slice(new URL(siteUrl).pathname.length));
        if (!files.has(relative)) {
          problems.push(`${file}: broken link \`${href}\``);
          continue;
        }
        if (target.hash) anchors.push({ from: file, page: relative, id: decodeURIComponent(target.hash.slice(1)) });
        if (relative.endsWith('.html') && !seen.has(relative)) {
          seen.add(relative);
          queue.push(relative);
        }
      }
    }
    for (const a of anchors) if (ids.get(a.page) && !ids.get(a.page)!.has(a.id)) problems.push(`${a.from}: missing anchor \`${a.page}#${a.id}\``);
    expect(problems).toEqual([]);
    const pages = [...files.keys()].filter((f) => f.endsWith('.html') && !f.startsWith('evidence/'));
    expect([...seen].sort()).toEqual(pages.sort());
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('draws one heatmap cell per occurrence with the state `evident status --format json` gives', async () => {
    await open('index.html');
    const cells = await page.$$eval('svg#heatmap rect.hm-cell', (all) => all.map((r) => [r.getAttribute('data-control'), r.getAttribute('data-occurrence'), r.getAttribute('data-state'), r.getAttribute('data-spanning') ?? '']));
    const expected = status.controls.flatMap((c) => c.occurrences.map((o) => [c.id, o.label, shown(c.id, o), o.spanning ? 'yes' : '']));
    expect(cells).toEqual(expected);
    expect(expected.length).toBeGreaterThan(30);
    expect(new Set(expected.map((e) => e[2]))).toEqual(new Set(['met', 'missing', 'excepted']));
    await expect(page.locator('svg#heatmap > title').textContent()).resolves.toContain('Occurrences of each control');
    await expect(page.locator('ul.legend').textContent()).resolves.toContain('met only by a single item covering several occurrences');
    await expect(page.locator('svg#heatmap rect[data-control="LOG-01"][data-spanning="yes"]').count()).resolves.toBe(26);
  });

  it('lists each control\'s occurrences on its page as status does, and the item spanning many of them', async () => {
    for (const control of status.controls) {
      await open(`controls/${control.id}.html`);
      const rows = await page.$$eval('table.occurrences tr[data-occurrence]', (all) => all.map((r) => [r.getAttribute('data-occurrence'), r.getAttribute('data-state')]));
      expect(rows).toEqual(control.occurrences.map((o) => [o.label, shown(control.id, o)]));
    }
    await open('controls/LOG-01.html');
    await expect(page.locator('#spanning + p + ul').textContent()).resolves.toContain('evidence/LOG-01/2026-H1/log-review-export.csv: met by a single item covering 27 occurrences (2026-W01, 2026-W02');
    const csv = new TextDecoder().decode(files.get('occurrences.csv'));
    expect(csv.trim().split('\n').length - 1).toBe(status.controls.reduce((n, c) => n + c.occurrences.length, 0));
    expect(csv).toContain('AV-01,2026-06,2026-06-01,2026-06-30,2026-07-07,excepted,,,missing-evidence:AV-01:2026-06,');
  });

  it('reports every deviation on an exceptions page grouped by kind, filtered in the page, that fits the screen', async () => {
    await open('exceptions.html');
    const kinds = await page.$$eval('section.exception-group', (all) => all.map((s) => s.getAttribute('data-kind')));
    expect(kinds).toEqual([...new Set(status.exceptions.map((e) => e.kind))].sort());
    expect(kinds).toEqual(expect.arrayContaining(['bypassed-rules', 'missing-acknowledgment', 'missing-evidence', 'unapproved-change']));
    await expect(page.locator('tr.exception').count()).resolves.toBe(status.exceptions.length);
    await expect(page.locator('#x-missing-acknowledgment_access-control_carol-leaver').textContent()).resolves.toContain('left on 2026-05-01');
    await page.locator('#filter-kind').selectOption('unapproved-change');
    await expect(page.locator('tr.exception:visible').count()).resolves.toBe(status.exceptions.filter((e) => e.kind === 'unapproved-change').length);
    await expect(page.locator('#filter-count').textContent()).resolves.toBe(`2 of ${status.exceptions.length} shown`);
    await page.locator('#filter-kind').selectOption('');
    await page.locator('#filter-open').check();
    await expect(page.locator('tr.exception:visible').count()).resolves.toBe(status.exceptions.filter((e) => !e.management_response).length);
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
  });

  it('shows the system description and a management assertion drafted from it', async () => {
    await open('index.html');
    const scope = await page.locator('main').textContent();
    for (const text of ['Fixture planning', 'Fixture Hosting', 'carve-out', 'Customers review who in their organisation has access.', 'Customer content', 'The security program and its reviews.', 'Alice Admin']) expect(scope).toContain(text);
    await expect(page.locator('#subservice ~ table').first().textContent()).resolves.toContain('A1.2 (out of scope)');
    await open('management-assertion.html');
    const assertion = await page.locator('.assertion').textContent();
    expect(assertion).toContain('throughout the period 2026-01-01 to 2026-06-30');
    expect(assertion).toContain('Fixture Hosting (a subservice organisation)');
    expect(assertion).toContain('complementary user entity controls');
    expect(new TextDecoder().decode(files.get('management-assertion.md'))).toContain("# Management's assertion of Fixture & Co");
  });

  it('shows approved text as written, notes criteria out of scope, and prints a policy to a PDF', async () => {
    await open('policies/incident-response.html');
    await expect(page.locator('.policy-body').textContent()).resolves.toContain('Report incidents to <insert email address here> within one hour.');
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('A1.2 (out of scope)');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('#approval').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });
});

