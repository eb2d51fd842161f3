import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import matter from 'gray-matter';
import { assertProperty } from '../../test/property-seed.js';
import { frontmatterEngine, splitFrontmatter } from './split-frontmatter.js';

/** What gray-matter 4 makes of a text with Evident's options: the engine it runs (and on what), or its refusal, the language and the body. */
function grayMatter(text: string): { language: string; engine: string | undefined; matter: string | undefined; content: string } | { unregistered: string } {
  let called: { engine: string; raw: string } | undefined;
  const engine = (name: string) => (raw: string) => {
    called = { engine: name, raw };
    return {};
  };
  try {
    const parsed = matter(text, {
      language: 'yaml',
      engines: { yaml: engine('yaml'), js: engine('js'), javascript: engine('javascript'), coffee: engine('coffee'), coffeescript: engine('coffeescript'), json: engine('json'), toml: engine('toml') },
    });
    return { language: parsed.language, engine: called?.engine, matter: called?.raw, content: parsed.content };
  } catch (error) {
    const unregistered = /^gray-matter engine "([^]*)" is not registered$/.exec(String((error as Error).message))?.[1];
    if (unregistered === undefined) throw error;
    return { unregistered };
  }
}

function ours(text: string): ReturnType<typeof grayMatter> {
  const split = splitFrontmatter(text);
  if (split.matter === undefined) return { language: split.language, engine: undefined, matter: undefined, content: split.content };
  const engine = frontmatterEngine(split.language);
  if (engine === undefined) return { unregistered: split.language };
  return { language: split.language, engine, matter: split.matter, content: split.content };
}

/** Pieces documents are made of: delimiters of every kind, language names, line breaks, comments, YAML and Markdown. */
const piece = fc.constantFrom(
  '---', '---', '----', '--- ', '---\t', '...', '-', 'yaml', 'YAML', 'yml', ' yaml ', 'js', 'Js', 'javascript', 'json', 'JSON', 'toml', 'Toml', 'coffee', 'cson', 'CSON', 'coffeescript',
  '\n', '\n', '\n', '\r\n', '\r', '  ', '# comment', '  # indented', '#', 'id: x', 'title: "A: b"', 'key: |', '  text', '\n---', '\n---\n', '\r\n---\r\n', '\n----', '\n---x', '\n--- \n',
  '# Heading', 'Body text.', '\u00a0', '\ufeff', 'é', '😀',
);
const texts = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.tuple(fc.constantFrom('---', '---yaml', '---yml', '---js', '---  ', '----', '---json'), fc.constantFrom('\n', '\r\n'), fc.array(piece, { maxLength: 8 }), fc.constantFrom('\n---\n', '\r\n---\r\n', '\n---', '\n--- \n', '\n----\n'), fc.array(piece, { maxLength: 6 })).map(
    ([open, eol, front, close, body]) => open + eol + front.join('') + close + body.join(''),
  ),
);

describe('splitFrontmatter', () => {
  it('splits every text as gray-matter does: language, engine, frontmatter block and body', () => {
    assertProperty(
      fc.property(texts, (text) => {
        // Evident never passes a byte order mark (it strips one) or an empty text.
        fc.pre(text !== '' && !text.startsWith('\ufeff'));
        expect(ours(text)).toEqual(grayMatter(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a YAML block', '---\nid: x\n---\n# Body\n', { language: 'yaml', matter: '\nid: x', content: '# Body\n' }],
    ['CRLF line breaks', '---\r\nid: x\r\n---\r\n# Body\r\n', { language: 'yaml', matter: '\r\nid: x\r', content: '# Body\r\n' }],
    ['a named language', '---yaml\nid: x\n---\nBody', { language: 'yaml', matter: '\nid: x', content: 'Body' }],
    ['an empty block', '---\n---\nBody', { language: 'yaml', matter: undefined, content: 'Body' }],
    ['only comments', '---\n# id: x\n---\nBody', { language: 'yaml', matter: undefined, content: 'Body' }],
    ['no frontmatter', '# Title\n', { language: 'yaml', matter: undefined, content: '# Title\n' }],
    ['four dashes', '----\nid: x\n---\nBody', { language: 'yaml', matter: undefined, content: '----\nid: x\n---\nBody' }],
    ['text after the closing delimiter', '---\nid: x\n---  \nBody', { language: 'yaml', matter: '\nid: x', content: '  \nBody' }],
  ])('splits %s', (_, text, expected) => {
    expect(splitFrontmatter(text)).toEqual(expected);
  });

  it.each([
    ['yaml', 'yaml'],
    ['yml', 'yaml'],
    ['YAML', 'yaml'],
    ['js', 'js'],
    ['Js', 'javascript'],
    ['cson', 'coffee'],
    ['JSON', undefined],
    ['markdown', undefined],
  ])('finds the engine of `%s`', (language, engine) => {
    expect(frontmatterEngine(language)).toBe(engine);
  });
});
