import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BundlePlan, PlannedEntry } from '../plan/bundle-plan.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { writeBundle } from './write-bundle.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A plan of pages in path order: every fifth renders a body, each logs when it renders. */
function loggingPlan(events: string[], pages: number): BundlePlan {
  const entries: PlannedEntry[] = Array.from({ length: pages }, (_, i) => {
    const name = `pages/${String(i).padStart(3, '0')}.html`;
    const rendersBody = i % 5 === 2;
    return {
      path: name,
      compress: true,
      ...(rendersBody ? { rendersBody } : {}),
      source: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`render ${name}`);
        return `<p>${name}</p>`.repeat(i + 1);
      },
    };
  });
  return { fileName: 'bundle.zip', header: {} as BundlePlan['header'], entries, closing: [() => ({ path: 'SUMS', source: 'sums\n', compress: true })] };
}

describe('writeBundle', () => {
  it('renders the pages with bodies first, stops the body renderer once, and keeps the plan order in the zip', async () => {
    const events: string[] = [];
    const plan = loggingPlan(events, 60);
    const written = await writeBundle(plan, path.join(dir, 'order', 'bundle.zip'), { afterBodies: () => void events.push('after bodies') });

    expect(events.filter((e) => e === 'after bodies')).toHaveLength(1);
    const stop = events.indexOf('after bodies');
    const bodies = plan.entries.filter((e) => e.rendersBody).map((e) => `render ${e.path}`);
    expect(bodies).toHaveLength(12);
    // Every body is rendered before the renderer stops; most other pages only after.
    for (const body of bodies) expect(events.indexOf(body)).toBeLessThan(stop);
    expect(events.slice(stop + 1).length).toBeGreaterThan(60 - 12 - 20);
    expect(events.slice(stop + 1).every((e) => !bodies.includes(e))).toBe(true);

    const entries = await readZipEntries(written.path);
    expect([...entries.keys()]).toEqual([...plan.entries.map((e) => e.path), 'SUMS']);
    expect(entries.get('pages/007.html')?.toString('utf8')).toBe('<p>pages/007.html</p>'.repeat(8));
  });

  it('stops the body renderer when a page fails, and leaves no zip behind', async () => {
    const events: string[] = [];
    const plan = loggingPlan(events, 10);
    plan.entries[7] = { path: plan.entries[7]!.path, compress: true, source: () => Promise.reject(new Error('template broke')) };
    const out = path.join(dir, 'failed', 'bundle.zip');
    await expect(writeBundle(plan, out, { afterBodies: () => void events.push('after bodies') })).rejects.toThrow('template broke');
    expect(events.filter((e) => e === 'after bodies')).toHaveLength(1);
    await expect(readZipEntries(out)).rejects.toThrow();
  });
});
