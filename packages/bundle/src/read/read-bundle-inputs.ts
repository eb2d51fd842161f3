import type { TrustedRootFile } from '@evident/sigstore';
import { checkRepository, countDiagnostics, createValidators, readRepository, rules, runRules, toDiagnostics, toIsoDate, type Diagnostic, type IsoDate, type Locate, type ReadOptions, type RepositoryModel } from '@evident/core';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { AuditPeriod, BundleInputs } from '../bundle-inputs.js';
import type { ManifestCrossCheck } from '../plan/bundle-plan.js';
import { BundleScopeError } from './bundle-scope-error.js';
import { PlaceholdersError } from './placeholders-error.js';
import { unfetchedLfsContent } from './unfetched-lfs-content.js';
import { unportableEvidence } from './unportable-evidence.js';
import { unportableIds } from './unportable-ids.js';
import { policyVersionSpans } from '../model/policy-version-spans.js';
import { attributePullRequests, recordedPulls, withPullRequests } from './attribute-pull-requests.js';
import { readWalkedEvidence, readFirstParentLine, readSourceCommit } from './read-git-facts.js';
import { isShallowRepository, readPolicyHistory, readPolicyVersionTexts } from './read-policy-history.js';
import { readEvidenceCommits } from './read-evidence-commits.js';
import { ShallowHistoryError } from './shallow-history-error.js';

export interface ReadBundleOptions {
  root: string;
  toolVersion: string;
  /** The clock, used only when neither `today` nor a source commit gives the assessment date. */
  now: () => Date;
  /** Assess gaps as of this date; default: the date of the source commit, so a commit always gives the same bundle. */
  today?: IsoDate;
  /** Default: `audit.period` of evident.yaml (or `audit.as_of` for a type 1 report). */
  period?: AuditPeriod;
  release?: string;
  /** Where the zip goes: left out when deciding whether the working tree is clean. */
  outDir?: string;
  /** Parse policies and controls on worker threads (core's `readRepository` option). */
  parallel?: ReadOptions['parallel'];
  /** Build even though `content/placeholder` finds starter content (the manifest and index.html say so); refused otherwise. */
  allowPlaceholders?: boolean;
  /** The GitHub cross-check run before the build, recorded in the manifest as `github_cross_check`. */
  githubCrossCheck?: ManifestCrossCheck;
  /** Sigstore trusted roots besides the shipped public-good one, to verify keyless record signatures. */
  trustedRoots?: TrustedRootFile[];
}

/** The rule whose findings refuse a bundle, whatever severity evident.yaml gives it. */
export const PLACEHOLDER_RULE = 'content/placeholder';

/** Starter placeholders on the tree, as `evident check` would print them (at warning, its default). Pure. */
export function placeholderFindings(model: RepositoryModel, today: IsoDate): Diagnostic[] {
  return toDiagnostics(runRules(model, rules.filter((r) => r.id === PLACEHOLDER_RULE), { today }), {});
}

/** Read everything a bundle is planned from: the repository, its git history and the evidence branch. */
export async function readBundleInputs(options: ReadBundleOptions): Promise<BundleInputs> {
  const { root } = options;
  const validators = createValidators();
  const snapshot = await readRepository(root, { validators, ...(options.parallel ? { parallel: options.parallel } : {}) });
  const git = simpleGit({ baseDir: root });
  // Refused before the history is read: a shallow clone's would make its oldest commit seem to add every
  // policy, and the bundle's policy history, deadlines and version exceptions would be made up.
  if (await isShallowRepository(git)) throw new BundleScopeError(`${new ShallowHistoryError().message}; no bundle was written`);
  const out = options.outDir ? path.relative(root, path.resolve(root, options.outDir)) : '';
  const source = await readSourceCommit(git, out && !out.startsWith('..') && !path.isAbsolute(out) ? [out.split(path.sep).join('/')] : []);
  const today = options.today ?? source?.committed_at.slice(0, 10) ?? toIsoDate(options.now());
  const checked = checkRepository(snapshot, { today, validators });
  if (!checked.model) throw new BundleScopeError('Unexpected invalid `evident.yaml`, expected a configuration `evident check` accepts', checked.diagnostics);
  const unfetched = unfetchedLfsContent(checked.model) ?? unportableEvidence(checked.model, today) ?? unportableIds(checked.model, today);
  if (unfetched) throw unfetched;
  const placeholders = placeholderFindings(checked.model, today);
  if (placeholders.length > 0 && !options.allowPlaceholders) throw new PlaceholdersError(placeholders);
  releasePositions(checked.model);
  const { config } = checked.model;
  const period = options.period ?? config.audit.period ?? (config.audit.as_of ? { start: config.audit.as_of, end: config.audit.as_of } : undefined);
  if (!period) throw new BundleScopeError('Unexpected missing audit period, expected `audit.period` (or `audit.as_of`) in evident.yaml or --period START..END');

  const [history, { records, history: evidenceHistory }, line, evidenceCommits] = await Promise.all([
    readPolicyHistory(git, config.paths.policies),
    readWalkedEvidence(git, root, config.evidence.branch),
    readFirstParentLine(git),
    readEvidenceCommits(git, checked.model.evidence.folder),
  ]);
  const named = new Map(history.map((c) => [c.commit, c.pull_request]));
  const policyHistory = withPullRequests(history, attributePullRequests(line, named, recordedPulls(records.map(parseRecord))));
  const policyVersions = await readPolicyVersionTexts(root, policyVersionSpans(policyHistory, period).map((s) => ({ path: s.path, commit: s.commit.commit, blob: s.blob })));
  return {
    root,
    model: checked.model,
    toolVersion: options.toolVersion,
    today,
    period,
    ...(options.release ? { release: options.release } : {}),
    ...(source ? { source } : {}),
    configText: snapshot.config.text,
    checkCounts: countDiagnostics(checked.diagnostics),
    placeholders: { allowed: options.allowPlaceholders === true, count: placeholders.length },
    ...(options.githubCrossCheck ? { githubCrossCheck: options.githubCrossCheck } : {}),
    ...(options.trustedRoots?.length ? { trustedRoots: options.trustedRoots } : {}),
    policyHistory,
    records,
    ...(evidenceHistory ? { evidenceHistory } : {}),
    policyVersions,
    ...(evidenceCommits ? { evidenceCommits } : {}),
    evidenceMetadata: snapshot.evidence,
  };
}

/** A record file's JSON, or null when it does not parse (the chain verification reports it). */
function parseRecord(file: { bytes: Uint8Array }): unknown {
  try {
    return JSON.parse(Buffer.from(file.bytes).toString('utf8'));
  } catch {
    return null;
  }
}

const nowhere: Locate = () => ({ line: 1, column: 1 });

/**
 * The bundle reports no file positions: drop the YAML trees the model keeps to locate
 * keys (one per document and evidence item, a hundred megabytes with tens of thousands
 * of evidence files), so the memory serves the writer instead.
 */
function releasePositions(model: RepositoryModel): void {
  for (const document of model.documents) document.locate = nowhere;
  for (const item of model.evidence.items) item.locate = nowhere;
  model.locateConfig = nowhere;
  model.locatePerson = nowhere;
}
