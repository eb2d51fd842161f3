import { keylessRecordVerifier, trustedRootsWith, type TrustedRootFile } from '@evident/sigstore';
import { CONFIG_FILE, createValidators, loadConfig, SIGNATURE_FINDINGS, type SignatureReport, type SigningConfig } from '@evident/core';
import type { EvidenceHistoryWalk, RecordFile } from '../bundle-inputs.js';
import { verifyRecordFiles } from '../model/verify-record-files.js';
import type { Manifest } from '../plan/bundle-plan.js';
import { MANIFEST, parseSums, SUMS } from '../plan/manifest.js';
import type { BundleProblem } from './bundle-problem.js';
import { collidingEntries } from './colliding-entries.js';
import { jsonShapeProblem } from './json-shape-problem.js';
import { anchorProblems } from './anchor-problems.js';
import { manifestConsistency } from './manifest-consistency.js';
import { CONFIG, EVIDENCE_INDEX, EXCEPTIONS_CSV, RECORDS, readBundleZip, type VerifyProgress } from './read-bundle-zip.js';
import { readManifest } from './read-manifest.js';
import { summaryConsistency, type SummaryCheck } from './summary-consistency.js';
import { VERIFY_LIMITS, type VerifyLimits } from './verify-limits.js';

export { BundleOpenError, type BundleProblem, type BundleProblemKind } from './bundle-problem.js';
export type { VerifyProgress } from './read-bundle-zip.js';
export type { SummaryCheck } from './summary-consistency.js';

export interface BundleVerification {
  ok: boolean;
  /** Files read in full and found to be plain files inside the bundle. */
  files: number;
  /** Entries in the zip's directory: the files, and those refused with a problem. */
  entries: number;
  problems: BundleProblem[];
  manifest?: Omit<Manifest, 'files'>;
  chain: { records: number; head: string | null; problems: number };
  /**
   * The walk of the evidence branch's history the build recorded (manifest.json `evidence_chain.history`):
   * reported, not redone (that needs the repository: `evident evidence verify --ref TIP --anchor HEAD`).
   * Null when the bundle names none: no evidence branch, or a bundle built before the walk was recorded.
   */
  history: EvidenceHistoryWalk | null;
  /** Every record's signature checked against the keys in the bundle's evident.yaml (`evidence.signing`). */
  signatures: SignatureReport;
  /** Which of the manifest's summary fields were compared with the bundle's files (absent without a readable manifest). */
  summary?: SummaryCheck;
  /** The `anchors` given, each found on this bundle's chain (else a problem names it). */
  anchors: string[];
}

export interface VerifyOptions {
  /** Called after each entry of the zip. */
  onProgress?(progress: VerifyProgress): void;
  /** Limits other than `VERIFY_LIMITS` (tests). */
  limits?: Partial<VerifyLimits>;
  /** Sigstore trusted roots besides the shipped public-good one, for keyless record signatures (e.g. GitHub's instance). */
  trustedRoots?: TrustedRootFile[];
  /** Record hashes or ids from an earlier bundle (`evidence_chain.head`) that this bundle's chain must still hold. */
  anchors?: readonly string[];
}

/** Lines of SHA256SUMS that do not parse, named one by one before the rest are counted. */
const MAX_INVALID_LINES = 10;

/**
 * Verify a bundle, treating the zip as hostile: recompute every file's SHA-256 (streaming) and compare
 * with manifest.json and SHA256SUMS, name each file that differs, is missing or extra, refuse links,
 * directories, paths leaving the bundle, names that macOS or Windows cannot write or would merge with
 * another's (letter case, Unicode form) and parts past `VERIFY_LIMITS`, and re-check the evidence record
 * chain with core's `verifyChain`. The evidence branch's history cannot be walked offline: the walk the
 * build recorded is reported as it stands in the manifest. Everything wrong with the zip's content is a problem in the result;
 * only a file that is not a zip at all throws (`BundleOpenError`).
 */
export async function verifyBundle(file: string, options: VerifyOptions = {}): Promise<BundleVerification> {
  const limits = { ...VERIFY_LIMITS, ...options.limits };
  const read = await readBundleZip(file, limits, options.onProgress);
  const problems = [...read.problems];
  const { digests, refused: unreadable } = read;

  let manifest: Manifest | undefined;
  const manifestBytes = read.kept.get(MANIFEST);
  if (!manifestBytes) {
    if (!unreadable.has(MANIFEST)) problems.push({ file: MANIFEST, problem: 'missing', message: `${MANIFEST} is missing: the bundle's file list is gone` });
  } else {
    const parsed = readManifest(manifestBytes, limits);
    manifest = parsed.manifest;
    for (const message of parsed.problems) problems.push({ file: MANIFEST, problem: 'manifest', message });
    read.kept.delete(MANIFEST);
  }
  const expected = new Map((manifest?.files ?? []).map((f) => [f.path, f]));

  const sumsLines = lineCount(read.kept.get(SUMS));
  if (sumsLines > limits.maxEntries + 1) problems.push({ file: SUMS, problem: 'limit', message: `Unexpected ${sumsLines.toLocaleString('en-US')} lines in \`${SUMS}\`, expected at most one per entry` });
  const sumsBytes = sumsLines > limits.maxEntries + 1 ? undefined : read.kept.get(SUMS);
  const { sums, invalid } = sumsBytes ? parseSums(sumsBytes.toString('utf8')) : { sums: new Map<string, string>(), invalid: [] };
  if (!read.kept.has(SUMS) && !unreadable.has(SUMS)) problems.push({ file: SUMS, problem: 'missing', message: `${SUMS} is missing` });
  for (const line of invalid.slice(0, MAX_INVALID_LINES)) problems.push({ file: SUMS, problem: 'modified', message: `${SUMS} has a line that does not parse: ${JSON.stringify(line.slice(0, 120))}` });
  if (invalid.length > MAX_INVALID_LINES) problems.push({ file: SUMS, problem: 'modified', message: `${SUMS} has ${invalid.length - MAX_INVALID_LINES} more lines that do not parse` });

  const names = new Set<string>([...digests.keys(), ...expected.keys(), ...sums.keys()]);
  for (const name of [...names].sort()) {
    if (name === SUMS || unreadable.has(name)) continue;
    const actual = digests.get(name);
    const inManifest = expected.get(name);
    const inSums = sums.get(name);
    // Without SHA256SUMS (a finding of its own) there is no list for manifest.json to be missing from.
    const listed = name === MANIFEST ? sumsBytes === undefined || inSums !== undefined : (manifest === undefined || inManifest !== undefined) && (sumsBytes === undefined || inSums !== undefined);
    if (!actual) {
      if (inManifest || inSums) problems.push({ file: name, problem: 'missing', message: `${name} is listed in ${[inManifest && MANIFEST, inSums && SUMS].filter(Boolean).join(' and ')} but missing from the bundle` });
      continue;
    }
    if (!listed) {
      problems.push({ file: name, problem: 'extra', message: `${name} is in the bundle but not listed in ${[manifest && !inManifest && name !== MANIFEST && MANIFEST, sumsBytes && !inSums && SUMS].filter(Boolean).join(' and ')}` });
      continue;
    }
    const manifestAgrees = name === MANIFEST || manifest === undefined || (inManifest!.sha256 === actual.sha256 && inManifest!.size === actual.size);
    const sumsAgree = sumsBytes === undefined || inSums === actual.sha256;
    if (!manifestAgrees && !sumsAgree) problems.push({ file: name, problem: 'modified', message: `${name} was modified: its SHA-256 ${actual.sha256} differs from the one in ${name === MANIFEST ? SUMS : `${MANIFEST} and ${SUMS}`}` });
    else if (!manifestAgrees) problems.push({ file: MANIFEST, problem: 'manifest', message: `${MANIFEST} states another SHA-256 or size for ${name} than the file and ${SUMS} agree on` });
    else if (!sumsAgree) problems.push({ file: name === MANIFEST ? MANIFEST : SUMS, problem: 'modified', message: name === MANIFEST ? `${MANIFEST} was modified: its SHA-256 ${actual.sha256} differs from the one in ${SUMS}` : `${SUMS} states another SHA-256 for ${name} than the file and ${MANIFEST} agree on` });
  }

  problems.push(...collidingEntries(digests.keys()));
  if (manifest) problems.push(...manifestConsistency(manifest, digests.get(CONFIG), read.kept.get(EXCEPTIONS_CSV)));
  const named = new Set(problems.map((p) => p.file));
  const summary = manifest ? summaryConsistency(manifest, { config: read.kept.get(CONFIG), exceptionsCsv: read.kept.get(EXCEPTIONS_CSV), evidenceIndex: read.kept.get(EVIDENCE_INDEX), digests, declared: read.declared, named }) : undefined;
  if (summary) problems.push(...summary.problems);

  const records: RecordFile[] = [];
  for (const [name, bytes] of read.kept) {
    if (!name.startsWith(RECORDS)) continue;
    const deep = jsonShapeProblem(name, bytes, { maxDepth: limits.maxJsonDepth });
    if (deep) problems.push({ file: name, problem: 'chain', message: deep });
    else records.push({ file: name.slice('evidence-records/'.length), bytes });
  }
  // Past the limit on records, some were not kept: the chain cannot be checked (a finding already says so).
  const signing = signingOf(read.kept.get(CONFIG), problems);
  const chain = verifyRecordFiles(read.recordsComplete ? records : [], signing, keylessRecordVerifier(trustedRootsWith(options.trustedRoots ?? [])));
  for (const r of chain.signatures.records) if (SIGNATURE_FINDINGS.has(r.status)) problems.push({ file: `evidence-records/${r.file}`, problem: 'signature', message: r.message });
  for (const p of chain.problems) problems.push({ file: `evidence-records/${p.file}`, problem: 'chain', message: p.message });
  problems.push(...anchorProblems(options.anchors ?? [], read.recordsComplete ? records : undefined));
  if (read.recordsComplete && manifest && (manifest.evidence_chain.records !== chain.records || manifest.evidence_chain.head !== chain.head)) {
    problems.push({ file: 'evidence-records/', problem: 'chain', message: `${MANIFEST} states ${manifest.evidence_chain.records} records ending in ${manifest.evidence_chain.head ?? 'none'}, the bundle holds ${chain.records} ending in ${chain.head ?? 'none'}` });
  }

  const unique = new Map(problems.map((p) => [`${p.file}\u0000${p.message}`, p]));
  const sorted = [...unique.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1));
  const { files: _files, ...header } = manifest ?? ({} as Manifest);
  return { ok: sorted.length === 0, files: digests.size, entries: read.entries, problems: sorted, ...(manifest ? { manifest: header } : {}), chain: { records: chain.records, head: chain.head, problems: chain.problems.length }, history: manifest?.evidence_chain.history ?? null, signatures: chain.signatures, ...(summary ? { summary: summary.checked } : {}), anchors: [...(options.anchors ?? [])] };
}

/** The trusted signing keys of the bundle's evident.yaml; a file that does not load is a problem, and no key is trusted. */
function signingOf(bytes: Buffer | undefined, problems: BundleProblem[]): SigningConfig | undefined {
  if (!bytes) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push({ file: CONFIG, problem: 'signature', message: `${CONFIG} is not UTF-8: no signing key is trusted` });
    return undefined;
  }
  const loaded = loadConfig({ path: CONFIG_FILE, text }, createValidators());
  if (!loaded.config) problems.push({ file: CONFIG, problem: 'signature', message: `${CONFIG} does not load (${loaded.findings[0]?.message ?? 'invalid'}): no signing key is trusted` });
  return loaded.config?.evidence.signing;
}

/** Lines of a text, counting a last one without a newline. */
function lineCount(bytes: Buffer | undefined): number {
  if (!bytes || bytes.length === 0) return 0;
  let lines = bytes[bytes.length - 1] === 0x0a ? 0 : 1;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}
