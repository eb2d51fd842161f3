import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { resolveLink } from './body-broken-link.js';

describe('body/broken-link', () => {
  it('reports relative links and link definitions to missing files or outside the repository', async () => {
    const { text } = await checkFixture('body-broken-link', 'not-ok', 'body/broken-link');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:32:22 error Unexpected broken link `../standards/passwords.md`, expected a path to a file in the repository [body/broken-link]',
        '  policies/access-control.md:33:43 error Unexpected broken link `../../README.md`, expected a path to a file in the repository [body/broken-link]',
        '  policies/access-control.md:35:1 error Unexpected broken link `./procedures/access-review.md`, expected a path to a file in the repository [body/broken-link]',
        '',
        '3 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('accepts links to files, folders, anchors, root-relative paths and other schemes', async () => {
    const { diagnostics, allText } = await checkFixture('body-broken-link', 'ok', 'body/broken-link');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('resolves links from the document folder', () => {
    expect(resolveLink('policies/a.md', '../controls/AC-01.md#test-procedure')).toBe('controls/AC-01.md');
    expect(resolveLink('policies/a.md', '/people.yaml')).toBe('people.yaml');
    expect(resolveLink('policies/a.md', 'my%20file.md?plain=1')).toBe('policies/my file.md');
    expect(resolveLink('policies/a.md', '../../outside.md')).toBeUndefined();
  });
});
