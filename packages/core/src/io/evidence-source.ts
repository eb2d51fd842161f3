import { code, type Finding } from '../diagnostic.js';
import { METADATA_SUFFIX, type EvidenceFileDigest } from '../evidence-items/evidence-item.js';
import { digestEvidenceBytes } from '../evidence-items/hash-evidence-files.js';
import type { SourceFile } from '../source-file.js';
import { decodeText } from './read-text-file.js';

/**
 * The evidence folder read from somewhere other than the working tree: the pull-request gate reads it
 * from the commit it checks (git's tree and objects), so that its checkout can leave tens of thousands
 * of evidence files out and its cost follows the change.
 */
/** The order `localeCompare` gives (the default locale's), at a fraction of its cost per comparison. */
const collator = new Intl.Collator();

export interface EvidenceSource {
  /** Every regular file under the evidence folder, repository-relative POSIX paths. */
  files: readonly string[];
  /** Files that are symbolic links (never followed). */
  links?: readonly string[];
  /** The bytes of these files. */
  read(files: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>>;
}

export interface SourcedEvidence {
  /** Metadata files as text. */
  metadata: SourceFile[];
  /** Digests of the evidence files (`unhashed` outside `only`). */
  digests: Record<string, EvidenceFileDigest>;
  findings: Finding[];
}

/**
 * Read every metadata file and the evidence files in `only` (all when undefined) from a source, with
 * the refusals `readTextFile` applies (size limit, binary or non-UTF-8 content). A link is marked
 * `outside`: a link's target cannot be checked without a working tree.
 */
export async function readEvidenceSource(source: EvidenceSource, only: ReadonlySet<string> | undefined, maxBytes: number): Promise<SourcedEvidence> {
  const metadataFiles: string[] = [];
  const evidenceFiles: string[] = [];
  for (const file of source.files) (file.endsWith(METADATA_SUFFIX) ? metadataFiles : evidenceFiles).push(file);
  const toHash = only ? evidenceFiles.filter((f) => only.has(f)) : evidenceFiles;
  const bytes = await source.read(toHash.length > 0 ? [...metadataFiles, ...toHash] : metadataFiles);
  const findings: Finding[] = [];
  const metadata: SourceFile[] = [];
  for (const file of metadataFiles) {
    const content = bytes.get(file);
    if (content === undefined) continue;
    if (content.length > maxBytes) {
      findings.push({ ruleId: 'parse/too-large', message: `Unexpected file of ${content.length} bytes, expected at most ${maxBytes} bytes (\`limits.max_file_bytes\`)`, file });
      continue;
    }
    const decoded = decodeText(content, file);
    if (decoded.file) metadata.push(decoded.file);
    else findings.push(decoded.finding);
  }
  const byFile = new Map<string, EvidenceFileDigest>();
  const unhashed: EvidenceFileDigest = Object.freeze({ unhashed: true });
  for (const file of evidenceFiles) {
    const content = only && !only.has(file) ? undefined : bytes.get(file);
    byFile.set(file, content === undefined ? unhashed : digestEvidenceBytes(content));
  }
  for (const link of source.links ?? []) {
    if (link.endsWith(METADATA_SUFFIX)) findings.push({ ruleId: 'parse/symlink', message: `Unexpected symbolic link ${code(link)}, expected a regular file`, file: link });
    else byFile.set(link, only && !only.has(link) ? unhashed : { outside: true });
  }
  // The record is filled once, in order (tens of thousands of keys: each insertion counts).
  const digests: Record<string, EvidenceFileDigest> = {};
  for (const file of [...byFile.keys()].sort(collator.compare)) digests[file] = byFile.get(file)!;
  return { metadata: metadata.sort((a, b) => collator.compare(a.path, b.path)), digests, findings };
}
