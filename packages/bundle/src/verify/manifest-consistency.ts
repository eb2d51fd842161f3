import { METADATA_SUFFIX } from '@evident/core';
import type { FileDigest, Manifest } from '../plan/bundle-plan.js';
import { MANIFEST } from '../plan/manifest.js';
import type { BundleProblem } from './bundle-problem.js';
import { CONFIG as BUNDLED_CONFIG, EXCEPTIONS_CSV } from './read-bundle-zip.js';

const EVIDENCE = 'evidence/';

/** Rows of a CSV after its header: line breaks outside quoted fields, a last line without one counted. */
export function csvRows(bytes: Buffer): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x22) quoted = !quoted;
    else if (bytes[i] === 0x0a && !quoted) lines += 1;
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines += 1;
  return Math.max(0, lines - 1);
}

/**
 * What manifest.json states about the bundle's files beyond their digests, compared with the files:
 * `config.sha256` with the bundled evident.yaml, `evidence.included` with the evidence files its own
 * file list holds under `evidence/` (their `.evidence.yaml` metadata aside: the files themselves are
 * compared with the list one by one), `exceptions` with the rows of exceptions.csv. Pure.
 */
export function manifestConsistency(manifest: Manifest, config: FileDigest | undefined, exceptionsCsv: Buffer | undefined): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const problem = (message: string) => problems.push({ file: MANIFEST, problem: 'manifest', message });
  if (config && config.sha256 !== manifest.config.sha256) {
    problem(`${MANIFEST} states the SHA-256 ${manifest.config.sha256} for the configuration (\`config.sha256\`), but the bundled ${BUNDLED_CONFIG} has ${config.sha256}`);
  }
  const evidence = manifest.files.filter((f) => f.path.startsWith(EVIDENCE) && !f.path.endsWith(METADATA_SUFFIX)).length;
  if (evidence !== manifest.evidence.included) problem(`${MANIFEST} states ${manifest.evidence.included} evidence files included (\`evidence.included\`), its file list holds ${evidence} under ${EVIDENCE}`);
  if (exceptionsCsv) {
    const rows = csvRows(exceptionsCsv);
    if (rows !== manifest.exceptions) problem(`${MANIFEST} states ${manifest.exceptions} exceptions (\`exceptions\`), ${EXCEPTIONS_CSV} lists ${rows}`);
  }
  return problems;
}
