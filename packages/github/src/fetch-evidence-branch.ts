import type { SimpleGit } from 'simple-git';
import { EvidenceBranchError, firstLine, remoteTrackingRef, resolveCommit, type EvidenceLocation } from './evidence-worktree.js';

/** Where the tip of the last clean verification (or of the last append) is kept: plain `git fetch` never moves it. */
export const verifiedRef = (location: EvidenceLocation) => `refs/evident/verified/${location.remote}/${location.branch}`;

/**
 * The remote's evidence branch no longer has a tip known here on its first-parent line (it was
 * force-pushed or deleted, or a merge kept that tip only as a merged parent). The remote tip was
 * fetched for inspection but not adopted.
 */
export class EvidenceRewriteError extends Error {
  override name = 'EvidenceRewriteError';
  constructor(
    readonly location: EvidenceLocation,
    /** The local ref that knew the tip, and that tip. */
    readonly knownRef: string,
    readonly known: string,
    /** The remote's tip now, or undefined when the branch was deleted. */
    readonly remoteTip: string | undefined,
    /** The remote tip contains the known tip, but only through a merge's other parent, not on its first-parent line. */
    readonly merged = false,
  ) {
    super(
      !remoteTip
        ? `Evidence branch \`${location.branch}\` was deleted on \`${location.remote}\`: its tip ${known} is recorded at \`${knownRef}\``
        : merged
          ? `Evidence branch \`${location.branch}\` on \`${location.remote}\` was rewritten: its tip ${remoteTip} keeps ${known}, the tip recorded at \`${knownRef}\`, only as a merged parent, not on its first-parent line (the collector never merges); the remote tip was not adopted`
          : `Evidence branch \`${location.branch}\` on \`${location.remote}\` was rewritten: its tip ${remoteTip} does not contain ${known}, the tip recorded at \`${knownRef}\`; the remote tip was not adopted`,
    );
  }
}

/** Whether `ancestor` is in the history of `descendant` (simple-git resolves a silent exit 1, so compare the merge base). */
async function isAncestor(git: SimpleGit, ancestor: string, descendant: string): Promise<boolean> {
  return git.raw(['merge-base', ancestor, descendant]).then(
    (base) => base.trim() === ancestor,
    () => false,
  );
}

/**
 * Whether `ancestor` is on the first-parent line of `descendant`. The collector only makes
 * single-parent commits, so a known tip reachable only through a merge's other parent was replaced.
 */
async function isOnFirstParentLine(git: SimpleGit, ancestor: string, descendant: string): Promise<boolean> {
  const line = await git.raw(['rev-list', '--first-parent', descendant, '--']);
  return line.split('\n').some((sha) => sha.trim() === ancestor);
}

/**
 * Fetch the evidence branch without forcing: the remote tip is fetched (into FETCH_HEAD) and the
 * remote-tracking ref moves to it only when every tip known here (the remote-tracking ref and the
 * last verified tip) is on its first-parent line. Otherwise throws EvidenceRewriteError naming
 * both commits. Returns the tip, or undefined when the remote has no such branch and none was known.
 */
export async function fetchEvidenceBranch(git: SimpleGit, location: EvidenceLocation): Promise<string | undefined> {
  const tracking = remoteTrackingRef(location);
  const heads = await git.raw(['ls-remote', '--heads', location.remote, `refs/heads/${location.branch}`]).catch((error: Error) => {
    throw new EvidenceBranchError(`Cannot reach remote \`${location.remote}\`: ${firstLine(error.message)}`);
  });
  const known: { ref: string; sha: string }[] = [];
  for (const ref of [verifiedRef(location), tracking]) {
    const sha = await resolveCommit(git, ref);
    if (sha) known.push({ ref, sha });
  }
  if (heads.trim() === '') {
    if (known[0]) throw new EvidenceRewriteError(location, known[0].ref, known[0].sha, undefined);
    return undefined;
  }
  // `--refmap=` keeps git from also updating the remote-tracking ref through the clone's forced `+refs/heads/*` refspec.
  await git.raw(['fetch', '--no-tags', '--quiet', '--refmap=', location.remote, `refs/heads/${location.branch}`]).catch((error: Error) => {
    throw new EvidenceBranchError(`Cannot fetch evidence branch \`${location.branch}\` from \`${location.remote}\`: ${firstLine(error.message)}`);
  });
  const tip = await resolveCommit(git, 'FETCH_HEAD');
  if (!tip) throw new EvidenceBranchError(`Cannot fetch evidence branch \`${location.branch}\` from \`${location.remote}\`: no commit was fetched`);
  for (const { ref, sha } of known) {
    if (!(await isAncestor(git, sha, tip))) throw new EvidenceRewriteError(location, ref, sha, tip);
    if (!(await isOnFirstParentLine(git, sha, tip))) throw new EvidenceRewriteError(location, ref, sha, tip, true);
  }
  const current = known.find((k) => k.ref === tracking)?.sha;
  if (current !== tip) await git.raw(['update-ref', '-m', 'evident: evidence branch fetched (fast-forward)', tracking, tip, ...(current ? [current] : [])]);
  return tip;
}

/** Record `commit` as the last verified tip of the evidence branch. */
export async function markVerified(git: SimpleGit, location: EvidenceLocation, commit: string): Promise<void> {
  await git.raw(['update-ref', '-m', 'evident: evidence branch verified', verifiedRef(location), commit]);
}
