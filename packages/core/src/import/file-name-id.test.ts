import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assertProperty } from '../../test/property-seed.js';
import { unportableNamePart } from '../evidence-items/portable-name.js';
import { fileNameId } from './file-name-id.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('fileNameId', () => {
  it.each([
    ['Access Control Policy.md', 'access-control-policy'],
    ['policies/Política de acceso.md', 'politica-de-acceso'],
    ['Politica\u0301 de acceso.markdown', 'politica-de-acceso'],
    ['Sécurité des données.md', 'securite-des-donnees'],
    ['Ångström_Über-Richtlinie.md', 'angstrom-uber-richtlinie'],
    ['Straße.md', 'strasse'],
    ['Søknad og Ærlighet.md', 'soknad-og-aerlighet'],
    ['Łódź Œuvre þing.md', 'lodz-oeuvre-thing'],
    ['ＦＵＬＬ ｗｉｄｔｈ ①.md', 'full-width-1'],
  ])('spells %j in ASCII as %j', (name, id) => {
    expect(fileNameId(name)).toEqual({ id, dropped: [], hashed: false, reserved: false });
  });

  it('leaves out letters with no ASCII spelling, and says which', () => {
    expect(fileNameId('数据 Policy 数.md')).toEqual({ id: 'policy', dropped: ['数', '据'], hashed: false, reserved: false });
    expect(fileNameId('Ωmega access.md')).toEqual({ id: 'mega-access', dropped: ['Ω'], hashed: false, reserved: false });
  });

  it('makes an id from a hash of a name with no ASCII letter or digit, the same for the same name in either Unicode form', () => {
    expect(fileNameId('数据.md')).toEqual({ id: 'policy-5440f742', dropped: ['数', '据'], hashed: true, reserved: false });
    expect(fileNameId('---.md')).toEqual({ id: 'policy-cb3f91d5', dropped: [], hashed: true, reserved: false });
    expect(fileNameId('ελληνικά.md').id).toBe(fileNameId('ελληνικά.md'.normalize('NFD')).id);
    expect(fileNameId('ελληνικά.md').id).not.toBe(fileNameId('数据.md').id);
  });

  it('follows a device name Windows reserves with "-policy"', () => {
    expect(fileNameId('AUX.md')).toEqual({ id: 'aux-policy', dropped: [], hashed: false, reserved: true });
    expect(fileNameId('Cön.md').id).toBe('con-policy');
    expect(fileNameId('com1.md').id).toBe('com1-policy');
    expect(fileNameId('auxiliary.md').id).toBe('auxiliary');
  });
});

describe('fileNameId on any name', () => {
  it('gives an id the policy schema accepts and every operating system can write', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'Z', '9', ' ', '-', '_', '.', '/', 'é', 'e\u0301', 'ß', 'ø', 'Æ', 'ı', '数', 'Ω', '①', 'ﬁ', '\u0301', 'aux', 'NUL', 'com1', '\u200b', '🙂', '.md'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    assertProperty(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const name = pieces.join('');
        const { id } = fileNameId(name);
        expect(id).toMatch(ID);
        expect(unportableNamePart(id)).toBeUndefined();
        expect(fileNameId(name.normalize('NFD')).id).toBe(id);
      }),
    );
  });
});
