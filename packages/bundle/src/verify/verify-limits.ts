const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * What `verifyBundle` accepts from a zip before it stops reading a part of it and reports a finding,
 * so that memory and time stay bounded whatever the zip holds. Sized well above real bundles: the
 * benchmark bundle (20,000 evidence files, 1 GiB) has 51,000 entries, a 9 MiB manifest.json and a 5 MiB
 * SHA256SUMS. Time is bounded through bytes, not a clock: entries may not overlap, so no more than
 * `maxExpansionRatio` times the zip's size is ever inflated, and each entry stops at its stated size.
 */
export interface VerifyLimits {
  /** Entries in the zip's directory; more is refused before any is read. */
  maxEntries: number;
  /** Bytes of one entry's name (UTF-8). */
  maxPathBytes: number;
  /** Bytes of manifest.json (read whole to be parsed). */
  maxManifestBytes: number;
  /** Bytes of SHA256SUMS (read whole to be parsed). */
  maxSumsBytes: number;
  /** Bytes of one evidence record (`evidence-records/records/*.json`). */
  maxRecordBytes: number;
  /** Bytes of all evidence records together (kept until the chain is checked). */
  maxRecordsBytes: number;
  /** Nesting of arrays and objects in manifest.json and a record. */
  maxJsonDepth: number;
  /** Bytes one entry inflates to; each is hashed as it streams, never held whole. */
  maxEntryBytes: number;
  /** Inflated bytes per compressed byte of one entry, past `ratioFromBytes`. */
  maxExpansionRatio: number;
  /** Entries smaller than this are not held to `maxExpansionRatio` (a few bytes can shrink to fewer). */
  ratioFromBytes: number;
}

/** The limits `evident verify` applies (documented in docs/bundle.md, Verification). */
export const VERIFY_LIMITS: Readonly<VerifyLimits> = Object.freeze({
  maxEntries: 300_000,
  maxPathBytes: 1024,
  maxManifestBytes: 64 * MiB,
  maxSumsBytes: 48 * MiB,
  maxRecordBytes: 1 * MiB,
  maxRecordsBytes: 128 * MiB,
  maxJsonDepth: 32,
  maxEntryBytes: 64 * GiB,
  // Deflate's own ceiling is about 1,032 to 1; repetitive logs reach about 350 at level 6.
  maxExpansionRatio: 1000,
  ratioFromBytes: 1 * MiB,
});
