import { describe, expect, it } from '@jest/globals';
import { inertMarkdown, inertText } from './inert-markdown.js';

describe('inertText', () => {
  it('escapes HTML, links, images, emphasis, headings, math and pipes, and keeps it on one line', () => {
    expect(inertText('# <b>x</b> & ![i](u) [l](u) *e* ~s~ $m$ a|b \\ `c`\nnext')).toBe(
      '\\# \\<b\\>x\\</b\\> \\& \\!\\[i\\](u) \\[l\\](u) \\*e\\* \\~s\\~ \\$m\\$ a\\|b \\\\ \\`c\\` next',
    );
  });

  it('escapes an underscore only where it could open or close emphasis', () => {
    expect(inertText('uncovered-criterion_CC6.2 _x_')).toBe('uncovered-criterion_CC6.2 \\_x\\_');
  });

  it('leaves ordinary text alone', () => {
    expect(inertText('2026-08: met, LOG-01 (monthly).')).toBe('2026-08: met, LOG-01 (monthly).');
  });
});

describe('inertMarkdown', () => {
  it('keeps code spans and escapes the text around them', () => {
    expect(inertMarkdown('Unexpected `<b>` in <i>x</i>')).toBe('Unexpected `<b>` in \\<i\\>x\\</i\\>');
  });

  it('matches a code span by its fence length, as CommonMark does', () => {
    expect(inertMarkdown('a ``` x`` <b>y</b> ``z ``` <b>')).toBe('a ``` x`` <b>y</b> ``z ``` \\<b\\>');
  });

  it('escapes a backtick run that no run of the same length closes', () => {
    expect(inertMarkdown('a `` b ` <i>')).toBe('a \\`\\` b \\` \\<i\\>');
  });

  it('escapes pipes inside code spans too for a table cell', () => {
    expect(inertMarkdown('`a|b` c|d', true)).toBe('`a\\|b` c\\|d');
    expect(inertMarkdown('`a|b`')).toBe('`a|b`');
  });
});
