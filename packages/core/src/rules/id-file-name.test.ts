import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('id/file-name', () => {
  it('reports policies and controls whose file is not named after their id', async () => {
    const { text } = await checkFixture('id-file-name', 'not-ok', 'id/file-name');
    expect(text).toBe(
      [
        'controls/ac-01.md',
        '  controls/ac-01.md:2:5 error Unexpected id `AC-01` in `ac-01.md`, expected the file to be named `AC-01.md` [id/file-name]',
        '',
        'policies/access.md',
        '  policies/access.md:2:5 error Unexpected id `access-control` in `access.md`, expected the file to be named `access-control.md` [id/file-name]',
        '',
        '2 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when each file is named after its id', async () => {
    const { diagnostics, allText } = await checkFixture('id-file-name', 'ok', 'id/file-name');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
