import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/metadata', () => {
  it('reports missing keys, unparsable periods, unknown collectors, evidence collected before its period or after today, `event` or `events` for a scheduled control, files without metadata and metadata without a file', async () => {
    const { text } = await checkFixture('evidence-metadata', 'not-ok', 'evidence/metadata');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-05/leavers.csv.evidence.yaml',
        '  evidence/AC-01/2026-05/leavers.csv.evidence.yaml:7:1 error Unexpected `events` for control AC-01 (frequency quarterly), expected `events` only for event-driven controls [evidence/metadata]',
        '',
        'evidence/AC-01/2026-07/export.csv.evidence.yaml',
        '  evidence/AC-01/2026-07/export.csv.evidence.yaml:4:15 error Unexpected person `nobody` for `collected_by`, expected a person id from `people.yaml` [evidence/metadata]',
        '',
        'evidence/AC-01/2026-08/screenshot.txt',
        '  evidence/AC-01/2026-08/screenshot.txt:1:1 error Missing metadata for `evidence/AC-01/2026-08/screenshot.txt`, expected `evidence/AC-01/2026-08/screenshot.txt.evidence.yaml` (run `evident evidence add`) [evidence/metadata]',
        '',
        'evidence/AC-01/2026-09/gone.csv.evidence.yaml',
        '  evidence/AC-01/2026-09/gone.csv.evidence.yaml:1:1 error Missing evidence file `evidence/AC-01/2026-09/gone.csv`, expected the file this metadata describes next to it [evidence/metadata]',
        '',
        'evidence/AC-01/2026-10/admins.csv.evidence.yaml',
        '  evidence/AC-01/2026-10/admins.csv.evidence.yaml:3:15 error Unexpected `collected_at` `2026-09-30` before the covered period (2026-10-01 to 2026-10-31), expected evidence collected during or after the period it covers [evidence/metadata]',
        '',
        'evidence/AC-01/2026-11/admins.csv.evidence.yaml',
        '  evidence/AC-01/2026-11/admins.csv.evidence.yaml:3:15 error Unexpected `collected_at` `2026-12-15T09:30:00Z` after today (2026-11-26), expected the date the evidence was collected, which cannot be later than today [evidence/metadata]',
        '',
        'evidence/AC-01/2026-12/admins.csv.evidence.yaml',
        '  evidence/AC-01/2026-12/admins.csv.evidence.yaml:3:15 error Unexpected `collected_at` `2026-01-05` before the covered period (2026-12-01 to 2026-12-31), expected evidence collected during or after the period it covers [evidence/metadata]',
        '',
        'evidence/AC-01/2026-Q1/offboarding.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q1/offboarding.csv.evidence.yaml:3:1 error Unexpected `event` for control AC-01 (frequency quarterly), expected `event` only for event-driven controls [evidence/metadata]',
        '',
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:1:1 error Missing key `source` in evidence metadata, expected it to be set [evidence/metadata]',
        '',
        'evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml:2:9 error Unexpected `2026-Q5` for `covers`, expected a period such as `2026`, `2026-Q3`, `2026-07`, `2026-W27`, `2026-07-14` or `START..END` [evidence/metadata]',
        '',
        '10 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('reports nothing else about the broken items (no hash or control findings on top)', async () => {
    const { result } = await checkFixture('evidence-metadata', 'not-ok', 'evidence/metadata');
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(Array(10).fill('evidence/metadata'));
  });

  it('reports a collected_at after today only until today reaches it', async () => {
    const onTheDay = await checkFixture('evidence-metadata', 'not-ok', 'evidence/metadata', '2026-12-15');
    expect(onTheDay.text).not.toContain('2026-11/admins.csv');
    expect(onTheDay.diagnostics).toHaveLength(9);
  });

  it('finds nothing when every file has complete metadata (READMEs need none)', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-metadata', 'ok', 'evidence/metadata');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
