import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import MarkdownIt, { type Token } from 'markdown-it';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertProperty } from '../../test/property-seed.js';
import { createMarkdownParser } from './markdown-outline.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** markdown-it as it comes, with the outline's settings but its own Token and push methods. */
function stockParser(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('commonmark');
  md.normalizeLink = (url) => url;
  md.validateLink = () => true;
  md.core.ruler.disable('strip_references');
  return md;
}

/** Every token as its prototype, own keys in order and values, children included. */
function shape(tokens: readonly Token[]): unknown[] {
  return tokens.map((token) => ({
    prototype: Object.getPrototypeOf(token),
    keys: Object.keys(token),
    descriptors: Object.values(Object.getOwnPropertyDescriptors(token)).map(({ writable, enumerable, configurable }) => [writable, enumerable, configurable]),
    fields: { ...token, children: token.children && shape(token.children) },
  }));
}

const piece = fc.constantFrom(
  '# Heading', '## Sub *em* `code`', 'Setext\n===', 'text', ' ', '\n', '\n\n', '- item', '1. one', '> quote', '    indented code', '```\nfence [x](y)\n```', '---', '[link](./a.md)', '![img](b.png "t")',
  '[ref]', '[ref]: ./c.md', '<https://x.y>', '<span>', '<div>\nblock\n</div>', '<!-- c -->', '*a* **b** _c_', '\\[escaped\\]', '&amp; &copy;', '`a`', 'line  \nbreak', '| a | b |', 'é 😀',
);
const bodies = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''));

describe("the outline's markdown-it", () => {
  const ours = createMarkdownParser().md;
  const stock = stockParser();

  it('makes the tokens stock markdown-it makes: same prototype, fields, order and nesting', () => {
    assertProperty(
      fc.property(bodies, (body) => {
        expect(shape(ours.parse(body, {}))).toEqual(shape(stock.parse(body, {})));
      }),
      { numRuns: 500 },
    );
  });

  it("makes the tokens stock markdown-it makes for this repository's policies and controls", () => {
    for (const folder of ['policies', 'controls']) {
      for (const name of readdirSync(path.join(root, folder))) {
        const text = readFileSync(path.join(root, folder, name), 'utf8');
        const body = text.slice(text.indexOf('\n---', 3) + 4);
        expect(shape(ours.parse(body, {}))).toEqual(shape(stock.parse(body, {})));
      }
    }
  });
});
