import { categoriesInScope, type EvidentConfig } from '../config/config.js';
import { defaultSeverities, severityOf } from '../config/default-severities.js';
import { code } from '../diagnostic.js';
import type { KeylessSigningPolicy, SigningConfig } from '../evidence/check-record-signatures.js';
import type { Framework } from '../model/types.js';
import { relaxedAccess } from './relaxed-access.js';

/**
 * What a weakening changes: a rule, the scope (a category, or a criterion the framework catalog
 * moves out of it), where documents are read, required sections, what evidence records are
 * accepted (signing, the evidence branch), or a file that runs the gate, collects or verifies
 * evidence (`gate-changed`), or evidence the base already had (`evidence-rewritten`, see
 * `rewrittenEvidence`), or fewer occurrences to evidence (`frequency-lowered`, `control-removed`, `audit-narrowed`:
 * see `relaxedSchedule`), or collected records counted for a control (`record-source-added`, see
 * `addedRecordSources`), or fewer access exceptions (`access-relaxed`, see `relaxedAccess`).
 */
export type WeakeningKind =
  | 'rule-lowered'
  | 'category-removed'
  | 'criterion-out-of-scope'
  | 'path-moved'
  | 'section-removed'
  | 'section-alias-added'
  | 'signing-weakened'
  | 'evidence-branch-moved'
  | 'gate-changed'
  | 'evidence-rewritten'
  | 'frequency-lowered'
  | 'control-removed'
  | 'audit-narrowed'
  | 'record-source-added'
  | 'access-relaxed';

export interface Weakening {
  kind: WeakeningKind;
  /** The rule id, category, `paths` key, section or file group concerned. */
  subject: string;
  /** One Markdown-safe sentence naming the change. */
  message: string;
}

/** A file (or folder, ending in `/`) whose change is reported, what it is, and why it matters. */
export interface GateSource {
  /** A path relative to the work tree's top level; a folder ends in `/`. */
  prefix: string;
  label: string;
  /** What the change can do, ending with what reviewers should do. */
  consequence: string;
  /** The file name counts in any folder (`.gitattributes`). */
  anyFolder?: boolean;
}

const GATE = "the gate that runs is the base's; review the change";
const COLLECTOR = 'it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change';
const RELEASE = 'it verifies the evidence and builds the auditor bundle from it; review the change';

/**
 * Files whose change alters the gate itself, or what becomes accepted as evidence, relative to the
 * work tree's top level. The gate that judges the pull request is the base's copy of its own
 * sources, so a change to them takes effect only after the merge and must be reviewed as such;
 * the collectors (their workflows and actions) write the evidence records, the release workflow
 * verifies them, and `.gitattributes` changes how git converts the files both read.
 */
export const GATE_SOURCES: readonly GateSource[] = [
  { prefix: '.github/workflows/pr-gate.yml', label: 'the gate workflow', consequence: GATE },
  { prefix: 'packages/actions/check/', label: 'the check action', consequence: GATE },
  { prefix: '.github/actions/evident-check/', label: 'the check action (vendored by `evident init`)', consequence: GATE },
  { prefix: 'packages/core/', label: 'the core library of the check', consequence: GATE },
  { prefix: '.github/CODEOWNERS', label: 'the code owners', consequence: "this pull request is reviewed by the base's code owners; review the change" },
  { prefix: '.github/workflows/evidence.yml', label: 'the evidence collector workflow', consequence: COLLECTOR },
  { prefix: '.github/workflows/evidence-request.yml', label: 'the evidence request workflow', consequence: 'it starts the evidence collector; review the change' },
  { prefix: '.github/workflows/access.yml', label: 'the access collector workflow', consequence: COLLECTOR },
  { prefix: '.github/workflows/populations.yml', label: 'the populations collector workflow', consequence: COLLECTOR },
  { prefix: 'packages/actions/collect-evidence/', label: 'the evidence collector action', consequence: COLLECTOR },
  { prefix: '.github/actions/evident-collect-evidence/', label: 'the evidence collector action (vendored by `evident init`)', consequence: COLLECTOR },
  { prefix: 'packages/actions/access/', label: 'the access collector action', consequence: COLLECTOR },
  { prefix: '.github/actions/evident-access/', label: 'the access collector action (vendored by `evident init`)', consequence: COLLECTOR },
  { prefix: 'packages/actions/populations/', label: 'the populations collector action', consequence: COLLECTOR },
  { prefix: '.github/actions/evident-populations/', label: 'the populations collector action (vendored by `evident init`)', consequence: COLLECTOR },
  { prefix: '.github/workflows/release.yml', label: 'the release workflow', consequence: RELEASE },
  { prefix: 'packages/actions/bundle/', label: 'the bundle action', consequence: RELEASE },
  { prefix: '.github/actions/evident-bundle/', label: 'the bundle action (vendored by `evident init`)', consequence: RELEASE },
  {
    prefix: '.gitattributes',
    label: 'the git attributes',
    consequence: 'they change how git converts files on checkout (line endings, encodings, filters), which the gate, the collectors and the evidence hashes read; review the change',
    anyFolder: true,
  },
];

/** How many file names one weakening lists before "and N more". */
const LISTED_FILES = 5;

const rank: Readonly<Record<string, number>> = { off: 0, info: 1, warning: 2, error: 3 };

/** The framework catalog on each side, when it loaded. */
export interface CatalogSides {
  base?: Framework | undefined;
  head?: Framework | undefined;
}

/**
 * Everything a pull request changes that would make the gate more lenient, or accept more as
 * evidence, once merged: rule severities lowered or turned off, categories removed from scope,
 * criteria the framework catalog removes or moves out of scope, `paths.*` moved, required
 * sections removed, signing relaxed (`evidence.signing`), `evidence.branch` moved, and changes
 * to the files of `GATE_SOURCES`. `changedFiles` are paths relative to the work tree's top
 * level. Either configuration may be undefined (the base has none yet, or the head's is
 * unusable): then only the files are compared. Pure.
 */
export function detectWeakening(base: EvidentConfig | undefined, head: EvidentConfig | undefined, changedFiles: readonly string[], catalogs: CatalogSides = {}): Weakening[] {
  const out: Weakening[] = [];
  if (base && head) {
    out.push(...loweredRules(base, head), ...removedCategories(base, head));
    if (catalogs.base && catalogs.head) out.push(...criteriaOutOfScope(base, head, catalogs.base, catalogs.head));
    out.push(...movedPaths(base, head));
    out.push(...removedSections('policy', base.policies.required_sections, head.policies.required_sections));
    out.push(...removedSections('control', base.controls.required_sections, head.controls.required_sections));
    out.push(...addedAliases('policy', base.policies.section_aliases, head.policies.section_aliases));
    out.push(...addedAliases('control', base.controls.section_aliases, head.controls.section_aliases));
    out.push(...relaxedSigning(base.evidence.signing, head.evidence.signing), ...movedEvidenceBranch(base, head));
    out.push(...relaxedAccess(base, head));
  }
  out.push(...changedGateSources(changedFiles));
  return out;
}

function loweredRules(base: EvidentConfig, head: EvidentConfig): Weakening[] {
  const ids = new Set([...Object.keys(defaultSeverities), ...Object.keys(base.rules), ...Object.keys(head.rules)]);
  // A prefix such as `reference` is reported through the rule ids it covers, unless none is known.
  const prefixes = new Set([...ids].filter((id) => id.includes('/')).map((id) => id.split('/')[0]!));
  const out: Weakening[] = [];
  for (const id of [...ids].sort()) {
    if (!id.includes('/') && prefixes.has(id) && !(id in defaultSeverities)) continue;
    const before = severityOf(id, base.rules);
    const after = severityOf(id, head.rules);
    if (rank[after]! < rank[before]!) out.push({ kind: 'rule-lowered', subject: id, message: `${code(id)} lowered from ${before} to ${after}` });
  }
  return out;
}

function removedCategories(base: EvidentConfig, head: EvidentConfig): Weakening[] {
  const kept = categoriesInScope(head);
  return [...categoriesInScope(base)]
    .filter((category) => !kept.has(category))
    .sort()
    .map((category) => ({ kind: 'category-removed', subject: category, message: `category ${code(category)} removed from scope` }));
}

/**
 * Criteria in scope on the base that the head's catalog removes or gives a category out of the
 * head's scope. The gate judges scope with the base's catalog, so the change takes effect once
 * merged; a category removed from scope is reported on its own.
 */
function criteriaOutOfScope(base: EvidentConfig, head: EvidentConfig, baseCatalog: Framework, headCatalog: Framework): Weakening[] {
  const before = categoriesInScope(base);
  const after = categoriesInScope(head);
  const headCriteria = new Map(headCatalog.criteria.map((c) => [c.id, c]));
  const out: Weakening[] = [];
  for (const criterion of baseCatalog.criteria) {
    if (!before.has(criterion.category)) continue;
    const moved = headCriteria.get(criterion.id);
    const effect = "out of scope once merged (this pull request was judged with the base's catalog)";
    if (!moved) {
      out.push({ kind: 'criterion-out-of-scope', subject: criterion.id, message: `criterion ${code(criterion.id)} removed from the framework catalog: ${effect}` });
    } else if (moved.category !== criterion.category && !after.has(moved.category)) {
      out.push({ kind: 'criterion-out-of-scope', subject: criterion.id, message: `criterion ${code(criterion.id)} moved from category ${code(criterion.category)} to ${code(moved.category)} in the framework catalog: ${effect}` });
    }
  }
  return out;
}

function movedPaths(base: EvidentConfig, head: EvidentConfig): Weakening[] {
  const out: Weakening[] = [];
  for (const key of Object.keys(base.paths).sort() as (keyof EvidentConfig['paths'])[]) {
    const before = base.paths[key];
    const after = head.paths[key];
    if (before !== after) out.push({ kind: 'path-moved', subject: `paths.${key}`, message: `${code(`paths.${key}`)} moved from ${code(before)} to ${code(after)}` });
  }
  return out;
}

function removedSections(kind: 'policy' | 'control', before: readonly string[], after: readonly string[]): Weakening[] {
  const kept = new Set(after);
  return before
    .filter((section) => !kept.has(section))
    .map((section) => ({ kind: 'section-removed', subject: `${kind}:${section}`, message: `required ${kind} section ${code(section)} removed` }));
}

/** A new alias lets another heading stand for a required section: the rule accepts more. */
function addedAliases(kind: 'policy' | 'control', before: Readonly<Record<string, string[]>> = {}, after: Readonly<Record<string, string[]>> = {}): Weakening[] {
  const out: Weakening[] = [];
  for (const section of Object.keys(after).sort()) {
    const known = new Set((before[section] ?? []).map((a) => a.toLowerCase()));
    for (const alias of after[section] ?? []) {
      if (!known.has(alias.toLowerCase())) out.push({ kind: 'section-alias-added', subject: `${kind}:${section}`, message: `heading ${code(alias)} now counts as required ${kind} section ${code(section)}` });
    }
  }
  return out;
}

const instant = (value: string) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/**
 * Changes to `evidence.signing` that make a forged record acceptable: `required_from` removed or
 * moved later, a key added, replaced, valid earlier or revoked later (or no longer), and a keyless
 * signer added or changed. Keys and signers are compared only when the base already verifies
 * signatures: configuring signing for the first time accepts nothing that was refused.
 */
function relaxedSigning(base: SigningConfig | undefined, head: SigningConfig | undefined): Weakening[] {
  const out: Weakening[] = [];
  const weakened = (subject: string, message: string) => out.push({ kind: 'signing-weakened', subject, message });
  const requiredFrom = code('evidence.signing.required_from');
  if (base?.required_from && !head?.required_from) weakened('evidence.signing.required_from', `${requiredFrom} removed: unsigned records would be accepted`);
  else if (base?.required_from && head?.required_from && instant(head.required_from) > instant(base.required_from)) {
    weakened('evidence.signing.required_from', `${requiredFrom} moved from ${base.required_from} to ${head.required_from}: unsigned records recorded before ${head.required_from} would be accepted`);
  }
  if (!base?.keys?.length && !base?.keyless) return out;
  const before = new Map((base.keys ?? []).map((k) => [k.id, k]));
  for (const key of head?.keys ?? []) {
    const subject = `evidence.signing.keys.${key.id}`;
    const known = before.get(key.id);
    if (!known) weakened(subject, `signing key ${code(key.id)} added: records signed with it would be accepted`);
    else if (known.public_key.trim() !== key.public_key.trim()) weakened(subject, `signing key ${code(key.id)} given another public key: records signed with that key would be accepted`);
    else {
      if (instant(key.not_before) < instant(known.not_before)) weakened(subject, `signing key ${code(key.id)} valid from ${key.not_before} instead of ${known.not_before}: records it signed dated earlier would be accepted`);
      if (known.revoked_at && !key.revoked_at) weakened(subject, `signing key ${code(key.id)} no longer revoked (was from ${known.revoked_at}): records it signed since would be accepted`);
      else if (known.revoked_at && key.revoked_at && instant(key.revoked_at) > instant(known.revoked_at)) weakened(subject, `signing key ${code(key.id)} revoked from ${key.revoked_at} instead of ${known.revoked_at}: records it signed in between would be accepted`);
    }
  }
  if (head?.keyless && !sameSigner(base.keyless, head.keyless)) {
    const what = base.keyless ? `keyless signer changed from ${signer(base.keyless)} to ${signer(head.keyless)}` : `keyless signer ${signer(head.keyless)} added`;
    weakened('evidence.signing.keyless', `${what}: records that workflow signs would be accepted`);
  }
  return out;
}

const SIGNER_FIELDS = ['repository', 'workflow', 'ref', 'server_url', 'issuer'] as const;

function sameSigner(a: KeylessSigningPolicy | undefined, b: KeylessSigningPolicy): boolean {
  return a !== undefined && SIGNER_FIELDS.every((field) => a[field] === b[field]);
}

function signer(policy: KeylessSigningPolicy): string {
  return code(`${policy.repository}/${policy.workflow}@${policy.ref}${policy.server_url ? ` on ${policy.server_url}` : ''}${policy.issuer ? ` (issuer ${policy.issuer})` : ''}`);
}

function movedEvidenceBranch(base: EvidentConfig, head: EvidentConfig): Weakening[] {
  if (base.evidence.branch === head.evidence.branch) return [];
  return [
    {
      kind: 'evidence-branch-moved',
      subject: 'evidence.branch',
      message: `${code('evidence.branch')} moved from ${code(base.evidence.branch)} to ${code(head.evidence.branch)}: records would be read from a branch whose history was never verified, and which the evidence branch's ruleset may not protect`,
    },
  ];
}

function changedGateSources(changedFiles: readonly string[]): Weakening[] {
  const out: Weakening[] = [];
  for (const source of GATE_SOURCES) {
    const matches = (f: string) => (source.prefix.endsWith('/') ? f.startsWith(source.prefix) : f === source.prefix || (source.anyFolder === true && f.endsWith(`/${source.prefix}`)));
    const files = [...new Set(changedFiles.filter(matches))].sort();
    if (files.length === 0) continue;
    const listed = files.slice(0, LISTED_FILES).map(code).join(', ');
    const more = files.length > LISTED_FILES ? ` and ${files.length - LISTED_FILES} more` : '';
    const what = files.length === 1 ? `${listed} changed` : `${source.label} changed (${listed}${more})`;
    out.push({ kind: 'gate-changed', subject: source.prefix, message: `${what}: ${source.consequence}` });
  }
  return out;
}
