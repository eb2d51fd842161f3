export type BundleProblemKind = 'modified' | 'missing' | 'extra' | 'unreadable' | 'manifest' | 'chain' | 'signature' | 'unsafe' | 'limit';

/**
 * A finding about a bundle. `unsafe`: an entry no extractor should write (a link, a directory, a path
 * leaving the bundle, a name some operating system cannot write or that differs from another entry's only
 * in letter case or Unicode form, sizes its data contradicts); `signature`: an evidence record whose signature does not verify against
 * the keys in the bundle's evident.yaml (or that is unsigned when signing was required); `limit`: a part past `VERIFY_LIMITS`, left unread.
 */
export interface BundleProblem {
  /** The file at fault, as named inside the bundle (`(zip)` for the zip as a whole). */
  file: string;
  problem: BundleProblemKind;
  message: string;
}

/** The zip itself cannot be opened: an environment fault, not a finding about its content. */
export class BundleOpenError extends Error {
  override name = 'BundleOpenError';
}
