import { describe, expect, it } from '@jest/globals';
import { createValidators } from '../validate/create-validators.js';
import { loadEvidenceItems } from './load-evidence-items.js';
import { usableEvidence } from './usable-evidence.js';
import type { RepositoryModel } from '../model/repository-model.js';

const validate = createValidators().evidenceItem;
const sha = 'c'.repeat(64);
const metadataPath = 'evidence/HR-01/2026-07..2026-12/hires.csv.evidence.yaml';
const files = new Map([['evidence/HR-01/2026-07..2026-12/hires.csv', { sha256: sha, bytes: 3 }]]);
const load = (text: string) => loadEvidenceItems([{ path: metadataPath, text }], files, 'evidence', validate).catalog;

/** A population of HR-01 over the second half of 2026, as `evident evidence add --events` writes it. */
const population = (collectedAt: string) =>
  `controls: [HR-01]\ncovers: 2026-07..2026-12\ncollected_at: ${collectedAt}\ncollected_by: grace-hopper\nsource: HR system export\nsha256: ${sha}\nevents:\n  - id: hire-001\n    date: 2026-07-20\n`;

describe('loadEvidenceItems: a population listed before its period is over', () => {
  it('reports the population at collected_at, and it no longer counts towards readiness', () => {
    const catalog = load(population('2026-08-10'));
    const item = catalog.items[0]!;
    expect(item.problems).toEqual([
      {
        message:
          'Unexpected `collected_at` `2026-08-10` before the end of the covered period (2026-07-01 to 2026-12-31) for a population, expected the population listed once its period is over: events after 2026-08-10 could be missing from it',
        file: metadataPath,
        line: 3,
        column: 15,
        endLine: 3,
        endColumn: 25,
      },
    ]);
    const model = { evidence: catalog, controls: [{ id: 'HR-01' }], people: [] } as unknown as RepositoryModel;
    expect(usableEvidence(model, '2027-01-20')).toEqual([]);
  });

  it.each([
    ['on the last day', '2026-12-31'],
    ['after the period', '2027-01-05T09:30:00Z'],
  ])('accepts a population listed %s (%s)', (_, collectedAt) => {
    expect(load(population(collectedAt)).items[0]!.problems).toEqual([]);
  });

  it('leaves an item evidencing one event, collected during the period, as it was', () => {
    const text = `controls: [HR-01]\ncovers: 2026-07..2026-12\ncollected_at: 2026-08-10\ncollected_by: grace-hopper\nsource: HR system export\nsha256: ${sha}\nevent: hire-001\n`;
    expect(load(text).items[0]!.problems).toEqual([]);
  });
});
