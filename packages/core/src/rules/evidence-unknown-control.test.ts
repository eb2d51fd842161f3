import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/unknown-control', () => {
  it('reports a control id that no control declares, at the id', async () => {
    const { text } = await checkFixture('evidence-unknown-control', 'not-ok', 'evidence/unknown-control');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:1:19 error Unexpected control `ZZ-99`, expected an id from `controls/` [evidence/unknown-control]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every named control exists', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-unknown-control', 'ok', 'evidence/unknown-control');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
