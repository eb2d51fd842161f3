/** `#123`, `owner/repo#123` and tracker keys such as `ABC-123`, not inside a longer word. */
const PATTERN = /(?<![\w/#-])(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d+)|([A-Z][A-Z0-9]{1,9}-\d+))(?![\w-])/g;

/** Prefixes of names that look like tracker keys but are standards (UTF-8, SHA-256, ISO-27001, TLS-13). */
const NOT_TICKETS = new Set(['AES', 'HTTP', 'ISO', 'MD', 'RFC', 'RSA', 'SHA', 'SSL', 'TLS', 'UTF']);

/**
 * The issue and ticket references of a pull request's title and body, each once, in the order
 * they first appear. Pure.
 */
export function ticketReferences(title: string, body: string | null | undefined): string[] {
  const found = new Set<string>();
  for (const text of [title, body ?? '']) {
    for (const match of text.matchAll(PATTERN)) {
      if (match[3] && NOT_TICKETS.has(match[3].slice(0, match[3].indexOf('-')))) continue;
      found.add(match[3] ?? `${match[1] ?? ''}#${match[2]}`);
    }
  }
  return [...found];
}
