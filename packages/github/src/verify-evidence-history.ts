import type { ChainProblem } from '@evident/core';
import { changedFields, type RecordSummary } from './summarize-record.js';

/** One file a commit changed, as `git log --raw` lists it (against the first parent for merges). */
export interface RawChange {
  /** `A` added, `M` modified, `D` deleted, `T` type changed (renames are listed as `D` and `A`). */
  status: string;
  path: string;
  /** Blob before the change (zeros when added) and after it (zeros when deleted). */
  oldBlob: string;
  newBlob: string;
}

export interface HistoryCommit {
  sha: string;
  parents: string[];
  /** `Name <email>` as git records them: written by whoever made the commit, so not proof of anything. */
  author: string;
  committer: string;
  changes: RawChange[];
}

/** A record on the chain as the history built it. */
export interface ChainEntry {
  file: string;
  id: string;
  sequence: number;
  hash: string;
  /** The commit that added it. */
  commit: string;
}

export interface HistoryInput {
  /** The commit verified. */
  tip: string;
  /** Every commit reachable from the tip, parents before children. */
  commits: readonly HistoryCommit[];
  /** Summary of every record blob the changes name. */
  blobs: ReadonlyMap<string, RecordSummary>;
  /** Record hashes the chain must still contain (chain heads copied from earlier bundles). */
  anchors?: readonly string[];
}

export interface HistoryVerification {
  problems: ChainProblem[];
  /** The chain at the tip, by sequence. */
  chain: ChainEntry[];
  /** Hash of the last record, or null for an empty chain. */
  head: string | null;
}

const RECORD_PATH = /^records\/[^/]+\.json$/;
const SIGNATURE_PATH = /^records\/[^/]+\.sig\.json$/;
export const isSignaturePath = (file: string) => SIGNATURE_PATH.test(file);
export const isRecordPath = (file: string) => RECORD_PATH.test(file) && !isSignaturePath(file);
const recordOfSignature = (file: string) => file.replace(/\.sig\.json$/, '.json');
const short = (sha: string) => sha.slice(0, 12);
const list = (fields: readonly string[]) => fields.map((f) => `\`${f}\``).join(', ');

/**
 * Walk the evidence branch's history, commit by commit, and name every commit that did anything
 * but add records on top of the chain: modified, deleted, renamed or renumbered a record, added one
 * that repeats a sequence (the later one is the intruder), leaves a gap, does not link to the last
 * record, or does not match its hash or the schema. The collector only makes single-parent commits,
 * so every merge is named (`rewritten`): a merge whose first parent is a forged line keeps the genuine
 * history only as a merged parent, and the records only that side added are named as dropped. The
 * chain is built along the first-parent line (merges read against their first parent); commits on
 * merged branches that change a record are named too. Each alteration is named once, at the commit
 * that made it, so no innocent neighbour is blamed. Pure.
 */
export function verifyEvidenceHistory(input: HistoryInput): HistoryVerification {
  const problems: ChainProblem[] = [];
  const bySequence = new Map<number, ChainEntry>();
  const byFile = new Map<string, ChainEntry>();
  const everAdded = new Map<string, ChainEntry>();
  const goneIn = new Map<string, string>();
  const firstParent = firstParentLine(input.tip, input.commits);
  const reportedOnSide = new Set<string>();
  /** Records added by commits off the first-parent line, by hash, and the merge that dropped each one not on the chain. */
  const addedOnSide = new Map<string, ChainEntry>();
  const droppedBy = new Map<string, string>();
  const summary = (blob: string) => input.blobs.get(blob);
  const idOf = (blob: string) => {
    const s = summary(blob);
    return s?.readable && s.id ? s.id : undefined;
  };
  const named = (blob: string, file: string) => (idOf(blob) ? `record \`${idOf(blob)}\` (\`${file}\`)` : `\`${file}\``);
  let last = 0;
  const remove = (file: string, commit: string) => {
    const entry = byFile.get(file);
    if (!entry) return;
    byFile.delete(file);
    if (bySequence.get(entry.sequence) === entry) bySequence.delete(entry.sequence);
    goneIn.set(entry.hash, commit);
    if (entry.sequence === last) last = Math.max(0, ...bySequence.keys());
  };
  const place = (file: string, blob: string, commit: string) => {
    const s = summary(blob);
    if (!s?.readable || bySequence.has(s.sequence)) return;
    const entry: ChainEntry = { file, id: s.id, sequence: s.sequence, hash: s.hash, commit };
    bySequence.set(s.sequence, entry);
    byFile.set(file, entry);
    if (!everAdded.has(s.hash)) everAdded.set(s.hash, entry);
    last = Math.max(last, s.sequence);
  };
  const report = (problem: ChainProblem['problem'], file: string, commit: string, message: string, blob?: string) => {
    const id = blob ? idOf(blob) : undefined;
    problems.push({ file, problem, message, commit, ...(id ? { record: id } : {}) });
  };

  /** Name a merge (the collector never makes one), and the records only its other parents added that are not on the chain. */
  const reportMerge = (commit: HistoryCommit, onLine: boolean) => {
    const c = short(commit.sha);
    const onChain = new Set([...bySequence.values()].map((e) => e.hash));
    const only = onLine ? sideOnly(commit, input.commits) : new Set<string>();
    const dropped = [...addedOnSide.values()].filter((e) => only.has(e.commit) && !onChain.has(e.hash) && !droppedBy.has(e.hash));
    for (const e of dropped) droppedBy.set(e.hash, commit.sha);
    const names = dropped.slice(0, 5).map((e) => `\`${e.id || e.file}\``).concat(dropped.length > 5 ? [`${dropped.length - 5} more`] : []);
    const lost = dropped.length ? `; record${dropped.length === 1 ? '' : 's'} ${names.join(', ')}, added only on the merged side, ${dropped.length === 1 ? 'is' : 'are'} not on the chain` : '';
    problems.push({ file: '', problem: 'rewritten', commit: commit.sha, message: `Commit ${c}${onLine ? '' : ' (on a merged branch)'} is a merge (parents ${commit.parents.map(short).join(', ')}), expected commits with a single parent: the collector never merges, and a merge can replace the chain with another line while keeping the genuine history only as a merged parent${lost}` });
  };

  for (const commit of input.commits) {
    const c = short(commit.sha);
    const changes = commit.changes.filter((change) => isRecordPath(change.path));
    checkSignatureChanges(commit, changes, report);
    if (!firstParent.has(commit.sha)) {
      for (const change of changes.filter((x) => x.status === 'A')) {
        const s = summary(change.newBlob);
        if (s?.readable && !addedOnSide.has(s.hash)) addedOnSide.set(s.hash, { file: change.path, id: s.id, sequence: s.sequence, hash: s.hash, commit: commit.sha });
      }
      for (const change of changes.filter((x) => x.status !== 'A')) {
        reportedOnSide.add(change.path);
        report(change.status === 'D' ? 'deleted' : 'modified', change.path, commit.sha, `Commit ${c} (on a merged branch) ${change.status === 'D' ? 'deleted' : 'changed'} ${named(change.oldBlob, change.path)}, expected records to be only added`, change.oldBlob);
      }
      if (commit.parents.length > 1) reportMerge(commit, false);
      continue;
    }
    const added = changes.filter((x) => x.status === 'A');
    const paired = new Set<RawChange>();
    for (const change of changes.filter((x) => x.status !== 'A')) {
      const silent = reportedOnSide.has(change.path);
      if (change.status === 'D') {
        const before = summary(change.oldBlob);
        const match = added.find((a) => !paired.has(a) && a.newBlob === change.oldBlob) ?? added.find((a) => !paired.has(a) && idOf(a.newBlob) !== undefined && idOf(a.newBlob) === idOf(change.oldBlob));
        remove(change.path, commit.sha);
        if (!match) {
          if (!silent) report('deleted', change.path, commit.sha, `Commit ${c} deleted ${named(change.oldBlob, change.path)}, expected records to be only added`, change.oldBlob);
          continue;
        }
        paired.add(match);
        const after = summary(match.newBlob);
        const fields = changedFields(before, after);
        const renumbered = before?.readable && after?.readable && before.sequence !== after.sequence;
        const what = renumbered ? `renumbered ${named(change.oldBlob, change.path)} from sequence ${before.sequence} to ${after.sequence} as \`${match.path}\`` : `renamed ${named(change.oldBlob, change.path)} to \`${match.path}\``;
        const resealed = fields.length > 0 ? `, changing ${list(fields)}${after?.readable && after.hashMatches && fields.includes('hash') ? ' and re-sealing it' : ''}` : '';
        if (!silent) report(renumbered ? 'renumbered' : 'renamed', change.path, commit.sha, `Commit ${c} ${what}${resealed}, expected records to be only added`, change.oldBlob);
      } else {
        const after = summary(change.newBlob);
        const fields = changedFields(summary(change.oldBlob), after);
        const seal = after?.readable && after.hashMatches ? 'and re-sealed it (its hash was recomputed)' : 'so its hash no longer matches its content';
        remove(change.path, commit.sha);
        if (!silent) report('modified', change.path, commit.sha, `Commit ${c} modified ${named(change.oldBlob, change.path)}: changed ${fields.length ? list(fields) : 'its bytes'} ${seal}, expected records to be only added`, change.oldBlob);
        place(change.path, change.newBlob, commit.sha);
      }
    }
    for (const change of added.filter((a) => paired.has(a))) place(change.path, change.newBlob, commit.sha);
    const fresh = added.filter((a) => !paired.has(a)).map((a) => ({ change: a, s: summary(a.newBlob) }));
    fresh.sort((x, y) => (x.s?.readable ? x.s.sequence : Infinity) - (y.s?.readable ? y.s.sequence : Infinity) || (x.change.path < y.change.path ? -1 : 1));
    for (const { change, s } of fresh) {
      const file = change.path;
      if (!s?.readable) {
        report('invalid', file, commit.sha, s?.problem ? `Commit ${c} added \`${file}\`, which ${s.problem}` : `Commit ${c} added \`${file}\`, which is not a JSON evidence record`);
        continue;
      }
      const at = `Commit ${c} added record ${s.sequence} ${named(change.newBlob, file)}`;
      if (s.schemaProblems.length) report('invalid', file, commit.sha, `${at}, which does not match the evidence record schema: ${s.schemaProblems.join('; ')}`, change.newBlob);
      if (!s.hashMatches) report('modified', file, commit.sha, `${at} with a hash that does not match its content`, change.newBlob);
      const prefix = Number(file.slice('records/'.length).split('-')[0]);
      if (prefix !== s.sequence) report('invalid', file, commit.sha, `${at} under an unexpected file name, expected one starting with \`${String(s.sequence).padStart(6, '0')}-\``, change.newBlob);
      const holder = bySequence.get(s.sequence);
      if (holder) {
        report('inserted', file, commit.sha, `${at}, which repeats the sequence of record \`${holder.id}\` (\`${holder.file}\`, added in commit ${short(holder.commit)}): it was inserted`, change.newBlob);
        continue;
      }
      const previous = bySequence.get(last);
      if (s.sequence < last) report('inserted', file, commit.sha, `${at} below the chain's last record ${last}: it was inserted`, change.newBlob);
      else if (s.sequence > last + 1) report('missing', file, commit.sha, `${at} after record ${last}: record${s.sequence - last > 2 ? `s ${last + 1}–${s.sequence - 1} were` : ` ${last + 1} was`} never added`, change.newBlob);
      else if ((previous?.hash ?? null) !== s.previous_hash) {
        report('inserted', file, commit.sha, `${at} with an unexpected previous_hash \`${String(s.previous_hash).slice(0, 12)}\`, expected \`${previous ? previous.hash.slice(0, 12) : 'null'}\`${previous ? `, the hash of record ${previous.sequence}` : ' for the first record'}`, change.newBlob);
      }
      place(file, change.newBlob, commit.sha);
    }
    if (commit.parents.length > 1) reportMerge(commit, true);
  }

  const chain = [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
  const onChain = new Set(chain.map((e) => e.hash));
  for (const anchor of input.anchors ?? []) {
    if (onChain.has(anchor)) continue;
    const was = everAdded.get(anchor);
    const side = was ? undefined : addedOnSide.get(anchor);
    const gone = was ? goneIn.get(anchor) : side ? droppedBy.get(anchor) : undefined;
    const found = was ?? side;
    problems.push({
      file: found?.file ?? '',
      problem: 'anchor-missing',
      message: was
        ? `Unexpected chain without anchor \`${anchor}\`, expected record \`${was.id}\` (\`${was.file}\`) to keep that hash${gone ? `: commit ${short(gone)} changed or removed it` : ''}`
        : side
          ? `Unexpected chain without anchor \`${anchor}\`, expected record \`${side.id}\` (\`${side.file}\`) on the chain: commit ${short(side.commit)} added it, but that commit is not on the chain's first-parent line${gone ? `; merge ${short(gone)} brought it in only as a merged parent` : ''}`
          : `Unexpected chain without anchor \`${anchor}\`, expected a record with that hash: no record in the branch's history ever had it`,
      ...(gone ? { commit: gone } : {}),
      ...(found ? { record: found.id } : {}),
    });
  }
  return { problems, chain, head: bySequence.get(last)?.hash ?? null };
}

/**
 * A record's signature (`records/….sig.json`) may only be added in the commit that adds its record,
 * and never changed or removed afterwards. Removing it together with its record is named once, at the record.
 */
function checkSignatureChanges(commit: HistoryCommit, recordChanges: readonly RawChange[], report: (problem: ChainProblem['problem'], file: string, commit: string, message: string) => void): void {
  const c = short(commit.sha);
  const addedRecords = new Set(recordChanges.filter((x) => x.status === 'A').map((x) => x.path));
  const goneRecords = new Set(recordChanges.filter((x) => x.status === 'D').map((x) => x.path));
  for (const change of commit.changes.filter((x) => isSignaturePath(x.path))) {
    const record = recordOfSignature(change.path);
    if (change.status === 'A') {
      if (!addedRecords.has(record)) report('invalid', change.path, commit.sha, `Commit ${c} added signature \`${change.path}\` without its record \`${record}\`, expected a signature to be added in the same commit as its record`);
    } else if (change.status === 'D') {
      if (!goneRecords.has(record)) report('deleted', change.path, commit.sha, `Commit ${c} deleted signature \`${change.path}\` of \`${record}\`, expected signatures to be only added with their records`);
    } else {
      report('modified', change.path, commit.sha, `Commit ${c} modified signature \`${change.path}\` of \`${record}\`, expected signatures to be only added with their records`);
    }
  }
}

/** The commits a merge brings in through its other parents: reachable from them, not from its first parent. */
function sideOnly(merge: HistoryCommit, commits: readonly HistoryCommit[]): Set<string> {
  const parents = new Map(commits.map((c) => [c.sha, c.parents]));
  const reach = (starts: readonly string[]) => {
    const seen = new Set<string>();
    const stack = [...starts];
    for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(parents.get(sha) ?? []));
    }
    return seen;
  };
  const main = reach(merge.parents.slice(0, 1));
  return new Set([...reach(merge.parents.slice(1))].filter((sha) => !main.has(sha)));
}

/** The commits on the first-parent line from the tip: the chain's own history. */
function firstParentLine(tip: string, commits: readonly HistoryCommit[]): Set<string> {
  const parents = new Map(commits.map((c) => [c.sha, c.parents[0]]));
  const line = new Set<string>();
  for (let sha: string | undefined = tip; sha !== undefined && !line.has(sha) && parents.has(sha); sha = parents.get(sha)) line.add(sha);
  return line;
}
