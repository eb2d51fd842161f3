import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('coverage/uncovered-criterion', () => {
  it('reports every in-scope criterion no control maps, at the categories in evident.yaml', async () => {
    const { text } = await checkFixture('coverage-uncovered-criterion', 'not-ok', 'coverage/uncovered-criterion');
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:6:17 error Unexpected uncovered criterion `A1.1` (Capacity management), expected at least one control listing it in `criteria` [coverage/uncovered-criterion]',
        '  evident.yaml:6:17 error Unexpected uncovered criterion `CC6.3` (Role-based access and removal), expected at least one control listing it in `criteria` [coverage/uncovered-criterion]',
        '',
        '2 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every in-scope criterion has a control, and ignores out-of-scope criteria', async () => {
    const { diagnostics, allText } = await checkFixture('coverage-uncovered-criterion', 'ok', 'coverage/uncovered-criterion');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
