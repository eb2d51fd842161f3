import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Git } from './git.js';

/** The checkout leaves out a folder or file the gate reads: an environment fault, not a finding. */
export class MissingFromCheckoutError extends Error {
  override name = 'MissingFromCheckoutError';
  constructor(readonly paths: readonly string[]) {
    super(
      `Unexpected ${paths.map((p) => `\`${p}\``).join(', ')} missing from the checkout, expected ${paths.length === 1 ? 'it' : 'them'} checked out: the commit has ${paths.length === 1 ? 'it' : 'them'}, the working tree does not. Add ${paths.length === 1 ? 'it' : 'them'} to \`sparse-checkout\` of the gate's checkout step (.github/workflows/pr-gate.yml).`,
    );
  }
}

/**
 * The paths (from the work tree's top level) that HEAD has but the working tree lacks: what a
 * sparse checkout left out. The gate reads policies, controls and the other configured paths from
 * the working tree, so a program whose evident.yaml moves them must check them out. `git` runs at
 * the top level `toplevel`.
 */
export async function missingFromCheckout(git: Git, toplevel: string, paths: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(paths.map((p) => p.replace(/\/+$/, '')).filter((p) => p !== '' && p !== '.' && p !== '..' && !p.startsWith('../')))];
  if (wanted.length === 0) return [];
  const listed = await git(['--literal-pathspecs', 'ls-tree', '-z', '--name-only', '--full-tree', 'HEAD', '--', ...wanted]);
  const committed = listed.split('\0').filter((p) => p !== '');
  const present = await Promise.all(
    committed.map((p) =>
      lstat(path.join(toplevel, p)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return committed.filter((_, i) => !present[i]).sort();
}
