/**
 * Evidence a browser would open as a web page (HTML, SVG, no extension) is included in the bundle but not
 * linked from the portal: opened from a link, it could run scripts and load from the network, outside the
 * portal's Content-Security-Policy. Inert types stay linked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { linksInert } from './model/evidence-entries.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

const ACTIVE = '<html><body><script>fetch("https://tracker.example.com/x")</script><img src="https://tracker.example.com/p.png"></body></html>\n';
let fixture: FixtureRepository;
let out: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

beforeAll(async () => {
  fixture = await createFixtureRepository();
  for (const name of ['dashboard.html', 'diagram.svg', 'export']) {
    const file = path.join(fixture.root, 'evidence/AC-01/2026-Q2', name);
    await writeFile(file, ACTIVE);
    const sha256 = createHash('sha256').update(ACTIVE).digest('hex');
    await writeFile(`${file}.evidence.yaml`, `controls: [AC-01]\ncovers: 2026-Q2\ncollected_at: 2026-04-02T09:30:00Z\ncollected_by: alice-admin\nsource: Monitoring dashboard\nsha256: ${sha256}\n`);
  }
  await fixture.git.add('.');
  await fixture.git.commit('Add web-page evidence');
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-links-'));
  const built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), release: 'v1.0.0' });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('evidence links in the portal', () => {
  it('includes web-page evidence byte for byte', () => {
    for (const name of ['dashboard.html', 'diagram.svg', 'export']) expect(text(`evidence/AC-01/2026-Q2/${name}`)).toBe(ACTIVE);
  });

  it('links no web-page evidence from any page, and says why on the evidence page', () => {
    const pages = [...entries.keys()].filter((name) => name.endsWith('.html') && !name.startsWith('evidence/'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      for (const name of ['dashboard.html', 'diagram.svg', 'export']) expect(text(page)).not.toMatch(new RegExp(`href="[^"]*2026-Q2/${name}"`));
    }
    const evidencePage = text('evidence.html');
    expect(evidencePage).toContain('evidence/AC-01/2026-Q2/dashboard.html');
    expect(evidencePage).toContain('Not linked: a browser would open this type as a web page, which can run scripts and load from the network; open the file from the bundle with a text editor');
  });

  it('still links inert evidence (CSV, PNG) from the evidence and control pages', () => {
    expect(text('evidence.html')).toContain('href="evidence/AC-01/2026-Q2/screenshot.png"');
    expect(text('controls/AC-01.html')).toContain('href="../evidence/AC-01/2026-Q1/access-review.csv"');
    expect(text('controls/AC-01.html')).toContain('evidence/AC-01/2026-Q2/dashboard.html');
  });

  it.each([
    ['evidence/a/report.PDF', true],
    ['evidence/a/export.csv', true],
    ['evidence/a/page.htm', false],
    ['evidence/a/image.svg', false],
    ['evidence/a/feed.xml', false],
    ['evidence/a/README', false],
    ['evidence/a/.csv', false],
  ])('links %s: %s', (file, linked) => {
    expect(linksInert(file)).toBe(linked);
  });
});
