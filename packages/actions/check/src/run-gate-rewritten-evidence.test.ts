import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { runGate, type GateOptions } from './run-gate.js';

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const metadata = (text: string, covers = '2026-Q3') => `controls: [AC-01]\ncovers: ${covers}\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ${sha256(text)}\n`;
const FOLDER = 'evidence/AC-01/2026-Q3';

/** A base commit holding one evidence item, counted from then on. */
async function withEvidence(r: ProgramRepository): Promise<GateOptions> {
  await mkdir(path.join(r.dir, FOLDER), { recursive: true });
  await writeFile(path.join(r.dir, FOLDER, 'review.csv'), 'alice,admin\n');
  await writeFile(path.join(r.dir, FOLDER, 'review.csv.evidence.yaml'), metadata('alice,admin\n'));
  const base = await r.commitHead('Add the Q3 access review');
  return { root: r.dir, workspace: r.dir, base: { ref: base, label: 'main' }, strict: false, today: '2026-11-26' };
}

describe('runGate on a pull request that edits evidence the base already had', () => {
  it('names new bytes committed with a matching sha256 as a weakening (no rule finds anything wrong)', async () => {
    repo = await createProgramRepository();
    const gate = await withEvidence(repo);
    await writeFile(path.join(repo.dir, FOLDER, 'review.csv'), 'alice,read\n');
    await writeFile(path.join(repo.dir, FOLDER, 'review.csv.evidence.yaml'), metadata('alice,read\n'));
    await repo.commitHead('Replace the review');
    const report = await runGate(gate);
    expect(report.diagnostics.filter((d) => d.file.startsWith('evidence/'))).toEqual([]);
    expect(report.decision.passed).toBe(true);
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => `${w.kind} ${w.subject}`)).toEqual([`evidence-rewritten ${FOLDER}/review.csv`]);
    expect(report.summary.split('## Evident check')[0]).toContain(`- evidence \`${FOLDER}/review.csv\` replaced after it was added (its bytes and its metadata changed)`);
  });

  it('names metadata moved to another period, and evidence removed, but not evidence added', async () => {
    repo = await createProgramRepository();
    const gate = await withEvidence(repo);
    await writeFile(path.join(repo.dir, FOLDER, 'review.csv.evidence.yaml'), metadata('alice,admin\n', '2026-Q4'));
    await mkdir(path.join(repo.dir, 'evidence/AC-01/2026-Q4'), { recursive: true });
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q4/new.csv'), 'bob,read\n');
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q4/new.csv.evidence.yaml'), metadata('bob,read\n', '2026-Q4'));
    await repo.commitHead('Move the review to Q4');
    expect((await runGate(gate)).weakenings.map((w) => w.message)).toEqual([
      `evidence \`${FOLDER}/review.csv\` metadata edited after it was added: an item already counted could count for another period, control or event; add a new item instead (\`evident evidence add\`)`,
    ]);

    await rm(path.join(repo.dir, FOLDER), { recursive: true });
    await repo.commitHead('Remove the review');
    expect((await runGate(gate)).weakenings.map((w) => `${w.kind} ${w.subject}`)).toEqual([`evidence-rewritten ${FOLDER}/review.csv`]);
  });
});
