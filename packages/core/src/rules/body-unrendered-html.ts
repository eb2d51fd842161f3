import { code } from '../diagnostic.js';
import { outlineMarkdown } from '../parse/markdown-outline.js';
import type { Rule } from './rule.js';

/** HTML elements: a tag naming one is raw HTML; any other `<words in angle brackets>` is a placeholder someone meant to fill. */
const HTML_TAGS = new Set(
  'a abbr address article aside b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i iframe img input ins kbd label li main mark nav object ol p picture pre q s samp script section small source span strike strong style sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr'.split(' '),
);

/** Raw HTML of a body as written, with its 1-based position in the body; comments are left out (they are invisible on GitHub too). */
export function rawHtml(body: string): { html: string; line: number; column: number }[] {
  return outlineMarkdown(body, 0).html;
}

const tagName = (html: string) => /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html)?.[1]?.toLowerCase();
const shown = (html: string) => code(html.length > 60 ? `${html.split('\n')[0]!.slice(0, 57)}...` : html.split('\n')[0]!);

export const bodyUnrenderedHtml: Rule = {
  id: 'body/unrendered-html',
  description: 'Policy and control bodies hold no raw HTML or `<placeholder in angle brackets>`: rendering would drop or alter that text, so the page would differ from the approved Markdown. The portal shows it literally.',
  check(model, report) {
    for (const doc of model.documents) {
      // The outline found the raw HTML when the document was parsed: the body is not parsed again.
      for (const found of doc.outline.html) {
        const name = tagName(found.html);
        const message = name !== undefined && !HTML_TAGS.has(name)
          ? `Unexpected placeholder in angle brackets ${shown(found.html)}, expected the value it asks for (or \`\\<\` to show the brackets as text)`
          : `Unexpected raw HTML ${shown(found.html)}, expected Markdown (raw HTML is shown as literal text, not rendered)`;
        report({ message, file: doc.path, line: found.line, column: found.column });
      }
    }
  },
};
