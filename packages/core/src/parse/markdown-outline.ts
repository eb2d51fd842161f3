import MarkdownIt, { type Delimiter, type Token } from 'markdown-it';

type Nesting = Token['nesting'];

/** What the checks need from a Markdown body: its headings and link targets, with file positions. */
export interface Outline {
  headings: { depth: number; text: string; line: number }[];
  /** Inline links and images with a destination, and link reference definitions; positioned at their start (`[` or `!`). */
  links: { url: string; line: number; column: number }[];
  /** Raw HTML blocks and inline tags as written (comments left out), positioned at their start. */
  html: { html: string; line: number; column: number }[];
}

/** A reusable CommonMark tokenizer for outlines. Create one per run (or per worker) and pass it down. */
export interface MarkdownParser {
  readonly md: InstanceType<typeof MarkdownIt>;
  /** Offset in its inline source where each link or image token starts, recorded as the tokens are made. */
  readonly starts: WeakMap<Token, number>;
}

/**
 * A CommonMark tokenizer (markdown-it) that keeps link destinations exactly as written
 * (no percent-encoding, no scheme filtering) and records where each link starts. The outline
 * agrees with remark's mdast tree on headings and links; a property test holds it to that.
 */
export function createMarkdownParser(): MarkdownParser {
  const md = new MarkdownIt('commonmark');
  md.normalizeLink = (url) => url;
  md.validateLink = () => true;
  // Keep link reference definitions in the token stream: their destinations are links too.
  md.core.ruler.disable('strip_references');
  const starts = new WeakMap<Token, number>();
  const TokenClass = new md.core.State('', md, {}).Token;
  // markdown-it's Token sets its first eight fields through a class-field helper (Object.defineProperty):
  // the most frequent call of a cold outline. This makes the same object (same prototype, the same own
  // fields in the same order, all plain writable data properties) by assignment.
  const FastToken = function (this: Token, type: string, tag: string, nesting: Nesting) {
    this.map = null;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.block = false;
    this.hidden = false;
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.nesting = nesting;
    this.meta = null;
  } as unknown as new (type: string, tag: string, nesting: Nesting) => Token;
  FastToken.prototype = TokenClass.prototype;
  // markdown-it's own push methods, with FastToken for Token.
  md.block.State = class FastBlockState extends md.block.State {
    override push(type: string, tag: string, nesting: Nesting): Token {
      const token = new FastToken(type, tag, nesting);
      token.block = true;
      if (nesting < 0) this.level--;
      token.level = this.level;
      if (nesting > 0) this.level++;
      this.tokens.push(token);
      return token;
    }
  };
  md.inline.State = class PositionedState extends md.inline.State {
    override pushPending(): Token {
      const token = new FastToken('text', '', 0);
      token.content = this.pending;
      token.level = this.pendingLevel;
      this.tokens.push(token);
      this.pending = '';
      return token;
    }

    override push(type: string, tag: string, nesting: Nesting): Token {
      if (this.pending) this.pushPending();
      const token = new FastToken(type, tag, nesting);
      let meta: { delimiters: Delimiter[] } | undefined;
      if (nesting < 0) {
        this.level--;
        this.delimiters = this._prev_delimiters.pop()!;
      }
      token.level = this.level;
      if (nesting > 0) {
        this.level++;
        this._prev_delimiters.push(this.delimiters);
        this.delimiters = [];
        meta = { delimiters: this.delimiters };
      }
      this.pendingLevel = this.level;
      this.tokens.push(token);
      this.tokens_meta.push(meta);
      // link_open is pushed with pos just after `[`; an image while pos is still on its `!`.
      if (type === 'link_open') starts.set(token, this.pos - 1);
      else if (type === 'image') starts.set(token, this.pos);
      return token;
    }
  };
  return { md, starts };
}

/**
 * Outline a Markdown body: ATX and setext headings with their plain text, inline link
 * and image destinations, and link reference definitions. Reference-style uses of a
 * definition are not repeated. `lineOffset` turns body lines into file lines.
 */
export function outlineMarkdown(body: string, lineOffset: number, parser: MarkdownParser = createMarkdownParser()): Outline {
  const lines = body.split(/\r\n|\r|\n/);
  const tokens = parser.md.parse(body, {});
  const outline: Outline = { headings: [], links: [], html: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'html_block' && token.map) {
      if (!token.content.trimStart().startsWith('<!--')) {
        const html = token.content.replace(/\n$/, '');
        outline.html.push({ html, ...locateHtml(html, lines, token.map[0], { line: token.map[0], index: 0 }, lineOffset) });
      }
    } else if (token.type === 'heading_open' && token.map) {
      outline.headings.push({ depth: Number(token.tag.slice(1)), text: plainText(tokens[i + 1]?.children ?? []), line: token.map[0] + 1 + lineOffset });
    } else if (token.type === 'reference_definition' && token.map) {
      const definition = definitionAt(lines, token.map[0], token.map[1], parser);
      if (definition) outline.links.push({ url: definition.url, line: token.map[0] + 1 + lineOffset, column: definition.column });
    } else if (token.type === 'inline' && token.map && token.children) {
      const cursor = { line: token.map[0], index: 0 };
      for (const child of token.children) {
        if (child.type === 'html_inline') {
          if (!child.content.startsWith('<!--')) outline.html.push({ html: child.content, ...locateHtml(child.content, lines, token.map[0], cursor, lineOffset) });
          continue;
        }
        const start = parser.starts.get(child);
        // Reference-style uses carry their label (the definition is the link); autolinks have no destination to check.
        if (start === undefined || child.markup === 'autolink' || (child.meta as { label?: string } | null)?.label !== undefined) continue;
        const url = String(child.attrGet(child.type === 'image' ? 'src' : 'href') ?? '');
        const at = position(token.content, start, lines, token.map[0]);
        outline.links.push({ url, line: at.line + 1 + lineOffset, column: at.column });
      }
    }
  }
  return outline;
}

/**
 * Where raw HTML starts: its first line, searched from `fromLine` (0-based, of the body) and past
 * `cursor`, which moves on so that repeated tags on a line are found one after the other.
 */
function locateHtml(html: string, lines: readonly string[], fromLine: number, cursor: { line: number; index: number }, lineOffset: number): { line: number; column: number } {
  const first = html.split('\n')[0]!;
  for (let l = Math.max(fromLine, cursor.line); l < lines.length; l += 1) {
    const at = lines[l]!.indexOf(first, l === cursor.line ? cursor.index : 0);
    if (at === -1) continue;
    cursor.line = l;
    cursor.index = at + first.length;
    return { line: l + 1 + lineOffset, column: at + 1 };
  }
  return { line: fromLine + 1 + lineOffset, column: 1 };
}

/**
 * The destination of the link reference definition on body lines [first, end), as written.
 * (Only the first definition of a label is kept by the parser, so each is read from its lines.)
 */
function definitionAt(lines: readonly string[], first: number, end: number, parser: MarkdownParser): { url: string; column: number } | undefined {
  const firstLine = lines[first] ?? '';
  const column = firstLine.indexOf('[');
  // Continuation lines less their indentation and blockquote markers.
  const text = [firstLine.slice(column), ...lines.slice(first + 1, end).map((line) => line.replace(/^[ \t]*(?:>[ \t]?)*[ \t]*/, ''))].join('\n');
  const label = /^\[(?:[^\\\[\]]|\\.)*\]:[ \t]*\n?[ \t]*/.exec(text);
  if (!label || column < 0) return undefined;
  const destination = parser.md.helpers.parseLinkDestination(text, label[0].length, text.length);
  return destination.ok ? { url: destination.str, column: column + 1 } : undefined;
}

/** Heading text as mdast's toString sees it: text, code and image descriptions, breaks as spaces. */
function plainText(children: readonly Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'html_inline') text += child.content;
    else if (child.type === 'image') text += plainText(child.children ?? []);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The body line (0-based) and column (1-based) of an offset in an inline block's content.
 * The content's lines are its source lines less indentation and container markers (and
 * trimmed at its two ends), so each is found at the end of its source line.
 */
function position(content: string, offset: number, lines: readonly string[], firstLine: number): { line: number; column: number } {
  const lineStart = content.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = content.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = content.length;
  let newlines = 0;
  for (let i = content.indexOf('\n'); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) newlines++;
  const source = lines[firstLine + newlines] ?? '';
  const contentLine = content.slice(lineStart, lineEnd);
  const base = source.lastIndexOf(contentLine);
  // Tabs partly taken as indentation come back as spaces: find the rest of the line instead. It ends
  // the source line (less trailing whitespace), so its last occurrence is the one; an earlier link
  // with the same text on the line would be found first from the left.
  const column = base >= 0 ? base + offset - lineStart : Math.max(0, source.lastIndexOf(content.slice(offset, lineEnd)));
  return { line: firstLine + newlines, column: column + 1 };
}
