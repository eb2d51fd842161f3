import type { Diagnostic } from '@evident/core';

/** evident.yaml cannot be used, or names no period: the bundle cannot be scoped. */
export class BundleScopeError extends Error {
  override name = 'BundleScopeError';
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}
