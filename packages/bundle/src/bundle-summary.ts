import { SIGNATURE_FINDINGS, type ChainProblem, type IsoDate, type SignatureStatus } from '@evident/core';
import type { AuditPeriod, BundlePlaceholders, BundleReadiness, EvidenceHistoryWalk, SourceCommit } from './bundle-inputs.js';
import type { BuiltBundle } from './build-bundle.js';

/** What was planned, before writing starts. */
export interface PlannedBundle {
  /** Entries of the zip besides manifest.json and SHA256SUMS. */
  files: number;
  /** Evidence files included, and their bytes. */
  evidence: number;
  evidenceBytes: number;
}

/** A built bundle as plain data: what the CLI reports, and what crosses from the worker thread that built it. */
export interface BundleSummary {
  path: string;
  sha256: string;
  size: number;
  /** Files in the zip. */
  entries: number;
  period: AuditPeriod;
  /** The date gaps were assessed on. */
  today: IsoDate;
  evidence: { included: number; listedNotIncluded: number };
  exceptions: number;
  /** Core's readiness figure, as the manifest and index.html state it. */
  readiness: BundleReadiness;
  placeholders: BundlePlaceholders;
  /** The commit built from (and whether the working tree had uncommitted changes), null outside git. */
  source?: SourceCommit | null;
  /** The evidence records' chain, and the records whose signature check is a finding (listed, counted for nothing). */
  chain: { records: number; head: string | null; problems: ChainProblem[]; signatureFindings: { file: string; status: SignatureStatus; message: string }[] };
  /** The walk of the evidence branch's history the records were read after, null without an evidence branch. */
  history: EvidenceHistoryWalk | null;
}

/** The plan's figures, from the bundle's view. Pure. */
export function plannedBundle(files: number, evidence: readonly { included: boolean; size?: number }[]): PlannedBundle {
  const included = evidence.filter((e) => e.included);
  return { files, evidence: included.length, evidenceBytes: included.reduce((n, e) => n + (e.size ?? 0), 0) };
}

/** A built bundle's summary. Pure. */
export function summarizeBundle(built: BuiltBundle): BundleSummary {
  const { view } = built;
  const { inputs } = view;
  const included = view.evidence.filter((e) => e.included).length;
  return {
    path: built.path,
    sha256: built.sha256,
    size: built.size,
    entries: built.entries,
    period: inputs.period,
    today: inputs.today,
    evidence: { included, listedNotIncluded: view.evidence.length - included },
    exceptions: view.exceptions.length,
    readiness: view.readiness.readiness,
    placeholders: inputs.placeholders,
    source: inputs.source ?? null,
    chain: {
      records: view.chain.records,
      head: view.chain.head,
      problems: view.chain.problems,
      signatureFindings: view.chain.signatures.records.filter((r) => SIGNATURE_FINDINGS.has(r.status)).map(({ file, status, message }) => ({ file, status, message })),
    },
    history: inputs.evidenceHistory ?? null,
  };
}
