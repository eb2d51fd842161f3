import path from 'node:path';
import {
  addedRecordSources,
  ANNOTATION_LIMITS,
  buildBaseModel,
  changedPolicies,
  checkAgainstBase,
  CODEOWNERS_FILE,
  compareCoverage,
  computeCoverage,
  countDiagnostics,
  createValidators,
  decideGate,
  defaultPaths,
  detectWeakening,
  formatDiagnosticsGithub,
  formatGateSummary,
  grantedAdminRoles,
  loadConfig,
  METADATA_SUFFIX,
  readRepository,
  relaxedSchedule,
  rewrittenEvidence,
  selectAnnotations,
  type ChangedPolicy,
  type Coverage,
  type Criterion,
  type Diagnostic,
  type GateDecision,
  type Weakening,
} from '@evident/core';
import { changedFiles } from './changed-files.js';
import type { BaseRef } from './event-base.js';
import { blobFetcher, type EnsureBlobs } from './blob-fetcher.js';
import { gitEvidenceSource } from './git-evidence-source.js';
import { createGit, type Git } from './git.js';
import { MissingFromCheckoutError, missingFromCheckout } from './missing-from-checkout.js';
import { readBaseCheckout } from './read-base-checkout.js';
import { locateInWorkTree, mergeBase, readBaseRepository, resolveCommit } from './read-base-repository.js';

export interface GateOptions {
  /** Absolute path of the repository root that holds evident.yaml. */
  root: string;
  /** Absolute path annotations and links are relative to (GITHUB_WORKSPACE). */
  workspace: string;
  /** The commit to compare with; undefined skips the coverage delta and changed policies. */
  base: BaseRef | undefined;
  strict: boolean;
  /** Today as YYYY-MM-DD. */
  today: string;
  /** A link to a workspace-relative file and line, for the summary. */
  link?: (file: string, line?: number) => string | undefined;
  /** Parent directory of the temporary base checkout. */
  tmpDir?: string;
  /**
   * Absolute path of a checkout of the base commit (the workflow's second checkout). When
   * it holds the commit the gate compares with, the base is read from it instead of from git.
   */
  baseRoot?: string;
  /** Git client factory (a directory in, a client out). */
  createGit?: (cwd: string) => Git;
  /**
   * `changed` (the default with a base): re-hash only the evidence files the change adds or
   * modifies, or whose metadata it touches; the others were checked when they were added and the
   * release build checks them all again. `all`: hash every evidence file. Policies, controls and
   * metadata are always checked whole.
   */
  hashEvidence?: 'changed' | 'all';
  /**
   * Blobs at hand by object id, each checked against its id (`parseMetadataCache`): metadata the
   * gate takes from here rather than from git. Every metadata file is still read whole, only not
   * fetched again.
   */
  cached?: ReadonlyMap<string, Uint8Array> | Promise<ReadonlyMap<string, Uint8Array> | undefined>;
  /** Told what the gate fetched, for the log. */
  log?: (line: string) => void;
}

export interface GateReport {
  decision: GateDecision;
  /** Every finding, with workspace-relative paths. */
  diagnostics: Diagnostic[];
  /** Workflow commands for the first findings of each level. */
  annotations: string;
  summary: string;
  /** Changes that make the gate more lenient once merged; empty without a base. */
  weakenings: Weakening[];
  outputs: { errors: number; warnings: number; changedPolicies: string[]; weakened: boolean };
}

/**
 * The pull-request gate: check the head with the base's rules, compare coverage and
 * policies with the base, call out what the change does to the gate itself, decide, and render.
 */
export async function runGate(options: GateOptions): Promise<GateReport> {
  const validators = createValidators();
  const git = (options.createGit ?? createGit)(options.root);
  const located = options.base ? await locateBase(git, options.base, options) : undefined;
  // A partial clone (the workflow fetches commits and trees only) fetches the blobs the gate reads, together.
  const ensure = located ? await blobFetcher(located.top, { commits: [await resolveCommit(located.top, 'HEAD'), located.commit], ...(options.log ? { log: options.log } : {}) }) : undefined;
  // The change's own files are never taken from the metadata cache (ADR 18).
  const changedInRoot = new Set(located ? fromRoot(located.changedFiles.map((file) => ({ path: file })), located.prefix).map((f) => f.path) : []);
  const only = located && options.hashEvidence !== 'all' ? { only: evidenceToHash(located.changedFiles, located.prefix) } : undefined;
  // With a base, the change is the commit checked out: its evidence folder is read from git (the checkout may leave it out).
  // A pointer counts as one only where the base's .gitattributes hand the path to LFS too: a change cannot do it for itself.
  const readHead = (hashing: typeof only) => {
    const evidenceSource = located ? gitEvidenceSource(located.toplevel, 'HEAD', located.prefix, { ...(hashing ? { alsoRead: hashing.only } : {}), lfsAlsoAt: [located.commit], ...(options.cached ? { cached: options.cached, uncached: changedInRoot } : {}), ...(ensure ? { ensure } : {}) }) : undefined;
    return readRepository(options.root, { validators, ...(hashing ? { evidenceHashing: hashing } : {}), ...(evidenceSource ? { evidenceSource } : {}) });
  };
  const [base, firstRead] = await Promise.all([located && readBase(located, options, validators, ensure), readHead(only)]);
  let head = firstRead;
  const baseConfig = base?.snapshot && loadConfig(base.snapshot.config, validators).config;
  let checked = checkAgainstBase(head, baseConfig, { today: options.today, validators, baseCatalog: base?.snapshot?.catalog });
  // Untouched files were checked when they were added only if they were evidence then: with the folder moved, hash them all.
  if (only && baseConfig && checked.headConfig && checked.headConfig.paths.evidence !== baseConfig.paths.evidence) {
    head = await readHead(undefined);
    checked = checkAgainstBase(head, baseConfig, { today: options.today, validators, baseCatalog: base?.snapshot?.catalog });
  }
  if (located) {
    // Everything but the evidence folder is read from the working tree: a sparse checkout must not have left any of it out.
    const paths = checked.headConfig?.paths ?? defaultPaths;
    const read = [paths.policies, paths.controls, paths.exceptions, paths.people, paths.frameworks, CODEOWNERS_FILE].map((p) => join(located.prefix, p));
    const missing = await missingFromCheckout(located.top, located.toplevel, read);
    if (missing.length > 0) throw new MissingFromCheckoutError(missing);
  }
  const weakenings = base ? detectWeakening(baseConfig, checked.headConfig, base.changedFiles, checked.catalogs) : [];
  // Evidence the base already had, edited or removed: consistent bytes and digest pass every rule, so it is named.
  if (located && baseConfig) weakenings.push(...rewrittenEvidence(baseConfig.paths.evidence, fromRoot(located.rewritten, located.prefix)));

  let coverageChanges;
  let totals: { base?: Coverage['totals']; head?: Coverage['totals'] } | undefined;
  let changed: ChangedPolicy[] | undefined;
  if (base && options.base) {
    const baseModel = base.snapshot && buildBaseModel(base.snapshot, { snapshot: head, model: checked.model }, validators);
    const baseCoverage = baseModel ? computeCoverage(baseModel) : emptyCoverage;
    const headCoverage = checked.model ? computeCoverage(checked.model) : emptyCoverage;
    // Fewer occurrences to evidence (a control made less frequent, the audit period narrowed): the coverage delta does not show it.
    if (baseModel && checked.model) weakenings.push(...relaxedSchedule(baseModel, checked.model), ...addedRecordSources(baseModel.controls, checked.model.controls));
    if (baseModel && checked.headConfig && checked.model) weakenings.push(...grantedAdminRoles(checked.headConfig, baseModel.people, checked.model.people));
    coverageChanges = compareCoverage(baseCoverage, headCoverage);
    totals = { base: baseCoverage.totals, head: headCoverage.totals };
    changed = changedPolicies({ files: base.snapshot?.policies ?? [], model: baseModel }, { files: head.policies, model: checked.model });
  }

  const prefix = toPosix(path.relative(options.workspace, options.root));
  const diagnostics = checked.diagnostics.map((d) => rebase(d, prefix));
  const decision = decideGate({ diagnostics, coverageChanges, configFailed: checked.configFailed, strict: options.strict });
  // A failed gate adds one error of its own (core.setFailed), a weakened one a warning: keep a slot for each.
  const limits = { ...ANNOTATION_LIMITS, error: ANNOTATION_LIMITS.error - (decision.passed ? 0 : 1), warning: ANNOTATION_LIMITS.warning - (weakenings.length ? 1 : 0) };
  const { selected, omitted } = selectAnnotations(diagnostics, limits);
  const counts = countDiagnostics(diagnostics);
  const summary = formatGateSummary({
    decision,
    diagnostics,
    annotationsOmitted: omitted.error + omitted.warning + omitted.info,
    ...(options.base && base ? { base: { label: options.base.label, sha: base.commit }, weakenings, rulesFrom: checked.rulesFrom } : {}),
    ...(coverageChanges ? { coverageChanges } : {}),
    ...(totals ? { totals } : {}),
    ...(checked.model ? { criteria: withBaseCriteria(checked.model.framework.criteria, checked.catalogs.base?.criteria) } : {}),
    ...(changed ? { changedPolicies: changed.map((p) => rebasePolicy(p, prefix)) } : {}),
    ...(options.link ? { link: options.link } : {}),
  });
  return {
    decision,
    diagnostics,
    annotations: formatDiagnosticsGithub(selected),
    summary,
    weakenings,
    outputs: { errors: counts.error, warnings: counts.warning, changedPolicies: (changed ?? []).map((p) => p.id), weakened: weakenings.length > 0 },
  };
}

interface LocatedBase {
  commit: string;
  /** The git client at the work tree's top level, and that directory. */
  top: Git;
  toplevel: string;
  /** The program root's path from the top level (`''` or `compliance/`). */
  prefix: string;
  /** Paths from the top level that differ between the base and HEAD. */
  changedFiles: string[];
  /** Those of them the base had: modified or deleted. */
  rewritten: { path: string; status: 'modified' | 'deleted' }[];
}

async function locateBase(git: Git, ref: BaseRef, options: GateOptions): Promise<LocatedBase> {
  const [merged, resolved, { toplevel, prefix }] = await Promise.all([
    ref.headSha ? mergeBase(git, ref.headSha) : undefined,
    resolveCommit(git, ref.ref).then(
      (sha) => ({ sha }),
      (error: unknown) => ({ error }),
    ),
    locateInWorkTree(git),
  ]);
  if (!merged && 'error' in resolved) throw resolved.error;
  const commit = merged ?? (resolved as { sha: string }).sha;
  const top = toplevel === path.resolve(options.root) ? git : (options.createGit ?? createGit)(toplevel);
  const { changed, rewritten } = await changedFiles(top, commit);
  return { commit, top, toplevel, prefix, changedFiles: changed, rewritten };
}

async function readBase(located: LocatedBase, options: GateOptions, validators: ReturnType<typeof createValidators>, ensure: EnsureBlobs | undefined) {
  const { commit, top, prefix } = located;
  const fromCheckout = options.baseRoot ? await readBaseCheckout(options.baseRoot, (options.createGit ?? createGit)(options.baseRoot), commit, { prefix, validators }) : undefined;
  const snapshot = fromCheckout ? fromCheckout.snapshot : await readBaseRepository(top, commit, { prefix, toplevel: located.toplevel, validators, ...(options.tmpDir ? { tmpDir: options.tmpDir } : {}), ...(ensure ? { ensure } : {}) });
  return { commit, snapshot, changedFiles: located.changedFiles };
}

/**
 * The root-relative evidence paths the gate re-hashes: each changed file, and the file each changed
 * metadata file describes (a change to a recorded `sha256` is checked against the bytes).
 */
export function evidenceToHash(changed: readonly string[], prefix: string): Set<string> {
  const out = new Set<string>();
  for (const file of changed) {
    if (prefix && !file.startsWith(prefix)) continue;
    const relative = file.slice(prefix.length);
    out.add(relative.endsWith(METADATA_SUFFIX) ? relative.slice(0, -METADATA_SUFFIX.length) : relative);
  }
  return out;
}

/** The files under the program root, with root-relative paths. */
function fromRoot<T extends { path: string }>(files: readonly T[], prefix: string): T[] {
  return files.filter((f) => !prefix || f.path.startsWith(prefix)).map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
}

/** The head's criteria, then those only the base's catalog has (the coverage delta still names them). */
function withBaseCriteria(head: readonly Criterion[], base: readonly Criterion[] = []): Criterion[] {
  const known = new Set(head.map((c) => c.id));
  return [...head, ...base.filter((c) => !known.has(c.id))];
}

const emptyCoverage: Coverage = { rows: [], totals: { criteria: 0, covered: 0, uncovered: 0, planned: 0, implemented: 0, operating: 0 } };

/** A root-relative path as the workspace sees it. */
function join(prefix: string, file: string): string {
  return prefix === '' || prefix.startsWith('..') ? file : path.posix.join(prefix, file);
}

function rebase(d: Diagnostic, prefix: string): Diagnostic {
  if (prefix === '') return d;
  const out: Diagnostic = { ...d, file: join(prefix, d.file) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, file: join(prefix, r.file) }));
  return out;
}

function rebasePolicy(p: ChangedPolicy, prefix: string): ChangedPolicy {
  if (prefix === '') return p;
  const out: ChangedPolicy = { ...p, path: join(prefix, p.path) };
  if (p.previousPath) out.previousPath = join(prefix, p.previousPath);
  return out;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
