import type { RepositoryModel } from '@evident/core';
import { BundleScopeError } from './bundle-scope-error.js';

/**
 * Evidence files that are Git LFS pointers in the working tree: their content was never fetched, so
 * a bundle would hand the auditor pointers instead of evidence. A refusal naming each, or undefined. Pure.
 */
export function unfetchedLfsContent(model: RepositoryModel): BundleScopeError | undefined {
  const pointers = [...model.evidence.files]
    .filter(([, digest]) => digest.lfsPointer)
    .map(([file]) => file)
    .sort();
  if (pointers.length === 0) return undefined;
  return new BundleScopeError(pointers.map((file) => `Evidence \`${file}\` is a Git LFS pointer: its content was not fetched, run \`git lfs pull\``).join('\n'));
}
