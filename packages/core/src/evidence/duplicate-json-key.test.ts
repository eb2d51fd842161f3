import { describe, expect, it } from '@jest/globals';
import { findDuplicateJsonKey } from './duplicate-json-key.js';

describe('findDuplicateJsonKey', () => {
  it('finds a key named twice in a nested object, with where it is', () => {
    expect(findDuplicateJsonKey('{"subject":{"detail":"a","reason":"x","detail":"b"}}')).toEqual({ key: 'detail', path: 'subject' });
    expect(findDuplicateJsonKey('{"id":1,"id":2}')).toEqual({ key: 'id', path: '' });
    expect(findDuplicateJsonKey('{"s":{"reviews":[{"a":1},{"b":1,"b":2}]}}')).toEqual({ key: 'b', path: 's.reviews[1]' });
    expect(findDuplicateJsonKey('{"a b":{"x":1,"x":1}}')).toEqual({ key: 'x', path: '"a b"' });
  });

  it('compares keys as JSON.parse decodes them', () => {
    expect(findDuplicateJsonKey('{"approved":false,"appr\\u006fved":true}')).toEqual({ key: 'approved', path: '' });
  });

  it('accepts the same key in sibling objects, keys inside strings and escaped quotes', () => {
    expect(findDuplicateJsonKey('[{"a":1},{"a":2}]')).toBeUndefined();
    expect(findDuplicateJsonKey('{"a":{"b":1},"b":{"a":"{\\"a\\":1,\\"a\\":2}"}}')).toBeUndefined();
    expect(findDuplicateJsonKey('{"t":"x\\\\","u":["\\"",{"t":1}],"v":null}')).toBeUndefined();
    expect(findDuplicateJsonKey('"{\\"a\\":1,\\"a\\":1}"')).toBeUndefined();
  });
});
