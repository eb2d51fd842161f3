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

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

describe('runGate on a pull request that asks for fewer occurrences', () => {
  it('names a control made less frequent and a narrowed audit period, which the coverage delta does not show', async () => {
    repo = await createProgramRepository();
    const control = path.join(repo.dir, 'controls/AC-01.md');
    const frequency = /^frequency: (\w+)$/m.exec(await readFile(control, 'utf8'))?.[1];
    expect(frequency).not.toBe('annually');
    await edit(control, (text) => text.replace(/^frequency: \w+$/m, 'frequency: annually'));
    await edit(path.join(repo.dir, 'evident.yaml'), (text) => text.replace('end: 2026-12-31', 'end: 2026-09-30'));
    await repo.commitHead('Ask for less');

    const report = await runGate({ root: repo.dir, workspace: repo.dir, base: { ref: repo.baseSha, label: 'main' }, strict: false, today: '2026-11-26' });
    expect(report.decision.passed).toBe(true);
    expect(report.summary).toContain('No criterion gains or loses a mapped or implemented control.');
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual([
      `control \`AC-01\` \`frequency\` changed from \`${frequency}\` to \`annually\`: fewer occurrences would need evidence`,
      '`audit.period` ends 2026-09-30 instead of 2026-12-31: occurrences outside it would no longer be assessed',
    ]);
  });
});
