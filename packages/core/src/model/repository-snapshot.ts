import type { Finding } from '../diagnostic.js';
import type { SourceFile } from '../source-file.js';

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
  /** Every file path in the repository, for link checks. */
  files: string[];
  /** Files refused while reading (too large, binary, symlink outside...). */
  readFindings: Finding[];
}
