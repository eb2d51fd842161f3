/**
 * The bundle's evidence listing notes what `evident check` finds wrong with an item, as readiness sees
 * it: evidence collected before the period it covers (a load problem) and evidence collected after the
 * bundle's `today` are listed with a note, since neither meets an occurrence.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkRepository, createValidators, readRepository, type RepositoryModel } from '@evident/core';
import { rm } from 'node:fs/promises';
import { buildBundleView } from './build-bundle-view.js';
import { readBundleInputs } from '../read/read-bundle-inputs.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { evidenceEntries } from './evidence-entries.js';

const period = { start: '2026-01-01', end: '2026-06-30' };
let fixture: FixtureRepository;
let model: RepositoryModel;

beforeAll(async () => {
  // Every evidence item of the fixture is collected on 2026-04-02.
  fixture = await createFixtureRepository();
  const validators = createValidators();
  const checked = checkRepository(await readRepository(fixture.root, { validators }), { today: '2026-05-15', validators });
  model = checked.model!;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
});

const byPath = (entries: ReturnType<typeof evidenceEntries>) => new Map(entries.map((e) => [e.path, e]));
const REVIEW = 'evidence/AC-01/2026-Q1/access-review.csv';

describe('evidenceEntries and the bundle clock', () => {
  it('notes an included item collected after today, with the message evident check gives', () => {
    const entry = byPath(evidenceEntries(model, period, '2026-03-31')).get(REVIEW);
    expect(entry).toMatchObject({ included: true, collected_at: '2026-04-02' });
    expect(entry?.notes).toEqual(['Unexpected `collected_at` `2026-04-02` after today (2026-03-31), expected the date the evidence was collected, which cannot be later than today']);
  });

  it('adds no note once today has reached the day it was collected', () => {
    for (const today of ['2026-04-02', '2026-05-15']) {
      const entries = evidenceEntries(model, period, today);
      expect(entries.filter((e) => e.metadataPath !== undefined).map((e) => [e.path, e.notes])).toEqual(entries.filter((e) => e.metadataPath !== undefined).map((e) => [e.path, []]));
    }
  });

  it('takes the clock of the bundle inputs: `today` reaches the listing through buildBundleView', async () => {
    const inputs = await readBundleInputs({ root: fixture.root, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z'), today: '2026-03-31' });
    const view = buildBundleView(inputs);
    // The fixture commits its evidence on 2026-03-01, before the 2026-04-02 it states: git history says so too.
    expect(view.evidence.find((e) => e.path === REVIEW)?.notes).toEqual([
      expect.stringMatching(/^Unexpected `collected_at` `2026-04-02` after today \(2026-03-31\)/),
      `Its \`collected_at\` is later than the commit that added its metadata (collected-after-commit:${REVIEW}): readiness does not count it`,
    ]);
  });
});
