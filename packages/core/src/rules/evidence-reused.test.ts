import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/reused', () => {
  it('reports the bytes of a Q3 access review filed again as the Q4 one, at its sha256, naming the first', async () => {
    const { text, diagnostics } = await checkFixture('evidence-reused', 'not-ok', 'evidence/reused');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml:6:9 warning Unexpected evidence `evidence/AC-01/2026-Q4/access-review.csv` with the bytes of `evidence/AC-01/2026-Q3/access-review.csv` (same `sha256`) for control `AC-01`, covering 2026-Q4 instead of 2026-Q3, expected evidence collected for each period it covers [evidence/reused]',
        '    evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:6: `evidence/AC-01/2026-Q3/access-review.csv` covers 2026-Q3 with the same bytes',
        '',
        '0 errors, 1 warning, 0 info',
        '',
      ].join('\n'),
    );
    expect(diagnostics[0]!.related).toEqual([{ file: 'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml', line: 6, message: '`evidence/AC-01/2026-Q3/access-review.csv` covers 2026-Q3 with the same bytes' }]);
  });

  it('accepts a file for each period, and the same bytes filed twice for one period or for overlapping ones', async () => {
    const { text } = await checkFixture('evidence-reused', 'ok', 'evidence/reused');
    expect(text).toBe(NO_FINDINGS);
  });
});
