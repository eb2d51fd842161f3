import { outlineMarkdown } from '@evident/core';
import path from 'node:path/posix';

/** The Evident repository and commit a CLI was built from, whose documentation a scaffold's links can point at. */
export interface DocsSource {
  repository: string;
  commit: string;
}

/** What a scaffold says of an Evident document it does not carry, when it cannot link to it. */
export const ELSEWHERE = "in Evident's documentation";

const hasScheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);
/** `[text](destination)` or `[text](<destination>)` at the start of the text; the text may wrap, nest brackets or hold code. */
const inlineLink = /^\[((?:[^[\]\\]|\\.|\[(?:[^[\]\\]|\\.)*\])*)\]\([ \t]*(<[^>\n]*>|[^\s()]+)[ \t]*\)/;

/**
 * Point the relative links of a Markdown file copied into a scaffold (at `file`, a repository path)
 * that name a file the scaffold does not carry at Evident's own copy: `https://github.com/REPO/blob/COMMIT/PATH#anchor`
 * when `source` names the release, else the path as plain text, "in Evident's documentation". Links to
 * carried files, anchors, absolute URLs and links in code stay as they are. Pure.
 */
export function pointDocLinks(file: string, text: string, carried: ReadonlySet<string>, source?: DocsSource): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const link of outlineMarkdown(text, 0).links) {
    if (link.url === '' || link.url.startsWith('#') || hasScheme(link.url)) continue;
    const hash = link.url.indexOf('#');
    const target = hash === -1 ? link.url : link.url.slice(0, hash);
    const anchor = hash === -1 ? '' : link.url.slice(hash);
    const resolved = target.startsWith('/') ? path.normalize(target.slice(1)) : path.join(path.dirname(file), target);
    if (carried.has(resolved.replace(/\/$/, ''))) continue;
    const start = (lineStarts[link.line - 1] ?? 0) + link.column - 1;
    const match = inlineLink.exec(text.slice(start));
    if (!match || match[2]!.replace(/^<|>$/g, '') !== link.url) continue;
    const label = match[1]!;
    const replacement = source
      ? `[${label}](https://github.com/${source.repository}/blob/${source.commit}/${resolved}${anchor})`
      : plainMention(label, `${resolved}${anchor}`);
    edits.push({ start, end: start + match[0].length, text: replacement });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A link's text and the document it named, as plain text: `` Git LFS (`docs/lfs.md` in Evident's documentation) ``, or `` `docs/lfs.md` in Evident's documentation `` when the text was its name. */
function plainMention(label: string, where: string): string {
  const bare = label.replace(/`/g, '');
  const named = bare === where || bare === path.basename(where.replace(/#.*$/, '')) || bare === where.replace(/#.*$/, '');
  return named ? `\`${where}\` ${ELSEWHERE}` : `${label} (\`${where}\` ${ELSEWHERE})`;
}

/**
 * In the comments of a workflow or `.gitattributes` copied into a scaffold, say that a cited
 * `docs/NAME.md` the scaffold does not carry is Evident's (`Evident's docs/lfs.md`). Pure.
 */
export function pointDocMentions(text: string, carried: ReadonlySet<string>): string {
  return text.replace(/^([^#\n]*?(?:^|\s))(#.*)$/gm, (_, code: string, comment: string) => code + citeEvidentDocs(comment, carried));
}

/** Every `docs/NAME.md` cited in the text that the scaffold does not carry, as `Evident's docs/NAME.md` (for schema descriptions). Pure. */
export function citeEvidentDocs(text: string, carried: ReadonlySet<string>): string {
  return text.replace(/(Evident's )?\b(docs\/[\w./-]+?\.md)\b/g, (mention: string, already: string | undefined, doc: string) => (already || carried.has(doc) ? mention : `Evident's ${doc}`));
}
