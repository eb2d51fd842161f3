import { categoriesInScope, type EvidentConfig } from '../config/config.js';
import { defaultSeverities, severityOf } from '../config/default-severities.js';
import { code } from '../diagnostic.js';

/** What a weakening changes: a rule, the scope, where documents are read, required sections, or the gate's own code. */
export type WeakeningKind = 'rule-lowered' | 'category-removed' | 'path-moved' | 'section-removed' | 'section-alias-added' | 'gate-changed';

export interface Weakening {
  kind: WeakeningKind;
  /** The rule id, category, `paths` key, section or file group concerned. */
  subject: string;
  /** One Markdown-safe sentence naming the change. */
  message: string;
}

/**
 * Files whose change alters the gate itself, relative to the work tree's top level. The gate
 * that judges the pull request is the base's copy of these, so a change to them takes effect
 * only after the merge and must be reviewed as such.
 */
export const GATE_SOURCES: readonly { prefix: string; label: string }[] = [
  { prefix: '.github/workflows/pr-gate.yml', label: 'the gate workflow' },
  { prefix: 'packages/actions/check/', label: 'the check action' },
  { prefix: '.github/actions/evident-check/', label: 'the check action (vendored by `evident init`)' },
  { prefix: 'packages/core/', label: 'the core library of the check' },
  { prefix: '.github/CODEOWNERS', label: 'the code owners' },
];

/** How many file names one weakening lists before "and N more". */
const LISTED_FILES = 5;

const rank: Readonly<Record<string, number>> = { off: 0, info: 1, warning: 2, error: 3 };

/**
 * Everything a pull request changes that would make the gate more lenient once merged:
 * rule severities lowered or turned off, categories removed from scope, `paths.*` moved,
 * required sections removed, and changes to the gate's own sources. `changedFiles` are
 * paths relative to the work tree's top level. Either configuration may be undefined (the
 * base has none yet, or the head's is unusable): then only the files are compared. Pure.
 */
export function detectWeakening(base: EvidentConfig | undefined, head: EvidentConfig | undefined, changedFiles: readonly string[]): Weakening[] {
  const out: Weakening[] = [];
  if (base && head) {
    out.push(...loweredRules(base, head), ...removedCategories(base, head), ...movedPaths(base, head));
    out.push(...removedSections('policy', base.policies.required_sections, head.policies.required_sections));
    out.push(...removedSections('control', base.controls.required_sections, head.controls.required_sections));
    out.push(...addedAliases('policy', base.policies.section_aliases, head.policies.section_aliases));
    out.push(...addedAliases('control', base.controls.section_aliases, head.controls.section_aliases));
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

function changedGateSources(changedFiles: readonly string[]): Weakening[] {
  const out: Weakening[] = [];
  for (const source of GATE_SOURCES) {
    const files = [...new Set(changedFiles.filter((f) => (source.prefix.endsWith('/') ? f.startsWith(source.prefix) : f === source.prefix)))].sort();
    if (files.length === 0) continue;
    const listed = files.slice(0, LISTED_FILES).map(code).join(', ');
    const more = files.length > LISTED_FILES ? ` and ${files.length - LISTED_FILES} more` : '';
    const consequence = source.prefix === '.github/CODEOWNERS' ? "this pull request is reviewed by the base's code owners; review the change" : "the gate that runs is the base's; review the change";
    const what = files.length === 1 ? `${listed} changed` : `${source.label} changed (${listed}${more})`;
    out.push({ kind: 'gate-changed', subject: source.prefix, message: `${what}: ${consequence}` });
  }
  return out;
}
