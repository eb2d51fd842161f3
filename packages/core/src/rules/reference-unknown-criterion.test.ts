import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('reference/unknown-criterion', () => {
  it('reports criterion ids missing from the framework catalog, in policies and controls', async () => {
    const { text } = await checkFixture('reference-unknown-criterion', 'not-ok', 'reference/unknown-criterion');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:5:33 error Unexpected criterion `CC6.9`, expected an id from the SOC 2 test criteria catalog [reference/unknown-criterion]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:12:19 error Unexpected criterion `CC7.1`, expected an id from the SOC 2 test criteria catalog [reference/unknown-criterion]',
        '',
        '2 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every criterion is in the catalog', async () => {
    const { diagnostics, allText } = await checkFixture('reference-unknown-criterion', 'ok', 'reference/unknown-criterion');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
