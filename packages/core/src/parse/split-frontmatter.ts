/**
 * Split a document into its frontmatter and body exactly as gray-matter 4 did for Evident (the
 * `---` delimiters, a language named after the opening one, a block of only comments read as empty),
 * without loading gray-matter and the js-yaml it brings on every start. A property test holds it to
 * gray-matter's answers. Pure.
 */
export interface FrontmatterSplit {
  /** The language named after the opening `---`, as written (trimmed); `yaml` when none is named. */
  language: string;
  /** The frontmatter block, starting right after the opening line's language; undefined when it is empty (only blank lines and comments) or there is none. */
  matter: string | undefined;
  /** The body after the closing delimiter. */
  content: string;
}

/**
 * `text` has no byte order mark. A text that does not start with `---` has no frontmatter; one that
 * starts with `----` neither (its content is the whole text).
 */
export function splitFrontmatter(text: string): FrontmatterSplit {
  if (!text.startsWith('---') || text.charAt(3) === '-') return { language: 'yaml', matter: undefined, content: text };
  let rest = text.slice(3);
  const length = rest.length;
  // The rest of the opening line names a language (gray-matter reads up to the first line break; none: all but the last character).
  const raw = rest.slice(0, rest.search(/\r?\n/));
  const name = raw.trim();
  if (name) rest = rest.slice(raw.length);
  let close = rest.indexOf('\n---');
  if (close === -1) close = length;
  const matter = rest.slice(0, close);
  const empty = matter.replace(/^\s*#[^\n]+/gm, '').trim() === '';
  let content = '';
  if (close !== length) {
    content = rest.slice(close + 4);
    if (content.charAt(0) === '\r') content = content.slice(1);
    if (content.charAt(0) === '\n') content = content.slice(1);
  }
  return { language: name || 'yaml', matter: empty ? undefined : matter, content };
}

/** Engines gray-matter was given (and its own), by name: `yaml` reads, the others are refused. */
const ENGINES: ReadonlySet<string> = new Set(['yaml', 'js', 'javascript', 'coffee', 'coffeescript', 'json', 'toml']);

/**
 * The engine gray-matter would have run for a language: the name itself, or its alias (`yml` to
 * `yaml`, `js` to `javascript`, `cson` and `coffeescript` to `coffee`); undefined when none is registered.
 */
export function frontmatterEngine(language: string): string | undefined {
  if (ENGINES.has(language)) return language;
  const alias = aliasOf(language);
  return ENGINES.has(alias) ? alias : undefined;
}

function aliasOf(name: string): string {
  switch (name.toLowerCase()) {
    case 'js':
    case 'javascript':
      return 'javascript';
    case 'coffee':
    case 'coffeescript':
    case 'cson':
      return 'coffee';
    case 'yaml':
    case 'yml':
      return 'yaml';
    default:
      return name;
  }
}
