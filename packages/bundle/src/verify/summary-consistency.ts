import { CONFIG_FILE, createValidators, loadConfig, METADATA_SUFFIX } from '@evident/core';
import type { FileDigest, Manifest } from '../plan/bundle-plan.js';
import { MANIFEST } from '../plan/manifest.js';
import type { BundleProblem } from './bundle-problem.js';
import { csvRows, parseCsv } from './parse-csv.js';
import { EVIDENCE, EVIDENCE_INDEX } from './read-bundle-zip.js';

/** Which of the manifest's summary fields `evident verify` compared with the bundle's own files, and what they gave. */
export interface SummaryCheck {
  /** The audit as the bundled evident.yaml states it (its bytes match `config.sha256`); null when it does not load. */
  audit: { type: 'type1' | 'type2'; period: { start: string; end: string } | null } | null;
  /**
   * The manifest's period against evident.yaml's (`audit.period`, or `audit.as_of` for a type 1 report):
   * `matches`, `differs` (built with `evident bundle --period`, or manifest.json edited: the zip cannot
   * tell which) or `unchecked` (evident.yaml does not load or states no period).
   */
  period: 'matches' | 'differs' | 'unchecked';
  /** `readiness` agrees with itself (percent from met and total) and, for a type 2 audit, total - met with the exceptions counted. */
  readiness: boolean;
  /** `exceptions` is the number of rows of exceptions.csv. */
  exceptions: boolean;
  /** Evidence files whose bytes were compared with the SHA-256 their `.evidence.yaml` or evidence-index.csv declare. */
  evidenceDeclared: number;
}

export interface SummaryFiles {
  /** evident.yaml, whose SHA-256 manifest.json names. */
  config?: Buffer;
  exceptionsCsv?: Buffer;
  evidenceIndex?: Buffer;
  /** The digest of every entry read in full. */
  digests: ReadonlyMap<string, FileDigest>;
  /** Evidence file to the `sha256` its `.evidence.yaml` declares (null: none). */
  declared: ReadonlyMap<string, string | null>;
  /** Files already named by another problem: their declared digests are not compared again. */
  named: ReadonlySet<string>;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * The manifest's summary compared with the files the bundle holds, so that `evident verify` prints
 * only figures it checked: the period with the bundled evident.yaml (loaded with core's `loadConfig`),
 * `exceptions` with the rows of exceptions.csv, `readiness` with itself and the exceptions, and every
 * evidence file's SHA-256 with the one its `.evidence.yaml` (`sha256`) and evidence-index.csv
 * (`declared_sha256`, and `sha256` as hashed at the build) state. A digest that differs is a problem
 * (evidence bytes that are not the ones declared), as are counts that contradict the files; a period
 * other than evident.yaml's is reported, not refused (`evident bundle --period`). Pure.
 */
export function summaryConsistency(manifest: Manifest, files: SummaryFiles): { problems: BundleProblem[]; checked: SummaryCheck } {
  const problems: BundleProblem[] = [];
  const problem = (message: string) => problems.push({ file: MANIFEST, problem: 'manifest', message });
  const audit = bundledAudit(files.config);
  const period = !audit?.period ? 'unchecked' : audit.period.start === manifest.period.start && audit.period.end === manifest.period.end ? 'matches' : 'differs';

  // A count that differs from the rows is named by `manifestConsistency`.
  const exceptions = files.exceptionsCsv !== undefined && csvRows(files.exceptionsCsv) === manifest.exceptions;

  const { percent, met, total } = manifest.readiness as { percent: unknown; met?: unknown; total?: unknown };
  let readiness = false;
  if (isCount(met) && isCount(total) && met <= total) {
    const expected = total === 0 ? null : Math.floor((met * 100) / total);
    const arithmetic = percent === expected;
    if (!arithmetic) problem(`Unexpected readiness ${percent === null ? 'null' : `${String(percent)}%`} at \`readiness.percent\` in ${MANIFEST}, expected ${expected === null ? 'null (nothing to count)' : `${expected}%`} for ${met} met of ${total}`);
    // A type 2 figure counts met occurrences against met occurrences plus every exception.
    // A count of exceptions that exceptions.csv contradicts is named already: only a consistent one is compared.
    const counted = audit?.type !== 'type2' || !exceptions || total - met === manifest.exceptions;
    if (!counted) problem(`Unexpected readiness ${met} met of ${total} in ${MANIFEST}, expected the ${total - met} not met to be the ${manifest.exceptions} exceptions it states`);
    readiness = arithmetic && counted && audit !== null && (audit.type === 'type1' || exceptions);
  } else if (met !== undefined || total !== undefined) problem(`Unexpected readiness of ${String(met)} met of ${String(total)} in ${MANIFEST}, expected whole numbers, met at most total`);

  const index = indexDigests(files.evidenceIndex);
  let evidenceDeclared = 0;
  for (const [name, actual] of files.digests) {
    if (!name.startsWith(EVIDENCE) || name.endsWith(METADATA_SUFFIX) || files.named.has(name)) continue;
    const metadata = files.declared.get(name);
    const row = index.get(name);
    const claims = [
      ...(typeof metadata === 'string' ? [[metadata, `the \`sha256\` of ${name.split('/').pop()}${METADATA_SUFFIX}`]] : []),
      ...(row?.declared ? [[row.declared, `its \`declared_sha256\` in ${EVIDENCE_INDEX}`]] : []),
      ...(row?.sha256 ? [[row.sha256, `its \`sha256\` in ${EVIDENCE_INDEX} (hashed when the bundle was built)`]] : []),
    ] as [string, string][];
    if (claims.length === 0) continue;
    evidenceDeclared += 1;
    const differing = claims.filter(([sha]) => sha !== actual.sha256);
    if (differing.length === 0) continue;
    problems.push({
      file: name,
      problem: 'modified',
      message: `Unexpected SHA-256 ${actual.sha256} of \`${name}\`, expected ${differing.map(([sha, where]) => `${sha}, ${where}`).join('; and ')}: the evidence bytes are not the ones declared`,
    });
  }
  return { problems, checked: { audit, period, readiness, exceptions, evidenceDeclared } };
}

/** Audit type and period of the bundled evident.yaml, loaded as `evident check` loads it; null when it does not load. */
function bundledAudit(bytes: Buffer | undefined): SummaryCheck['audit'] {
  if (!bytes) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const audit = loadConfig({ path: CONFIG_FILE, text }, createValidators()).config?.audit;
  if (!audit) return null;
  const period = audit.period ?? (audit.as_of ? { start: audit.as_of, end: audit.as_of } : null);
  return { type: audit.type, period: period ? { start: period.start, end: period.end } : null };
}

/** evidence-index.csv's digests by bundle path: `sha256` (hashed at the build) and `declared_sha256` (from the metadata). */
function indexDigests(bytes: Buffer | undefined): Map<string, { sha256: string; declared: string }> {
  const byPath = new Map<string, { sha256: string; declared: string }>();
  if (!bytes) return byPath;
  const [header, ...rows] = parseCsv(bytes.toString('utf8'));
  const at = (column: string) => header?.indexOf(column) ?? -1;
  const [path, sha256, declared] = [at('bundle_path'), at('sha256'), at('declared_sha256')];
  if (path < 0 || sha256 < 0 || declared < 0) return byPath;
  for (const row of rows) if (row[path]) byPath.set(row[path]!, { sha256: (row[sha256] ?? '').toLowerCase(), declared: (row[declared] ?? '').toLowerCase() });
  return byPath;
}
