import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('review/missing', () => {
  it('warns about an approved policy with neither `last_reviewed` nor `next_review`', async () => {
    const { text } = await checkFixture('review-missing', 'not-ok', 'review/missing');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:9:1 warning Missing review date for `access-control`, expected `review.last_reviewed` or `review.next_review` [review/missing]',
        '',
        '0 errors, 1 warning, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing for reviewed policies and drafts', async () => {
    const { diagnostics, allText } = await checkFixture('review-missing', 'ok', 'review/missing');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
