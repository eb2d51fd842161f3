import type { Diagnostic } from '@evident/core';

/**
 * The program still holds what the starter shipped (`content/placeholder` findings): a bundle would
 * present it to the auditor as the company's. Built anyway only with `allowPlaceholders`.
 */
export class PlaceholdersError extends Error {
  override name = 'PlaceholdersError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `Unexpected ${diagnostics.length} starter ${diagnostics.length === 1 ? 'placeholder' : 'placeholders'} (\`content/placeholder\`), expected the company's own content; replace ${diagnostics.length === 1 ? 'it' : 'them'}, or build with --allow-placeholders (action input \`allow-placeholders: 'true'\`), which the manifest and index.html record`,
    );
  }
}
