import { describe, expect, it } from '@jest/globals';
import { colourEnabled } from './colour-enabled.js';

describe('colourEnabled', () => {
  it('colours a terminal and nothing else by default', () => {
    expect(colourEnabled({}, true)).toBe(true);
    expect(colourEnabled({}, false)).toBe(false);
    expect(colourEnabled({}, undefined)).toBe(false);
    expect(colourEnabled({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourEnabled({ TERM: 'xterm-256color' }, true)).toBe(true);
  });

  it.each([['1'], ['2'], ['3'], ['true'], ['TRUE'], ['']])('forces colours on without a terminal with FORCE_COLOR=%j', (value) => {
    expect(colourEnabled({ FORCE_COLOR: value }, false)).toBe(true);
    expect(colourEnabled({ FORCE_COLOR: value, TERM: 'dumb' }, false)).toBe(true);
  });

  it.each([['0'], ['false'], ['False']])('turns colours off on a terminal with FORCE_COLOR=%j', (value) => {
    expect(colourEnabled({ FORCE_COLOR: value }, true)).toBe(false);
  });

  it('turns colours off with any non-empty NO_COLOR, even when FORCE_COLOR asks for them', () => {
    for (const value of ['1', '0', 'false', 'yes']) {
      expect(colourEnabled({ NO_COLOR: value }, true)).toBe(false);
      expect(colourEnabled({ NO_COLOR: value, FORCE_COLOR: '1' }, true)).toBe(false);
      expect(colourEnabled({ NO_COLOR: value, FORCE_COLOR: '3' }, false)).toBe(false);
    }
  });

  it('ignores an empty NO_COLOR', () => {
    expect(colourEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colourEnabled({ NO_COLOR: '', FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourEnabled({ NO_COLOR: '' }, false)).toBe(false);
  });
});
