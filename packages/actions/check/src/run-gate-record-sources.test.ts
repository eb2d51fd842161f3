import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { runGate } from './run-gate.js';

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('runGate on a pull request that counts collected records for a control', () => {
  it('names a branch-rules source added to the access review control, which the coverage delta does not show', async () => {
    repo = await createProgramRepository();
    const file = path.join(repo.dir, 'controls/AC-01.md');
    const before = await readFile(file, 'utf8');
    const after = before.replace('    collection: manual\n', '    collection: manual\n  - description: Branch rules snapshots collected from GitHub\n    collection: github\n    source: evident:branch-rules\n');
    expect(after).not.toBe(before);
    await writeFile(file, after);
    await repo.commitHead('Count branch rules snapshots as access reviews');

    const report = await runGate({ root: repo.dir, workspace: repo.dir, base: { ref: repo.baseSha, label: 'main' }, strict: false, today: '2026-11-26' });
    expect(report.diagnostics).toEqual([]);
    expect(report.summary).toContain('No criterion gains or loses a mapped or implemented control.');
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual(['control `AC-01` now counts `evident:branch-rules` records as its evidence: each one collected would meet its occurrences']);
  });
});
