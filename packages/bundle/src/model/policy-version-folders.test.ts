import { describe, expect, it } from '@jest/globals';
import { portableNameCollisions, unportableNamePart } from '@evident/core';
import { policyVersionFolders } from './policy-version-folders.js';

describe('policyVersionFolders', () => {
  it('names the folder of a current policy, and of a past id no other shares, after the id', () => {
    expect([...policyVersionFolders(['access', 'backup', 'retired-policy'], ['access', 'backup'])]).toEqual([
      ['access', 'access'],
      ['backup', 'backup'],
      ['retired-policy', 'retired-policy'],
    ]);
  });

  it('follows a past id that Windows reserves with the first digits of its hash', () => {
    expect(policyVersionFolders(['aux', 'access'], ['access']).get('aux')).toBe('aux-321f68140efc');
  });

  it('keeps the current id and follows past ids that differ from it only in letter case with their hashes', () => {
    const folders = policyVersionFolders(['Access', 'access', 'Aux', 'aux'], ['access']);
    expect([...folders]).toEqual([
      ['access', 'access'],
      ['Access', 'Access-ec5ba0abb717'],
      ['Aux', 'Aux-6e1fde7a55ac'],
      ['aux', 'aux-321f68140efc'],
    ]);
    const paths = ['policies/access.html', ...[...folders.values()].map((folder) => `policies/${folder}/v1.0.html`)];
    expect(portableNameCollisions(paths).size).toBe(0);
    expect(paths.filter((p) => unportableNamePart(p) !== undefined)).toEqual([]);
  });

  it('tells apart past ids that give one page name, and one that is the name of a current page', () => {
    expect([...policyVersionFolders(['a b', 'a_b', 'access.html'], ['access'])]).toEqual([
      ['access', 'access'],
      ['a b', 'a_b-c8687a08aa5d'],
      ['a_b', 'a_b-648fa9b31bc7'],
      ['access.html', 'access.html-b68a4da7a182'],
    ]);
  });
});
