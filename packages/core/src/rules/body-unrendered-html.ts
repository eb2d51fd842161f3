import MarkdownIt, { type Token } from 'markdown-it';
import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** HTML elements: a tag naming one is raw HTML; any other `<words in angle brackets>` is a placeholder someone meant to fill. */
const HTML_TAGS = new Set(
  'a abbr address article aside b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i iframe img input ins kbd label li main mark nav object ol p picture pre q s samp script section small source span strike strong style sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr'.split(' '),
);

let parser: InstanceType<typeof MarkdownIt> | undefined;
/** A CommonMark tokenizer that keeps raw HTML as tokens (created once, on first use). */
const markdown = () => (parser ??= new MarkdownIt('commonmark'));

/** Raw HTML of a body as written, with its 1-based position in the body; comments are left out (they are invisible on GitHub too). */
export function rawHtml(body: string): { html: string; line: number; column: number }[] {
  const lines = body.split(/\r?\n/);
  const out: { html: string; line: number; column: number }[] = [];
  const locate = (html: string, fromLine: number, cursor: { line: number; index: number }) => {
    const first = html.split('\n')[0]!;
    for (let l = Math.max(fromLine, cursor.line); l < lines.length; l += 1) {
      const at = lines[l]!.indexOf(first, l === cursor.line ? cursor.index : 0);
      if (at === -1) continue;
      cursor.line = l;
      cursor.index = at + first.length;
      return { line: l + 1, column: at + 1 };
    }
    return { line: fromLine + 1, column: 1 };
  };
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'html_block' && token.map && !token.content.trimStart().startsWith('<!--')) {
        const html = token.content.replace(/\n$/, '');
        out.push({ html, ...locate(html, token.map[0], { line: token.map[0], index: 0 }) });
      }
      if (token.type === 'inline' && token.map && token.children) {
        const cursor = { line: token.map[0], index: 0 };
        for (const child of token.children) {
          if (child.type !== 'html_inline' || child.content.startsWith('<!--')) continue;
          out.push({ html: child.content, ...locate(child.content, token.map[0], cursor) });
        }
      }
    }
  };
  visit(markdown().parse(body, {}));
  return out;
}

const tagName = (html: string) => /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html)?.[1]?.toLowerCase();
const shown = (html: string) => code(html.length > 60 ? `${html.split('\n')[0]!.slice(0, 57)}...` : html.split('\n')[0]!);

export const bodyUnrenderedHtml: Rule = {
  id: 'body/unrendered-html',
  description: 'Policy and control bodies hold no raw HTML or `<placeholder in angle brackets>`: rendering would drop or alter that text, so the page would differ from the approved Markdown. The portal shows it literally.',
  check(model, report) {
    for (const doc of model.documents) {
      for (const found of rawHtml(doc.body)) {
        const name = tagName(found.html);
        const message = name !== undefined && !HTML_TAGS.has(name)
          ? `Unexpected placeholder in angle brackets ${shown(found.html)}, expected the value it asks for (or \`\\<\` to show the brackets as text)`
          : `Unexpected raw HTML ${shown(found.html)}, expected Markdown (raw HTML is shown as literal text, not rendered)`;
        report({ message, file: doc.path, line: found.line + doc.bodyLineOffset, column: found.column });
      }
    }
  },
};
