import { canonicalJson, sha256Hex, type EvidenceKind, type EvidenceRecord, type ExceptionSubject, type PullRequestRef, type UnsealedRecord } from '@evident/core';

/**
 * Kinds that hold the state of one day or month (`branch-rules/…/DAY`, `access-snapshot/…/DAY`,
 * `vulnerability-alerts/…/MONTH`): a second honest collection on the same day may see another
 * state, and the first one of the day stands, so an id already recorded is skipped unread.
 */
const STATE_OF_A_DAY: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['branch-rules', 'access-snapshot', 'vulnerability-alerts']);

/** A record id already on the evidence branch whose record says something else than the record the collector would write. */
export interface RecordConflict {
  id: string;
  /** The record on the branch: its sequence and file. */
  sequence: number;
  file: string;
  /** Where the two differ, e.g. `subject.policies[0].approved` (at most eight). */
  differences: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isPull = (value: unknown): value is PullRequestRef => isObject(value) && typeof value.number === 'number';

/** Fields of a pull request that change on their own: the title can be edited, an open pull request gets new commits and is merged later. */
function stablePull(pull: unknown, other: unknown): unknown {
  if (!isPull(pull)) return pull;
  const { title: _title, ...rest } = pull;
  const merged = pull.merged_at !== null && isPull(other) && other.merged_at !== null;
  if (merged) return rest;
  const { head_sha: _head, merge_commit_sha: _commit, merged_at: _at, merged_by: _by, ...open } = rest;
  return open;
}

/** What two honest writes of the same facts must agree on: everything but when and how it was collected and where it sits in the chain. */
function comparable(record: Partial<EvidenceRecord>, other: Partial<EvidenceRecord>): Record<string, unknown> {
  const subject = isObject(record.subject) && 'pull_request' in record.subject ? { ...record.subject, pull_request: stablePull(record.subject.pull_request, isObject(other.subject) ? other.subject.pull_request : undefined) } : record.subject;
  return { schema_version: record.schema_version, id: record.id, kind: record.kind, repository: record.repository, subject };
}

function differingPaths(a: unknown, b: unknown, at: string, out: string[]): void {
  if (out.length >= 8) return;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => differingPaths(item, b[i], `${at}[${i}]`, out));
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) differingPaths(a[key], b[key], at ? `${at}.${key}` : key, out);
    return;
  }
  if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) out.push(at);
}

/**
 * Where a record already on the branch differs from the record the collector would write under
 * the same id (empty when they state the same facts). Collection time, provenance, sequence,
 * chain hashes and the signature are not compared (two honest writes differ there), nor a pull
 * request's title, nor its head and merge while either record saw it open. Kinds that hold the
 * state of one day are never compared. Pure.
 */
export function recordDifferences(existing: Partial<EvidenceRecord>, wanted: UnsealedRecord): string[] {
  if (STATE_OF_A_DAY.has(wanted.kind)) return [];
  const out: string[] = [];
  differingPaths(comparable(existing, wanted), comparable(wanted, existing), '', out);
  return out;
}

/**
 * The exception the collector appends when an id it would write is taken by a record that says
 * something else (`conflicting-record`): about the same pull request, with the collector's own
 * collection time and provenance. Its id is the same for the same two records. Pure.
 */
export function conflictException(conflict: RecordConflict, wanted: UnsealedRecord): UnsealedRecord<ExceptionSubject> {
  const subject = (isObject(wanted.subject) ? wanted.subject : {}) as { pull_request?: unknown; policies?: unknown; control?: unknown };
  const pull = isPull(subject.pull_request) ? subject.pull_request : undefined;
  const policies = Array.isArray(subject.policies) ? subject.policies : [];
  const policy = policies.length === 1 && isObject(policies[0]) && typeof policies[0].id === 'string' ? policies[0].id : undefined;
  const digest = sha256Hex(canonicalJson({ file: conflict.file, sequence: conflict.sequence, wanted: wanted.subject })).slice(0, 12);
  const about = pull ? `${wanted.repository}/pr-${pull.number}` : wanted.repository;
  return {
    schema_version: 1,
    id: `exception/${about}/conflicting-record/${digest}`,
    kind: 'exception',
    repository: wanted.repository,
    recorded_at: wanted.recorded_at,
    subject: {
      ...(pull ? { pull_request: pull } : {}),
      ...(policy ? { policy } : {}),
      ...(typeof subject.control === 'string' ? { control: subject.control } : {}),
      reason: 'conflicting-record',
      detail: `Record \`${conflict.id}\` (sequence ${conflict.sequence}, \`${conflict.file}\`) is already on the evidence branch but differs from the ${wanted.kind} record decided from GitHub now in ${conflict.differences.map((d) => `\`${d}\``).join(', ')}: it was not written from these facts (or they changed since), so it is not evidence of them`,
    },
    provenance: wanted.provenance,
  };
}
