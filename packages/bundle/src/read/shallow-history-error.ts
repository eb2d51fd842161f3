/**
 * The repository is a shallow clone (`git clone --depth 1`, a CI checkout's default): its history
 * stops short, so its oldest commit seems to add every policy. No policy history is read from it:
 * it would date every version from that commit and make up backdated versions.
 */
export class ShallowHistoryError extends Error {
  override name = 'ShallowHistoryError';
  constructor() {
    super(
      "Unexpected shallow clone, expected the default branch's whole history (cut short, its oldest commit seems to add every policy): run `git fetch --unshallow` (in a GitHub workflow, check out with `fetch-depth: 0`)",
    );
  }
}
