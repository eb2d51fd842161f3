/**
 * Parsing on worker threads gives each document its own result, in job order, whichever
 * worker finishes first. The worker is built from the current sources (esbuild) before the
 * tests, so they never run a stale compiled copy.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocumentPlain } from '../parse/parse-document.js';
import { mapConcurrently } from './map-concurrently.js';
import { parseInParallel, type ParseJob } from './parse-in-parallel.js';
import { readRepository } from './read-repository.js';
import { createValidators } from '../validate/create-validators.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let dir: string;
let worker: URL;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-parse-worker-'));
  const outfile = path.join(dir, 'parse-worker.cjs');
  await build({ entryPoints: [path.join(here, 'parse-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  worker = pathToFileURL(outfile);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const policyText = (id: string, body = '') => `---
id: ${id}
title: Policy ${id}
version: "1.0"
status: approved
owner: ada
approvers: [ada]
effective_date: 2026-07-01
review:
  cadence: annually
criteria: [CC6.1]
---

# Policy ${id}

${body}`;

const controlText = (id: string) => `---
id: ${id}
title: Control ${id}
owner: ada
criteria: [CC6.1]
policies: [p-0]
status: planned
frequency: quarterly
evidence:
  - description: A record
    collection: manual
---

# Control ${id}
`;

/** The first batch is far heavier than the rest, so the workers finish out of order. */
function jobs(count: number): ParseJob[] {
  const heavy = Array.from({ length: 800 }, (_, i) => `Paragraph ${i} with [a link](./a-${i}.md).`).join('\n\n');
  return Array.from({ length: count }, (_, i): ParseJob =>
    i % 3 === 2
      ? { path: `controls/C-${String(i).padStart(3, '0')}.md`, text: controlText(`C-${String(i).padStart(3, '0')}`), kind: 'control' }
      : { path: `policies/p-${i}.md`, text: policyText(`p-${i}`, i < 16 ? heavy : ''), kind: 'policy' },
  );
}

describe('parseInParallel', () => {
  it('returns each job its own result, in job order, whichever worker finishes first', async () => {
    const all = jobs(160);
    const results = await parseInParallel(all, 3, worker);
    expect(results).toHaveLength(all.length);
    expect(results.map((r) => (r.document?.data as { id?: string } | undefined)?.id)).toEqual(all.map((job) => path.basename(job.path, '.md')));
    results.forEach((result, i) => {
      const { locate: _locate, ...plain } = parseDocumentPlain({ path: all[i]!.path, text: all[i]!.text }, all[i]!.kind);
      expect(result).toEqual({ ...plain, locate: undefined });
    });
  });

  it('gives one result per job with fewer jobs than a batch and with one thread', async () => {
    const few = jobs(5).slice(2);
    expect((await parseInParallel(few, 4, worker)).map((r) => r.document?.path)).toEqual(few.map((job) => job.path));
    expect((await parseInParallel(jobs(40), 1, worker)).map((r) => r.document?.path)).toEqual(jobs(40).map((job) => job.path));
  });

  it('feeds readRepository: each document is parsed as the file it came from', async () => {
    const root = path.join(dir, 'repo');
    await mkdir(path.join(root, 'policies'), { recursive: true });
    await mkdir(path.join(root, 'controls'), { recursive: true });
    await writeFile(path.join(root, 'evident.yaml'), 'organization:\n  name: Example\n  security_officer: ada\nframeworks:\n  - id: soc2\n    categories: [security]\naudit:\n  type: type1\n  date: 2026-07-01\n');
    const all = jobs(60).map((job) => ({ ...job, text: job.text.replace(/\n\nParagraph[\s\S]*$/, '\n') }));
    for (const job of all) await writeFile(path.join(root, job.path), job.text);
    const snapshot = await readRepository(root, { validators: createValidators(), parallel: { threads: 3, worker, minDocuments: 1 } });
    expect(snapshot.preparsed?.size).toBe(all.length);
    for (const [file, result] of snapshot.preparsed ?? []) expect(`${result.document?.path}:${(result.document?.data as { id: string }).id}`).toBe(`${file}:${path.basename(file, '.md')}`);
  });
});

describe('mapConcurrently', () => {
  it('returns results in item order when later items finish first, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const finished: number[] = [];
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Resolve after n turns of the microtask queue: larger items finish later.
      for (let i = 0; i < n * 3; i++) await Promise.resolve();
      inFlight--;
      finished.push(n);
      return `r${n}`;
    });
    expect(results).toEqual(['r5', 'r1', 'r4', 'r2', 'r3', 'r0']);
    expect(finished).not.toEqual([5, 1, 4, 2, 3, 0]);
    expect(most).toBe(3);
  });
});
