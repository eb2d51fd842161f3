import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('id/duplicate', () => {
  it('reports a policy id declared twice, a repeated person id and team ids that clash', async () => {
    const { text } = await checkFixture('id-duplicate', 'not-ok', 'id/duplicate');
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:16:9 error Unexpected team id `security`, expected an id used by no other team or person [id/duplicate]',
        '    evident.yaml:13: `security` is first defined here',
        '  evident.yaml:19:9 error Unexpected team id `ada-lovelace`, expected an id used by no other team or person [id/duplicate]',
        '',
        'people.yaml',
        '  people.yaml:14:9 error Unexpected duplicate person id `grace-hopper`, expected each id once [id/duplicate]',
        '    people.yaml:8: `grace-hopper` is first defined here',
        '',
        'policies/archive/access-control.md',
        '  policies/archive/access-control.md:2:5 error Unexpected duplicate policy id `access-control`, expected each id once [id/duplicate]',
        '    policies/access-control.md:2: `access-control` is first defined here',
        '',
        '4 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when every id is declared once', async () => {
    const { diagnostics, allText } = await checkFixture('id-duplicate', 'ok', 'id/duplicate');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
