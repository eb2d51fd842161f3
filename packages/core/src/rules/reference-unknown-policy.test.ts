import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('reference/unknown-policy', () => {
  it('reports a policy id that no policy declares', async () => {
    const { text } = await checkFixture('reference-unknown-policy', 'not-ok', 'reference/unknown-policy');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:6:28 error Unexpected policy `password-policy`, expected an id from `policies/` [reference/unknown-policy]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('does not report a reference to a policy that exists but failed validation (its own finding says why)', async () => {
    const { result } = await checkFixture('reference-unknown-policy', 'not-ok', 'reference/unknown-policy');
    const encryption = result.diagnostics.filter((d) => d.file === 'policies/encryption.md');
    expect(encryption.map((d) => d.ruleId)).toEqual(['schema']);
    expect(result.diagnostics.some((d) => d.message.includes('`encryption`'))).toBe(false);
  });

  it('does not report a reference to a policy whose frontmatter cannot be read (its parse finding says why)', async () => {
    const { result } = await checkFixture('reference-unknown-policy', 'not-ok', 'reference/unknown-policy');
    const backup = result.diagnostics.filter((d) => d.file === 'policies/backup.md');
    expect(backup.map((d) => d.ruleId)).toEqual(['parse/yaml']);
    expect(result.diagnostics.some((d) => d.message.includes('`backup`'))).toBe(false);
  });

  it('finds nothing when every referenced policy exists', async () => {
    const { diagnostics, allText } = await checkFixture('reference-unknown-policy', 'ok', 'reference/unknown-policy');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
