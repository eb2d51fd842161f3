import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('control/no-policy', () => {
  it('warns about a control that implements no policy', async () => {
    const { text } = await checkFixture('control-no-policy', 'not-ok', 'control/no-policy');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:6:11 warning Unexpected control `AC-01` with no policy, expected at least one policy id in `policies` [control/no-policy]',
        '',
        '0 errors, 1 warning, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every control names a policy', async () => {
    const { diagnostics, allText } = await checkFixture('control-no-policy', 'ok', 'control/no-policy');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
