import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { bodyPlaceholders } from '../parse/body-placeholders.js';

describe('body/unknown-placeholder', () => {
  it('reports every `{{...}}` Evident does not fill, at its position', async () => {
    const { text } = await checkFixture('body-unknown-placeholder', 'not-ok', 'body/unknown-placeholder');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:37:35 error Unexpected placeholder `{{ company.ceo }}`, expected one Evident fills (`{{organization.name}}`, `{{security_officer.name}}`, `{{security_officer.email}}`) or the text itself [body/unknown-placeholder]',
        '  policies/access-control.md:38:1 error Unexpected placeholder `{{#if organization.name}}`, expected one Evident fills (`{{organization.name}}`, `{{security_officer.name}}`, `{{security_officer.email}}`) or the text itself [body/unknown-placeholder]',
        '  policies/access-control.md:38:46 error Unexpected placeholder `{{/if}}`, expected one Evident fills (`{{organization.name}}`, `{{security_officer.name}}`, `{{security_officer.email}}`) or the text itself [body/unknown-placeholder]',
        '',
        '3 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('accepts the placeholders Evident fills, with or without spaces inside the braces', async () => {
    const { diagnostics, allText } = await checkFixture('body-unknown-placeholder', 'ok', 'body/unknown-placeholder');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('finds each placeholder with its name and offset', () => {
    expect(bodyPlaceholders('a {{ x.y }} b {{z}}\n{ {{}} }')).toEqual([
      { name: 'x.y', text: '{{ x.y }}', index: 2 },
      { name: 'z', text: '{{z}}', index: 14 },
      { name: '', text: '{{}}', index: 22 },
    ]);
    expect(bodyPlaceholders('no braces')).toEqual([]);
  });
});
