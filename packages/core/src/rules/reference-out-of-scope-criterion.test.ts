import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('reference/out-of-scope-criterion', () => {
  it('notes a criterion whose category is not selected in evident.yaml', async () => {
    const { text } = await checkFixture('reference-out-of-scope-criterion', 'not-ok', 'reference/out-of-scope-criterion');
    expect(text).toBe(
      [
        'controls/AV-01.md',
        '  controls/AV-01.md:5:12 info Unexpected criterion `A1.1` of category `availability`, expected a criterion of a category in scope (add `availability` to `frameworks[].categories` to include it) [reference/out-of-scope-criterion]',
        '',
        '0 errors, 0 warnings, 1 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing once the category is in scope', async () => {
    const { diagnostics, allText } = await checkFixture('reference-out-of-scope-criterion', 'ok', 'reference/out-of-scope-criterion');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
