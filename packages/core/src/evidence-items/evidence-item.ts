/** Evidence items: files people add under the evidence folder, each described by a `<file>.evidence.yaml` sidecar. */
import type { Finding } from '../diagnostic.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { Period } from '../time/period.js';

/** Suffix of an evidence item's metadata file. */
export const METADATA_SUFFIX = '.evidence.yaml';

/** One event of an event-driven control's population. */
export interface PopulationEvent {
  id: string;
  date: string;
  description?: string;
}

/** The sidecar's content once it passed the schema (schemas/evidence-item.schema.json). */
export interface EvidenceMetadata {
  controls: string[];
  /** A period label such as `2026-Q3` (a bare year may be read as a number), or explicit first and last days. */
  covers: string | number | { start: string; end: string };
  collected_at: string;
  /** Roster person id. */
  collected_by: string;
  source: string;
  sha256: string;
  /** The evidence file's size in bytes (checked against the file, or a Git LFS pointer's `size`). */
  size?: number;
  description?: string;
  /** The population event this item evidences (event-driven controls). */
  event?: string;
  /** The population this item lists: every event of the covered period. */
  events?: PopulationEvent[];
}

/**
 * A file under the evidence folder as read from disk: its digest, or `outside` for a link that
 * leaves the folder. For a Git LFS pointer, `sha256` and `bytes` are the content's, from the
 * pointer (its `oid` and `size`), and `lfsPointer` says so. `lfsProblem` marks a file that starts
 * like a pointer but is not one; `unhashed` a file present but not read (the pull-request gate
 * reads only the evidence files a change touches).
 */
export type EvidenceFileDigest =
  | { sha256: string; bytes: number; lfsPointer?: true; outside?: undefined; lfsProblem?: undefined; unhashed?: undefined }
  | { outside: true; sha256?: undefined; bytes?: undefined; lfsPointer?: undefined; lfsProblem?: undefined; unhashed?: undefined }
  | { lfsProblem: { line: number; message: string }; sha256?: undefined; bytes?: undefined; lfsPointer?: undefined; outside?: undefined; unhashed?: undefined }
  | { unhashed: true; sha256?: undefined; bytes?: undefined; lfsPointer?: undefined; outside?: undefined; lfsProblem?: undefined };

export interface EvidenceItem {
  /** The evidence file, e.g. `evidence/AC-01/2026-Q3/access-review.csv`. */
  path: string;
  /** Its metadata file: `path` + `.evidence.yaml`. */
  metadataPath: string;
  /** Undefined when the metadata failed the schema (see `problems`). */
  metadata?: EvidenceMetadata;
  /** The period `covers` names, when it parses. */
  covers?: Period;
  /** The evidence file as read; undefined when it does not exist. */
  file?: EvidenceFileDigest;
  /** Positions of keys and values in the metadata file. */
  locate: Locate;
  /** Problems with the metadata found while loading, reported by the `evidence/metadata` rule. */
  problems: Finding[];
}

/** Every evidence item of the repository and every file under the evidence folder. */
export interface EvidenceCatalog {
  /** The evidence folder (evident.yaml `paths.evidence`). */
  folder: string;
  /** Items whose metadata parsed as YAML, sorted by path. */
  items: EvidenceItem[];
  /**
   * Digest of every file under the folder other than metadata files, keyed by repository path, in
   * path order. A map, not a record: tens of thousands of keys, filled once and looked up per item.
   */
  files: ReadonlyMap<string, EvidenceFileDigest>;
}

/** The metadata file that describes an evidence file. */
export function metadataPathOf(file: string): string {
  return `${file}${METADATA_SUFFIX}`;
}
