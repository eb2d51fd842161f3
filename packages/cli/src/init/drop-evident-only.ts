/** The lines that open and close a passage of a starter file that only holds in Evident's own repository. */
export const EVIDENT_ONLY_START = '<!-- evident-only:start -->';
export const EVIDENT_ONLY_END = '<!-- evident-only:end -->';

/**
 * A starter Markdown file less its passages between `<!-- evident-only:start -->` and
 * `<!-- evident-only:end -->` lines (markers included): what describes Evident's own development
 * (its scripts, its CI, its packages) and is wrong in a company's repository. Pure.
 */
export function dropEvidentOnly(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let inside = false;
  for (const line of lines) {
    const marker = line.trim();
    if (marker === EVIDENT_ONLY_START) inside = true;
    else if (marker === EVIDENT_ONLY_END) inside = false;
    else if (!inside) kept.push(line);
  }
  return kept.join('\n');
}
