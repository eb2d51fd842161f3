import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/hash-mismatch', () => {
  it('reports a file whose bytes (or Git LFS pointer) no longer match the recorded SHA-256 and size, and a malformed pointer at its line', async () => {
    const { text } = await checkFixture('evidence-hash-mismatch', 'not-ok', 'evidence/hash-mismatch');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:6:9 error Unexpected SHA-256 `4e05f0e62fb9d82801040267ab9f369f989ad6189aaf470ba8adc8b33252c3ca` for `evidence/AC-01/2026-Q3/access-review.csv`, expected `f7b6e0bacb4f68202ea24dbac614bb12e590782b1cf8502abf352f50d8c4d936`: the file changed after its metadata was written [evidence/hash-mismatch]',
        '',
        'evidence/AC-01/2026-Q3/signed-review.pdf.evidence.yaml',
        '  evidence/AC-01/2026-Q3/signed-review.pdf.evidence.yaml:6:9 error Unexpected SHA-256 `9a0f7e3b8c2d41e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b` for `evidence/AC-01/2026-Q3/signed-review.pdf`, expected `30fa2df13ebcf7466694278d84113baf837c8949631283284d334f43d0ff11bd` (the oid of its Git LFS pointer): the file changed after its metadata was written [evidence/hash-mismatch]',
        '  evidence/AC-01/2026-Q3/signed-review.pdf.evidence.yaml:7:7 error Unexpected size 30 for `evidence/AC-01/2026-Q3/signed-review.pdf`, expected 29 bytes (the size in its Git LFS pointer) [evidence/hash-mismatch]',
        '',
        'evidence/AC-01/2026-Q3/torn.pdf',
        '  evidence/AC-01/2026-Q3/torn.pdf:2:1 error Unexpected oid `sha1:0123456789abcdef`, expected `sha256:` and 64 lowercase hex digits: `evidence/AC-01/2026-Q3/torn.pdf` is not a valid Git LFS pointer [evidence/hash-mismatch]',
        '',
        '4 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every recorded SHA-256 matches, a valid Git LFS pointer included (its oid, never its content)', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-hash-mismatch', 'ok', 'evidence/hash-mismatch');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
