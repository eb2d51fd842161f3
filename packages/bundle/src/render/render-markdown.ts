import { bodyPlaceholders } from '@evident/core';
import Handlebars from 'handlebars';
import type { Element, ElementContent, Root } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';

/** Values policy bodies may name as `{{organization.name}}`, `{{security_officer.name}}` and `{{security_officer.email}}`. */
export interface PlaceholderValues {
  organization: { name: string };
  security_officer: { name: string; email?: string };
}

/** Decides where a relative link in a document points inside the bundle; undefined drops the link, keeping its text. */
export type RewriteLink = (url: string) => string | undefined;

/**
 * Fill the `{{name}}` placeholders of a Markdown body that Evident knows (`BODY_PLACEHOLDER_NAMES`),
 * with the values escaped as HTML; every other `{{...}}` stays as written, for the reader to see
 * (`body/unknown-placeholder` reports it before approval). Nothing in a body is run as a template.
 * The result is Markdown: it still goes through `renderMarkdown`, never straight to a page.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const placeholders = bodyPlaceholders(body);
  if (placeholders.length === 0) return body;
  const known = new Map<string, string | undefined>([
    ['organization.name', values.organization.name],
    ['security_officer.name', values.security_officer.name],
    ['security_officer.email', values.security_officer.email],
  ]);
  let out = '';
  let at = 0;
  for (const placeholder of placeholders) {
    const value = known.get(placeholder.name);
    if (value === undefined) continue;
    out += body.slice(at, placeholder.index) + Handlebars.escapeExpression(value);
    at = placeholder.index + placeholder.text.length;
  }
  return out + body.slice(at);
}

/** The sanitisation schema: GitHub's, without images (an image would load from outside the bundle). */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !['img', 'picture', 'source', 'video', 'audio'].includes(tag)),
};

const isExternal = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Images become their alt text; relative links go through `rewrite`; other links are
 * left for sanitisation to judge. Headings go one level down: the page has its own title.
 */
function localOnly(tree: Root | Element, rewrite: RewriteLink | undefined): void {
  tree.children = tree.children.map((child): ElementContent => {
    if (child.type !== 'element') return child as ElementContent;
    const level = headings.indexOf(child.tagName);
    if (level !== -1) child.tagName = headings[Math.min(level + 1, 5)]!;
    if (child.tagName === 'img') {
      const alt = typeof child.properties.alt === 'string' ? child.properties.alt : '';
      return { type: 'text', value: `[image${alt ? `: ${alt}` : ''}]` };
    }
    if (child.tagName === 'a' && typeof child.properties.href === 'string') {
      const href = child.properties.href;
      if (!href.startsWith('#') && !isExternal(href)) {
        const target = rewrite?.(href);
        if (target === undefined) return { type: 'element', tagName: 'span', properties: {}, children: child.children };
        child.properties.href = target;
      }
    }
    localOnly(child, rewrite);
    return child;
  }) as typeof tree.children;
}

/** Containers whose children are blocks: raw HTML there becomes a paragraph of text. */
const FLOW = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Raw HTML becomes literal text, escaped when serialised: an approved `<insert email address here>`
 * reads as written instead of vanishing (rule `body/unrendered-html` warns about it). Comments
 * stay invisible, as on GitHub.
 */
function rawHtmlAsText(node: MdastNodes): void {
  if (!('children' in node)) return;
  const flow = FLOW.has(node.type);
  const children: MdastNodes[] = [];
  for (const child of node.children as MdastNodes[]) {
    if (child.type !== 'html') {
      rawHtmlAsText(child);
      children.push(child);
    } else if (!child.value.trimStart().startsWith('<!--')) {
      const text = { type: 'text' as const, value: child.value };
      children.push(flow ? { type: 'paragraph', children: [text] } : text);
    }
  }
  (node as { children: MdastNodes[] }).children = children;
}

/** A link sanitisation left without a target (a `javascript:` URL) becomes its text: no page holds an empty link. */
function noEmptyLinks(tree: Root | Element): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'a' && typeof child.properties.href !== 'string') {
      child.tagName = 'span';
      child.properties = {};
    }
    noEmptyLinks(child);
  }
}

const markdownExtensions = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/**
 * Markdown to safe HTML, the remark → rehype pipeline without the plugin layer (the same
 * utilities remark-parse, remark-gfm, remark-rehype, rehype-sanitize and rehype-stringify
 * run, called directly: a third faster over thousands of small documents):
 * parse with GFM, turn raw HTML into literal text (comments dropped), convert to HTML nodes,
 * replace images by their alt text, then sanitise (no scripts, event handlers or `javascript:`
 * links) and serialise.
 */
export function renderMarkdown(markdown: string, rewrite?: RewriteLink): string {
  const mdast: MdastRoot = fromMarkdown(markdown, markdownExtensions);
  rawHtmlAsText(mdast);
  const tree = toHast(mdast, { allowDangerousHtml: false }) as Root;
  localOnly(tree, rewrite);
  const safe = sanitize(tree, sanitizeSchema) as Root;
  noEmptyLinks(safe);
  return toHtml(safe);
}
