import { describe, expect, it } from '@jest/globals';
import { fillPlaceholders, renderMarkdown } from './render-markdown.js';
import { renderBody } from './render-bodies.js';

const values = { organization: { name: 'Example & <Co>' }, security_officer: { name: 'Dana Whitfield' } };

describe('renderMarkdown', () => {
  it('renders Markdown with GFM tables, headings one level down under the page title', () => {
    expect(renderMarkdown('# Title\n\n| a | b |\n| - | - |\n| 1 | 2 |\n')).toBe('<h2>Title</h2>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>');
  });

  it.each([
    ['a script element', '<script>window.__pwned=1</script>', /<script/i],
    ['an event handler', '<img src="x" onerror="window.__pwned=2">', /<img|<[^>]*onerror/i],
    ['inline raw HTML', 'Hello <b onclick="x()">there</b> <iframe src="https://example.com"></iframe>', /<[^>]*onclick|<iframe|<b[\s>]/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link with entities', '[click](jav&#x09;ascript:alert(1))', /javascript|&#x9;|\t/i],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD4=)', /data:/i],
    ['a style attribute', '<p style="background:url(https://example.com/x)">x</p>', /<[^>]*style=/i],
    ['an HTML comment trick', '<!--><script>alert(1)</script>-->', /<script/i],
  ])('never lets %s reach the page', (_what, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('shows raw HTML and placeholders in angle brackets as literal text instead of dropping them, and drops comments', () => {
    expect(renderMarkdown('Write to <insert email address here> today.')).toBe('<p>Write to &#x3C;insert email address here> today.</p>');
    expect(renderMarkdown('<div align="center">\nSigned.\n</div>\n\n<!-- note -->\n\n- <br>')).toBe('<p>&#x3C;div align="center">\nSigned.\n&#x3C;/div></p>\n<ul>\n<li>&#x3C;br></li>\n</ul>');
  });

  it('keeps the text of a dropped javascript: link', () => {
    expect(renderMarkdown('[click me](javascript:alert(1))')).toBe('<p><span>click me</span></p>');
  });

  it('replaces images by their alt text, so nothing loads from outside', () => {
    expect(renderMarkdown('![company logo](https://example.com/logo.png)')).toBe('<p>[image: company logo]</p>');
  });

  it('keeps http links, resolves relative links through the bundle and drops those it cannot place', () => {
    const html = renderMarkdown('[site](https://example.com) [policy](security.md) [elsewhere](../docs/x.md)', (url) => (url === 'security.md' ? '../policies/security.html' : undefined));
    expect(html).toBe('<p><a href="https://example.com">site</a> <a href="../policies/security.html">policy</a> <span>elsewhere</span></p>');
  });
});

describe('fillPlaceholders', () => {
  it('fills organisation and security officer names, escaped for Markdown that becomes HTML', () => {
    expect(fillPlaceholders('{{organization.name}} and {{security_officer.name}}', values)).toBe('Example &amp; &lt;Co&gt; and Dana Whitfield');
    expect(renderMarkdown(fillPlaceholders('{{organization.name}}', values))).toBe('<p>Example &#x26; &#x3C;Co></p>');
  });

  it('leaves unknown names as written, for the reader to see, and runs nothing as a template', () => {
    expect(fillPlaceholders('Contact {{company.ceo}}.', values)).toBe('Contact {{company.ceo}}.');
    expect(fillPlaceholders('broken {{#if}', values)).toBe('broken {{#if}');
    expect(fillPlaceholders('{{#if organization.name}}yes{{/if}} {{ organization.name }}', values)).toBe('{{#if organization.name}}yes{{/if}} Example &amp; &lt;Co&gt;');
    expect(fillPlaceholders('{{security_officer.email}}', values)).toBe('{{security_officer.email}}');
  });

  it('runs no helper that could leak or log', () => {
    expect(fillPlaceholders('{{log "x"}}', values)).toBe('{{log "x"}}');
    expect(fillPlaceholders('{{lookup organization "name"}}', values)).toBe('{{lookup organization "name"}}');
    expect(fillPlaceholders('{{constructor.name}}{{organization.__proto__}}', values)).toBe('{{constructor.name}}{{organization.__proto__}}');
  });

  it('cannot smuggle HTML through a placeholder value', () => {
    const hostile = { organization: { name: '<script>alert(1)</script>' }, security_officer: { name: '[x](javascript:alert(1))' } };
    const html = renderBody({ body: '{{organization.name}} {{security_officer.name}}', from: 'policies/p.md' }, { values: hostile, targets: new Map() });
    expect(html).not.toMatch(/<script|javascript:/i);
  });
});
