import { describe, expect, it } from '@jest/globals';
import { code } from './diagnostic.js';

describe('code', () => {
  it('wraps a plain value in single backticks', () => {
    expect(code('CC6.1')).toBe('`CC6.1`');
  });

  it('fences a value with one backtick more than its longest backtick run, so the value cannot close the span', () => {
    expect(code('a`b')).toBe('`` a`b ``');
    expect(code('x`` <b>INJECTED</b> ``y')).toBe('``` x`` <b>INJECTED</b> ``y ```');
    expect(code('````')).toBe('````` ```` `````');
  });

  it('pads a value that starts or ends with a backtick or a space, which CommonMark would otherwise strip or join to the fence', () => {
    expect(code('`x')).toBe('`` `x ``');
    expect(code('x`')).toBe('`` x` ``');
    expect(code(' x ')).toBe('`  x  `');
  });

  it('keeps a value on one line', () => {
    expect(code('a\nb')).toBe('`a b`');
  });
});
