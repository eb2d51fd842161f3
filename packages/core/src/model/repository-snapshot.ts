import type { Finding } from '../diagnostic.js';
import type { PlainParseResult } from '../parse/parse-document.js';
import type { SourceFile } from '../source-file.js';
import type { EvidenceFileDigest } from '../evidence-items/evidence-item.js';

/** Everything read from a repository, before any parsing: the input of the pure pipeline. */
export interface RepositorySnapshot {
  config: SourceFile;
  people?: SourceFile;
  /** Framework catalog (frameworks/soc2/criteria.yaml). */
  catalog?: SourceFile;
  /** Optional licensed criterion text (frameworks/soc2/criteria-text.local.yaml). */
  licensedText?: SourceFile;
  policies: SourceFile[];
  controls: SourceFile[];
  /** Evidence metadata files (`*.evidence.yaml`) under the evidence folder. */
  evidence: SourceFile[];
  /** Management responses to exceptions (exceptions/*.yaml). */
  exceptions: SourceFile[];
  /** `.github/CODEOWNERS`, when the repository has one: scanned for the starter's example owners. */
  codeowners?: SourceFile;
  /** SHA-256 of every other file under the evidence folder, streamed from disk, keyed by path. */
  evidenceFiles?: ReadonlyMap<string, EvidenceFileDigest>;
  /** Every file path in the repository, for link checks. */
  files: string[];
  /** Documents already parsed (on worker threads), keyed by path. */
  preparsed?: Map<string, PlainParseResult>;
  /** Files refused while reading (too large, binary, symlink outside...). */
  readFindings: Finding[];
}
