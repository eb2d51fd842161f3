import type { EvidenceRecord } from '@evident/core';
import type { ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import type { RecordCrossCheck } from './cross-check-facts.js';
import { crossCheckNeeds, crossCheckRecord } from './cross-check-record.js';
import { fetchCrossCheckFacts, type FetchCrossCheckOptions } from './fetch-cross-check-facts.js';

export interface CrossCheckEvidenceOptions extends Omit<FetchCrossCheckOptions, 'log'> {
  /** The API base URL the client talks to, named in the report. */
  api: string;
  now: () => Date;
}

/** The outcome of re-deriving the records from GitHub: per record, and counted. */
export interface GitHubCrossCheck {
  api: string;
  repository: string;
  /** When GitHub was read (ISO 8601). */
  checked_at: string;
  confirmed: number;
  not_confirmed: number;
  not_checked: number;
  /** GitHub API calls made. */
  api_calls: number;
  records: RecordCrossCheck[];
}

/**
 * Cross-check evidence records with GitHub: read the pull requests, reviews and policy files
 * they name (fetchCrossCheckFacts), then compare each record with them (crossCheckRecord, pure).
 */
export async function crossCheckEvidence(client: GitHubClient, records: readonly EvidenceRecord[], options: CrossCheckEvidenceOptions): Promise<GitHubCrossCheck> {
  const repository = `${options.repository.owner}/${options.repository.repo}`;
  const checked_at = options.now().toISOString();
  const log: ApiCallLog = [];
  const read = await fetchCrossCheckFacts(client, crossCheckNeeds(records, repository), { ...options, log });
  // An access review file must name a snapshot of the chain (reviewFileMismatches).
  const facts = { ...read, accessSnapshots: records.filter((r) => r.kind === 'access-snapshot') };
  const outcomes = records.map((record) => crossCheckRecord(record, facts));
  // The collector never records an id twice: a later record with an earlier id is not its own.
  const first = new Map<string, EvidenceRecord>();
  records.forEach((record, i) => {
    const earlier = first.get(record.id);
    if (!earlier) return void first.set(record.id, record);
    const o = outcomes[i]!;
    const reason = `Record \`${record.id}\` (sequence ${record.sequence}) repeats the id of record ${earlier.sequence}, expected each id once: the collector skips what it has recorded`;
    outcomes[i] = { ...o, outcome: 'not-confirmed', reasons: [reason, ...(o.outcome === 'not-confirmed' ? o.reasons : [])] };
  });
  const count = (outcome: RecordCrossCheck['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
  return { api: options.api, repository, checked_at, confirmed: count('confirmed'), not_confirmed: count('not-confirmed'), not_checked: count('not-checked'), api_calls: log.length, records: outcomes };
}
