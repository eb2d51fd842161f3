/**
 * Evidence cannot be collected after it was committed: an item whose `collected_at` is later than the
 * day (plus one, for time zones) the commit that added its metadata reached the default branch is a
 * `collected-after-commit` exception on the exceptions page and in exceptions.csv, and does not count.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computeReadiness, readCheckedModel, sha256Hex } from '@evident/core';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { buildBundleView, type BundleView } from './model/build-bundle-view.js';
import { readBundleInputs } from './read/read-bundle-inputs.js';
import { readPolicyContents } from './read/read-policy-contents.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

const now = () => new Date('2026-11-15T12:00:00Z');
const period = { start: '2026-07-01', end: '2026-12-31' };
const today = '2026-11-15';
const LATE = 'evidence/AC-02/2026-Q3/late-review.csv';
const NEXT_DAY = 'evidence/AC-01/2026-Q3/next-day-review.csv';
const EARLY = 'evidence/AC-01/2026-Q3/early-review.csv';
let fixture: FixtureRepository;
let out: string;
let view: BundleView;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

async function write(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(fixture.root, file)), { recursive: true });
  await writeFile(path.join(fixture.root, file), content);
}

/** An evidence file covering 2026-Q3 and its metadata, stating `collectedAt`. */
async function evidence(file: string, control: string, collectedAt: string): Promise<void> {
  const bytes = `account,decision\nalice,keep\n${file}\n`;
  await write(file, bytes);
  await write(`${file}.evidence.yaml`, `controls: [${control}]\ncovers: 2026-Q3\ncollected_at: ${collectedAt}\ncollected_by: alice-admin\nsource: Identity provider export\nsha256: ${sha256Hex(Buffer.from(bytes))}\n`);
}

/** Commit the working tree on main with fixed author and committer dates. */
async function commitOn(date: string, message: string): Promise<void> {
  const git = fixture.git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: fixture.root, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  await git.add('.');
  await git.commit(message);
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  // A second quarterly control, whose only 2026-Q3 evidence states a date four days after its commit.
  await write('controls/AC-02.md', (await readFile(path.join(fixture.root, 'controls/AC-01.md'), 'utf8')).replaceAll('AC-01', 'AC-02').replace('Quarterly access review', 'Quarterly admin review'));
  await evidence(LATE, 'AC-02', '2026-10-05');
  // Within a day of the commit (a collector east of UTC), and well before it: both stand.
  await evidence(NEXT_DAY, 'AC-01', '2026-10-02');
  await evidence(EARLY, 'AC-01', '2026-09-20');
  await write('exceptions/collected-after-commit_evidence_AC-02_2026-Q3_late-review.csv.yaml', 'response: The review was exported on 2026-09-30; its metadata was mistyped.\nowner: alice-admin\ntarget_date: 2026-11-30\n');
  await commitOn('2026-10-01T10:00:00Z', 'Add the 2026-Q3 access reviews (#9)');
  view = buildBundleView(await readBundleInputs({ root: fixture.root, toolVersion: '0.1.0', now, today, period }));
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-collected-'));
  const built = await buildBundle({ root: fixture.root, outDir: out, toolVersion: '0.1.0', now, today, period });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('evidence collected after the commit that added it', () => {
  it('lists an item stating a date later than its commit plus a day, and neither one within a day nor one before', () => {
    const found = view.exceptions.filter((e) => e.kind === 'collected-after-commit');
    expect(found.map((e) => e.id)).toEqual([`collected-after-commit:${LATE}`]);
    const commit = view.inputs.source!.commit.slice(0, 7);
    expect(found[0]).toMatchObject({
      subject: LATE,
      owner: 'alice-admin',
      file: `${LATE}.evidence.yaml`,
      detail: `Evidence ${LATE} says it was collected at 2026-10-05, but the commit that added its metadata (${commit}, ${LATE}.evidence.yaml) reached the default branch on 2026-10-01 (UTC): evidence cannot be collected after it was committed, so it is not counted.`,
      management_response: 'The review was exported on 2026-09-30; its metadata was mistyped.',
      response_file: 'exceptions/collected-after-commit_evidence_AC-02_2026-Q3_late-review.csv.yaml',
    });
    expect(view.readiness.stray_responses).toEqual([]);
  });

  it('does not count the item with the false date; the others meet their occurrence', () => {
    const occurrence = (control: string) => view.readiness.controls.find((c) => c.id === control)!.occurrences.find((o) => o.label === '2026-Q3')!;
    expect(occurrence('AC-02')).toMatchObject({ state: 'missing', evidence: [] });
    expect(view.exceptions.map((e) => e.id)).toContain('missing-evidence:AC-02:2026-Q3');
    expect(occurrence('AC-01')).toMatchObject({ state: 'met', evidence: [EARLY, NEXT_DAY] });
    expect(view.evidence.find((e) => e.path === LATE)).toMatchObject({ included: true, notes: [`Its \`collected_at\` is later than the commit that added its metadata (collected-after-commit:${LATE}): readiness does not count it`] });
    expect(view.evidence.find((e) => e.path === NEXT_DAY)?.notes).toEqual([]);
  });

  it('shows it in exceptions.csv and on the exceptions page with what it means', () => {
    const row = text('exceptions.csv')
      .split('\r\n')
      .find((r) => r.startsWith(`collected-after-commit:${LATE},`));
    expect(row).toMatch(new RegExp(`^collected-after-commit:${LATE},collected-after-commit,${LATE},alice-admin,.*collected at 2026-10-05, but the commit that added its metadata \\([0-9a-f]{7}, ${LATE}\\.evidence\\.yaml\\) reached the default branch on 2026-10-01 \\(UTC\\).*,${LATE}\\.evidence\\.yaml$`));
    expect(text('exceptions.csv')).not.toContain(`collected-after-commit:${NEXT_DAY}`);
    expect(text('exceptions.csv')).not.toContain(`collected-after-commit:${EARLY}`);
    const page = text('exceptions.html');
    expect(page).toContain('the date is false, since evidence cannot be collected after it was committed, so it is not counted (from git history)');
    expect(page).toContain(`id="x-collected-after-commit_evidence_AC-02_2026-Q3_late-review.csv"`);
  });

  it('gives `evident status` the same exception and figure: readPolicyContents reads the same history', async () => {
    const model = await readCheckedModel(fixture.root, today);
    const { contents, falseEvidence } = await readPolicyContents(fixture.root, model, period);
    expect(falseEvidence?.map((f) => f.exception.id)).toEqual([`collected-after-commit:${LATE}`]);
    const report = computeReadiness(model, { today, period, records: view.chain.trusted.map((s) => s.record), ...(contents ? { policyContents: contents } : {}), ...(falseEvidence ? { falseEvidence } : {}) });
    expect(report.exceptions.map((e) => e.id)).toEqual(view.exceptions.map((e) => e.id));
    expect(report.readiness).toEqual(view.readiness.readiness);
  });
});
