import { METADATA_SUFFIX } from '@evident/core';
import type { FileDigest, Manifest } from '../plan/bundle-plan.js';
import { MANIFEST } from '../plan/manifest.js';
import type { BundleProblem } from './bundle-problem.js';
import { csvRows } from './parse-csv.js';
import { CONFIG as BUNDLED_CONFIG, EXCEPTIONS_CSV } from './read-bundle-zip.js';

const EVIDENCE = 'evidence/';

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
