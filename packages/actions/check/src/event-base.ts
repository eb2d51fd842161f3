/** The commit a change is compared with, and how to name it in the summary. */
export interface BaseRef {
  /** A commit SHA or any revision git understands. */
  ref: string;
  /** Shown in the summary, such as `main`. */
  label: string;
  /**
   * The pull request's head commit. When the checkout is GitHub's test merge of that head
   * into the base branch, the merge's first parent is the exact base the change merges into,
   * and is preferred to `ref` (which can lag behind the base branch).
   */
  headSha?: string;
}

/**
 * The base of the change an event describes: the pull request's base commit, or the
 * merge queue's base. Undefined for events without one (push, schedule...). Pure.
 */
export function baseFromEvent(eventName: string | undefined, payload: unknown): BaseRef | undefined {
  const event = (payload ?? {}) as { pull_request?: { base?: { sha?: unknown; ref?: unknown }; head?: { sha?: unknown } }; merge_group?: { base_sha?: unknown; base_ref?: unknown } };
  if (eventName === 'merge_group') {
    const sha = event.merge_group?.base_sha;
    if (typeof sha !== 'string' || sha === '') return undefined;
    return { ref: sha, label: branchName(event.merge_group?.base_ref) ?? sha.slice(0, 12) };
  }
  const sha = event.pull_request?.base?.sha;
  if (typeof sha !== 'string' || sha === '') return undefined;
  const base: BaseRef = { ref: sha, label: branchName(event.pull_request?.base?.ref) ?? sha.slice(0, 12) };
  const head = event.pull_request?.head?.sha;
  if (typeof head === 'string' && /^[0-9a-f]{40}$/.test(head)) base.headSha = head;
  return base;
}

function branchName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref !== '' ? ref.replace(/^refs\/heads\//, '') : undefined;
}
