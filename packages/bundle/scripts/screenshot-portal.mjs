#!/usr/bin/env node
// Screenshot of the auditor portal for the documentation: unzips a bundle into a
// temporary folder, opens index.html in Chromium (playwright-core, offline) and saves a PNG.
// Usage: node packages/bundle/scripts/screenshot-portal.mjs BUNDLE.zip OUT.png [PAGE]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import yauzl from 'yauzl';

const [zip, out, page = 'index.html'] = process.argv.slice(2);
if (!zip || !out) {
  console.error('Usage: screenshot-portal.mjs BUNDLE.zip OUT.png [PAGE]');
  process.exit(2);
}

async function unzip(file, dir) {
  const archive = await new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  await new Promise((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
    archive.on('entry', (entry) =>
      archive.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        const chunks = [];
        for await (const chunk of stream) chunks.push(chunk);
        const target = path.join(dir, entry.fileName);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, Buffer.concat(chunks));
        archive.readEntry();
      }),
    );
    archive.readEntry();
  });
}

const work = await mkdtemp(path.join(os.tmpdir(), 'evident-screenshot-'));
try {
  await unzip(path.resolve(zip), path.join(work, 'site'));
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    offline: true,
    viewport: { width: 1280, height: 1600 },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'],
  });
  const tab = context.pages()[0] ?? (await context.newPage());
  await tab.goto(pathToFileURL(path.join(work, 'site', page)).href);
  if (page === 'index.html') {
    await tab.locator('#search').fill('access review');
  }
  await tab.screenshot({ path: path.resolve(out) });
  await context.close();
  console.log(`wrote ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
