import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('content/placeholder', () => {
  it('reports REPLACE markers, the example organisation, example names, domains, code owners and roster entries at their line', async () => {
    const { text } = await checkFixture('content-placeholder', 'not-ok', 'content/placeholder');
    expect(text).toBe(
      [
        '.github/CODEOWNERS',
        '  .github/CODEOWNERS:3:15 warning Unexpected example code owner `@example-cloud/engineering`, expected a team or person of your GitHub organisation [content/placeholder]',
        "  .github/CODEOWNERS:5:24 warning Unexpected example domain `example.com`, expected your organisation's domain [content/placeholder]",
        '',
        'controls/AC-01.md',
        "  controls/AC-01.md:12:21 warning Unexpected example domain `idp.example.com`, expected your organisation's domain [content/placeholder]",
        '',
        'evident.yaml',
        "  evident.yaml:5:9 warning Unexpected example organisation `Example Cloud`, expected your organisation's name [content/placeholder]",
        '  evident.yaml:6:42 warning Unexpected placeholder marker `REPLACE`, expected the value it asks for, with the marker removed [content/placeholder]',
        '  evident.yaml:7:5 warning Unexpected placeholder marker `REPLACE`, expected the value it asks for, with the marker removed [content/placeholder]',
        '  evident.yaml:18:12 warning Unexpected placeholder marker `REPLACE`, expected the value it asks for, with the marker removed [content/placeholder]',
        "  evident.yaml:22:18 warning Unexpected example name `example-cloud/security`, expected your organisation's own GitHub organisation, team or domain [content/placeholder]",
        '',
        'people.yaml',
        '  people.yaml:10:5 warning Unexpected example person `ada-lovelace` (GitHub `alovelace-example`), expected a member of your workforce, without `example: true` [content/placeholder]',
        '',
        'policies/access-control.md',
        "  policies/access-control.md:22:45 warning Unexpected example organisation `Example Cloud`, expected your organisation's name [content/placeholder]",
        '  policies/access-control.md:34:44 warning Unexpected placeholder marker `REPLACE`, expected the value it asks for, with the marker removed [content/placeholder]',
        '',
        '0 errors, 11 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing in a program of the company itself, and leaves detached comments and example links in policy text alone', async () => {
    const { diagnostics, allText } = await checkFixture('content-placeholder', 'ok', 'content/placeholder');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
