import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { rawHtml } from './body-unrendered-html.js';

describe('body/unrendered-html', () => {
  it('reports raw HTML and placeholders in angle brackets, at their position', async () => {
    const { text } = await checkFixture('body-unrendered-html', 'not-ok', 'body/unrendered-html');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:37:21 warning Unexpected placeholder in angle brackets `<insert email address here>`, expected the value it asks for (or `\\<` to show the brackets as text) [body/unrendered-html]',
        '  policies/access-control.md:37:65 warning Unexpected raw HTML `<br>`, expected Markdown (raw HTML is shown as literal text, not rendered) [body/unrendered-html]',
        '  policies/access-control.md:39:1 warning Unexpected raw HTML `<div align="center">`, expected Markdown (raw HTML is shown as literal text, not rendered) [body/unrendered-html]',
        '',
        '0 errors, 3 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('accepts escaped brackets, code, autolinks and comments', async () => {
    const { diagnostics, allText } = await checkFixture('body-unrendered-html', 'ok', 'body/unrendered-html');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('finds repeated inline HTML at each occurrence', () => {
    expect(rawHtml('a<br>b<br>\n\nc <x y>')).toEqual([
      { html: '<br>', line: 1, column: 2 },
      { html: '<br>', line: 1, column: 7 },
      { html: '<x y>', line: 3, column: 3 },
    ]);
  });
});
