/** The lines that open and close a passage of a starter Markdown file that only holds in Evident's own repository. */
export const EVIDENT_ONLY_START = '<!-- evident-only:start -->';
export const EVIDENT_ONLY_END = '<!-- evident-only:end -->';
/** The same markers in a file whose comments start with `#` (CODEOWNERS). */
export const EVIDENT_ONLY_HASH = { start: '# evident-only:start', end: '# evident-only:end' };

/**
 * A starter file less its passages between the markers (`<!-- evident-only:start -->` and
 * `<!-- evident-only:end -->` lines by default, markers included): what describes Evident's own
 * development (its scripts, its CI, its packages) and is wrong in a company's repository. Pure.
 */
export function dropEvidentOnly(text: string, markers: { start: string; end: string } = { start: EVIDENT_ONLY_START, end: EVIDENT_ONLY_END }): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let inside = false;
  for (const line of lines) {
    const marker = line.trim();
    if (marker === markers.start) inside = true;
    else if (marker === markers.end) inside = false;
    else if (!inside) kept.push(line);
  }
  return kept.join('\n');
}
