import { code, type Finding } from '../diagnostic.js';
import { METADATA_SUFFIX, type EvidenceFileDigest } from '../evidence-items/evidence-item.js';
import { digestEvidenceBytes, noLfsTracked, type LfsTracked } from '../evidence-items/hash-evidence-files.js';
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
  /**
   * Which of these files (the ones whose bytes look like Git LFS pointers) `.gitattributes` hands to
   * Git LFS, as committed where the files were read. Without it, `readEvidenceSource`'s `lfsTracked`.
   */
  lfsTracked?: LfsTracked;
}

export interface SourcedEvidence {
  /** Metadata files as text. */
  metadata: SourceFile[];
  /** Digests of the evidence files (`unhashed` outside `only`). */
  digests: Map<string, EvidenceFileDigest>;
  findings: Finding[];
}

/**
 * Read every metadata file and the evidence files in `only` (all when undefined) from a source, with
 * the refusals `readTextFile` applies (size limit, binary or non-UTF-8 content). A link is marked
 * `outside`: a link's target cannot be checked without a working tree. A file that reads as a Git LFS
 * pointer counts as one only where the source's `lfsTracked` (else `lfsTracked`; else none) says Git
 * LFS tracks it; elsewhere its own bytes are hashed.
 */
export async function readEvidenceSource(source: EvidenceSource, only: ReadonlySet<string> | undefined, maxBytes: number, lfsTracked: LfsTracked = noLfsTracked): Promise<SourcedEvidence> {
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
  const unhashed: EvidenceFileDigest = Object.freeze({ unhashed: true });
  const links = new Map<string, EvidenceFileDigest>();
  for (const link of source.links ?? []) {
    if (link.endsWith(METADATA_SUFFIX)) findings.push({ ruleId: 'parse/symlink', message: `Unexpected symbolic link ${code(link)}, expected a regular file`, file: link });
    else links.set(link, only && !only.has(link) ? unhashed : { outside: true });
  }
  // Filled once, in the order the working tree's listing gives (tens of thousands of keys, each insertion counts); a link is never read.
  const digests = new Map<string, EvidenceFileDigest>();
  const pointers: string[] = [];
  for (const file of links.size > 0 ? [...evidenceFiles, ...links.keys()].sort(collator.compare) : evidenceFiles.sort(collator.compare)) {
    const content = links.has(file) || (only && !only.has(file)) ? undefined : bytes.get(file);
    const digest = links.get(file) ?? (content === undefined ? unhashed : digestEvidenceBytes(content, true));
    if (digest.lfsPointer || digest.lfsProblem) pointers.push(file);
    digests.set(file, digest);
  }
  if (pointers.length > 0) {
    const tracked = await (source.lfsTracked ?? lfsTracked)(pointers);
    for (const file of pointers) if (!tracked.has(file)) digests.set(file, digestEvidenceBytes(bytes.get(file)!, false));
  }
  return { metadata: metadata.sort((a, b) => collator.compare(a.path, b.path)), digests, findings };
}
