import { keylessRecordVerifier, trustedRootsWith } from '@evident/sigstore';
import { computeCoverage, computeReadiness, sha256Hex, type Control, type Coverage, type ExceptionItem, type Policy, type ReadinessReport, type RepositoryModel } from '@evident/core';
import type { AuditPeriod, BundleInputs, PolicyCommit } from '../bundle-inputs.js';
import { collectedAfterCommit } from './collected-after-commit.js';
import { evidenceEntries, type EvidenceEntry } from './evidence-entries.js';
import { acknowledgments, policyApprovals, type Acknowledgment, type PolicyApproval } from './policy-approvals.js';
import { policyContents } from './policy-contents.js';
import { policyVersions } from './policy-versions.js';
import { verifyRecordFiles, type ChainResult } from './verify-record-files.js';

export interface PolicyView {
  policy: Policy;
  /** SHA-256 of the policy file's bytes: what approvals and acknowledgments bind to. */
  sha256: string;
  approvals: PolicyApproval[];
  /** The approval of exactly this content, when recorded. */
  current?: PolicyApproval;
  /** Commits that changed the policy file, newest first. */
  history: (PolicyCommit & { inPeriod: boolean; approvals: PolicyApproval[] })[];
  acknowledgments: Acknowledgment[];
  controls: string[];
}

/** What the pages read of the repository model. Its evidence catalog and file list are left out: the view's `evidence` entries stand for them. */
export type PagesModel = Pick<RepositoryModel, 'config' | 'configFile' | 'framework' | 'categories' | 'criteriaInScope' | 'policies' | 'controls' | 'people' | 'teams'>;

/** The inputs the pages read: everything but the raw evidence (catalog, metadata files, record bytes), which the view has turned into entries. */
export interface PagesInputs extends Omit<BundleInputs, 'model' | 'evidenceMetadata' | 'records'> {
  model: PagesModel;
}

/** Everything derived from the inputs once, shared by the CSV files and the portal. */
export interface BundleView {
  inputs: PagesInputs;
  coverage: Coverage;
  readiness: ReadinessReport;
  policies: PolicyView[];
  controls: Control[];
  evidence: EvidenceEntry[];
  /** Included evidence per control id. */
  evidenceByControl: Map<string, EvidenceEntry[]>;
  chain: ChainResult;
  approvals: PolicyApproval[];
  acknowledgments: Acknowledgment[];
  /** Policy commits inside the period, newest first, with their approvals. */
  history: (PolicyCommit & { approvals: PolicyApproval[] })[];
  /** Every gap, from core's readiness assessment (with management responses). */
  exceptions: ExceptionItem[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const inPeriod = (period: AuditPeriod) => (commit: PolicyCommit) => {
  const day = commit.committed_at.slice(0, 10);
  return day >= period.start && day <= period.end;
};

/** Derive what the bundle shows from its inputs. Pure. */
export function buildBundleView(inputs: BundleInputs): BundleView {
  const { model, period } = inputs;
  const chain = verifyRecordFiles(inputs.records, model.config.evidence.signing, keylessRecordVerifier(trustedRootsWith(inputs.trustedRoots ?? [])));
  // A record whose signature check is a finding (unsigned where signing is required, a bad or unknown
  // signature) is listed with its finding, but approves, acknowledges and meets nothing.
  const trusted = chain.trusted;
  const approvals = policyApprovals(trusted, model, inputs.today);
  const acks = acknowledgments(trusted, inputs.today);
  const approvalsOf = (commit: PolicyCommit) =>
    approvals.filter((a) => (commit.pull_request !== null && a.pull_request.number === commit.pull_request) || a.pull_request.merge_commit_sha === commit.commit);
  const within = inPeriod(period);

  const controlsOfPolicy = new Map<string, string[]>();
  for (const c of model.controls) for (const p of c.policies) controlsOfPolicy.set(p, [...(controlsOfPolicy.get(p) ?? []), c.id]);
  const policies = [...model.policies].sort(byId).map((policy): PolicyView => {
    const sha256 = sha256Hex(Buffer.from(policy.source.text, 'utf8'));
    const mine = approvals.filter((a) => a.policy === policy.id);
    return {
      policy,
      sha256,
      approvals: mine,
      current: [...mine].reverse().find((a) => a.approved && a.sha256 === sha256),
      history: inputs.policyHistory
        .filter((c) => c.files.some((f) => f.path === policy.source.path))
        .map((c) => ({ ...c, inPeriod: within(c), approvals: approvalsOf(c).filter((a) => a.policy === policy.id) })),
      acknowledgments: acks.filter((a) => a.policy === policy.id && a.sha256 === sha256),
      controls: (controlsOfPolicy.get(policy.id) ?? []).sort(),
    };
  });

  // An item whose `collected_at` is later than the commit that added it states a false date: an exception, and not counted.
  const falseEvidence = inputs.evidenceCommits ? collectedAfterCommit(model, inputs.evidenceCommits, period) : undefined;
  const evidence = evidenceEntries(model, period, inputs.today);
  const falseDates = new Map((falseEvidence ?? []).map((f) => [f.path, f.exception]));
  for (const entry of evidence) {
    const exception = falseDates.get(entry.path);
    if (exception) entry.notes.push(`Its \`collected_at\` is later than the commit that added its metadata (${exception.id}): readiness does not count it`);
  }
  const evidenceByControl = new Map<string, EvidenceEntry[]>();
  for (const entry of evidence) {
    if (!entry.included) continue;
    for (const control of entry.controls) evidenceByControl.set(control, [...(evidenceByControl.get(control) ?? []), entry]);
  }

  // What git shows of each policy text: acknowledgments count from the commit that introduced it, backdated and reused version numbers are exceptions.
  const contents = policyContents(policyVersions({ inputs, approvals, exceptions: [] }, inputs.policyVersions ?? []), model, inputs.policyHistory);
  const readiness = computeReadiness(model, {
    today: inputs.today,
    records: trusted.map((s) => s.record),
    policyContents: contents,
    ...(falseEvidence ? { falseEvidence } : {}),
    ...(model.config.audit.type === 'type2' ? { period } : {}),
  });

  return {
    inputs: pagesInputs(inputs),
    coverage: computeCoverage(model),
    readiness,
    policies,
    controls: [...model.controls].sort(byId),
    evidence,
    evidenceByControl,
    chain,
    approvals,
    acknowledgments: acks,
    history: inputs.policyHistory.filter(within).map((c) => ({ ...c, approvals: approvalsOf(c) })),
    exceptions: readiness.exceptions,
  };
}

/**
 * The inputs as the pages see them, built field by field. The view keeps only these, so that
 * once the bundle is planned the evidence catalog (an item, its metadata and a digest for every
 * evidence file: megabytes with tens of thousands of files) can be released while it is written.
 */
function pagesInputs(inputs: BundleInputs): PagesInputs {
  const { model } = inputs;
  return {
    root: inputs.root,
    model: {
      config: model.config,
      configFile: model.configFile,
      framework: model.framework,
      categories: model.categories,
      criteriaInScope: model.criteriaInScope,
      policies: model.policies,
      controls: model.controls,
      people: model.people,
      teams: model.teams,
    },
    toolVersion: inputs.toolVersion,
    today: inputs.today,
    period: inputs.period,
    ...(inputs.release !== undefined ? { release: inputs.release } : {}),
    ...(inputs.source !== undefined ? { source: inputs.source } : {}),
    configText: inputs.configText,
    checkCounts: inputs.checkCounts,
    placeholders: inputs.placeholders,
    policyHistory: inputs.policyHistory,
    ...(inputs.githubCrossCheck ? { githubCrossCheck: inputs.githubCrossCheck } : {}),
    ...(inputs.evidenceHistory ? { evidenceHistory: inputs.evidenceHistory } : {}),
  };
}
