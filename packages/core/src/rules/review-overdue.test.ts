import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('review/overdue', () => {
  it('warns about policies past `next_review`, or past their last review plus the cadence', async () => {
    const { text } = await checkFixture('review-overdue', 'not-ok', 'review/overdue');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:11:18 warning Unexpected overdue review of `access-control` (due 2026-10-31), expected a review on or before the due date [review/overdue]',
        '',
        'policies/encryption.md',
        '  policies/encryption.md:12:16 warning Unexpected overdue review of `encryption` (due 2026-11-25), expected a review on or before the due date [review/overdue]',
        '',
        '0 errors, 2 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing for a review due today or a retired policy', async () => {
    const { diagnostics, allText } = await checkFixture('review-overdue', 'ok', 'review/overdue');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('depends on the date passed in, never on the clock', async () => {
    const early = await checkFixture('review-overdue', 'not-ok', 'review/overdue', '2026-10-31');
    expect(early.diagnostics).toEqual([]);
    const late = await checkFixture('review-overdue', 'ok', 'review/overdue', '2026-11-27');
    expect(late.diagnostics.map((d) => d.file)).toEqual(['policies/access-control.md']);
  });
});
