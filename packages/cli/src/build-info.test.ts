import { describe, expect, it } from '@jest/globals';
import { describeBuild, parseBuildInfo, PACKAGE_NAME } from './build-info.js';
import { VERSION } from './version.js';

const commit = '0123456789abcdef0123456789abcdef01234567';

describe('build info', () => {
  it('reads a release build', () => {
    const info = parseBuildInfo(JSON.stringify({ name: 'x', version: '1.2.3', commit, repository: 'acme/evident', tag: 'evident-v1.2.3' }));
    expect(info).toEqual({ name: PACKAGE_NAME, version: '1.2.3', commit, repository: 'acme/evident', tag: 'evident-v1.2.3' });
    expect(describeBuild(info)).toBe(`${PACKAGE_NAME} 1.2.3 (evident-v1.2.3, commit ${commit}, acme/evident)`);
  });

  it('says when it is a development build, and drops malformed fields', () => {
    expect(parseBuildInfo(undefined)).toEqual({ name: PACKAGE_NAME, version: VERSION });
    expect(parseBuildInfo('{not json')).toEqual({ name: PACKAGE_NAME, version: VERSION });
    expect(parseBuildInfo(JSON.stringify({ commit: 'abc', repository: 'no slash', tag: 'a b' }))).toEqual({ name: PACKAGE_NAME, version: VERSION });
    expect(describeBuild(parseBuildInfo(undefined))).toBe(`${PACKAGE_NAME} ${VERSION} (development build, commit unknown)`);
  });
});
