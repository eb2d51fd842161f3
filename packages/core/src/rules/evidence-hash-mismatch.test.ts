import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/hash-mismatch', () => {
  it('reports a file whose bytes no longer match the recorded SHA-256, at the recorded value', async () => {
    const { text } = await checkFixture('evidence-hash-mismatch', 'not-ok', 'evidence/hash-mismatch');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:6:9 error Unexpected SHA-256 `4e05f0e62fb9d82801040267ab9f369f989ad6189aaf470ba8adc8b33252c3ca` for `evidence/AC-01/2026-Q3/access-review.csv`, expected `f7b6e0bacb4f68202ea24dbac614bb12e590782b1cf8502abf352f50d8c4d936`: the file changed after its metadata was written [evidence/hash-mismatch]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every recorded SHA-256 matches', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-hash-mismatch', 'ok', 'evidence/hash-mismatch');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
