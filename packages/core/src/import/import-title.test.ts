import { describe, expect, it } from '@jest/globals';
import { fileNameTitle, importTitle } from './import-title.js';

const fromName = (text: string) => ({ text, from: 'the file name' });

describe('importTitle', () => {
  it('takes the first source that gives a title, as it is written', () => {
    expect(importTitle([{ text: undefined, from: 'the frontmatter' }, { text: 'Access Control Policy.', from: 'the first heading' }], fromName('Access'))).toEqual({ title: 'Access Control Policy.', from: 'the first heading' });
  });

  it('follows a file name too short for a title with " Policy", and says why each source was passed over', () => {
    expect(importTitle([{ text: ' \n ', from: 'the frontmatter' }, { text: '…', from: 'the first heading' }], fromName('It'))).toEqual({
      title: 'It Policy',
      from: 'the file name',
      needs: 'confirm the title `It Policy`, taken from the file name: the frontmatter is empty; the first heading gives `…`, with no letter or digit',
    });
  });

  it('cuts a word without spaces at 199 characters, counting characters rather than UTF-16 units, and never splits one', () => {
    const { title } = importTitle([{ text: '𝐀'.repeat(250), from: 'the first heading' }], fromName('Emoji'));
    expect([...title]).toHaveLength(200);
    expect(title).toBe(`${'𝐀'.repeat(199)}…`);
    expect(importTitle([], fromName(`${'a'.repeat(198)}.. more`)).title).toBe(`${'a'.repeat(198)}…`);
  });
});

describe('fileNameTitle', () => {
  it('keeps the letters and casing of the file name as written, reading dashes and underscores as spaces', () => {
    expect(fileNameTitle('policies/Política de acceso.md')).toBe('Política de acceso');
    expect(fileNameTitle('Sécurité_des-données.markdown')).toBe('Sécurité des données');
    expect(fileNameTitle('Straße und Ærø.md')).toBe('Straße und Ærø');
    expect(fileNameTitle('数据 保护.md')).toBe('数据 保护');
    expect(fileNameTitle('SOC2 policy.md')).toBe('SOC2 policy');
  });

  it('capitalises each word of a name written all in lowercase, accented letters included', () => {
    expect(fileNameTitle('incident-response.md')).toBe('Incident Response');
    expect(fileNameTitle('política-de-acceso.md')).toBe('Política De Acceso');
    expect(fileNameTitle('école_über  öffentlich.md')).toBe('École Über Öffentlich');
  });

  it('gives one Unicode form (NFC) whichever the file system stored', () => {
    expect(fileNameTitle('Pol\u0131tica.md')).toBe('Pol\u0131tica');
    expect(fileNameTitle('Politi\u0301ca.md')).toBe('Polit\u00edca');
  });
});
