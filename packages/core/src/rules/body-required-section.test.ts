import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('body/required-section', () => {
  it('reports each required level-2 section a policy or control lacks', async () => {
    const { text } = await checkFixture('body-required-section', 'not-ok', 'body/required-section');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:14:1 error Missing section `## Test procedure`, expected every control to have it [body/required-section]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:18:1 error Missing section `## Enforcement`, expected every policy to have it [body/required-section]',
        '  policies/access-control.md:18:1 error Missing section `## Exceptions`, expected every policy to have it [body/required-section]',
        '',
        '3 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('matches section titles regardless of case and emphasis', async () => {
    const { diagnostics, allText } = await checkFixture('body-required-section', 'ok', 'body/required-section');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
