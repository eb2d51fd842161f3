import { parseDocument as parseYamlDocument } from 'yaml';
import { adoptionReadme } from './adoption-readme.js';
import { dropEvidentOnly, EVIDENT_ONLY_HASH } from './drop-evident-only.js';
import { citeEvidentDocs, pointDocLinks, pointDocMentions, type DocsSource } from './point-doc-links.js';
import { pointActionsAt, vendoredActionFiles, type ActionSource, type ActionBundles } from './point-actions.js';

export const optionalCategories = ['availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;

export interface InitOptions {
  /** Optional categories to put in scope besides security. */
  categories: readonly string[];
  /** Where the scaffold's workflows take the Evident actions from. */
  actions: ActionSource;
  /** The action bundles to copy in, when `actions` is vendored. */
  bundles?: ActionBundles;
  /** Today (YYYY-MM-DD): the Type I date and the drafts' effective date are set ahead of it. */
  today: string;
  /** The Evident repository and commit this CLI was built from: links to Evident's documents point there. */
  docs?: DocsSource;
}

export interface PlannedFile {
  path: string;
  text: string;
}

/** Starter files by repository path, as read from an Evident checkout. */
export type StarterFiles = ReadonlyMap<string, string>;

/** Days from `init` to the scaffold's Type I date: a quarter to make the program true. */
export const FIRST_AUDIT_LEAD_DAYS = 90;

const criterionCategory = (id: string) => (id.startsWith('CC') ? 'security' : id.startsWith('PI') ? 'processing-integrity' : id.startsWith('A') ? 'availability' : id.startsWith('C') ? 'confidentiality' : 'privacy');

/** A flow list from a starter document's frontmatter, such as `criteria: [CC6.1, CC6.2]`. */
function listOf(text: string, key: string): string[] {
  const match = new RegExp(`^${key}:\\s*\\[([^\\]]*)\\]`, 'm').exec(text);
  return match ? match[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

const criteriaOf = (text: string) => listOf(text, 'criteria');

/** Drop the criteria of categories out of scope from a document's frontmatter, keeping everything else as written. */
function narrowCriteria(text: string, keep: (criterion: string) => boolean): string {
  const criteria = criteriaOf(text);
  const kept = criteria.filter(keep);
  if (kept.length === criteria.length) return text;
  return text.replace(/^criteria:\s*\[[^\]]*\]/m, `criteria: [${kept.join(', ')}]`);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A starter policy as a draft nobody has approved yet: `status: draft`, the planned effective
 * date ahead, and no review dates (the first review is the approval by pull request).
 */
export function asDraftPolicy(text: string, effectiveDate: string): string {
  const end = text.indexOf('\n---', 4);
  if (!text.startsWith('---') || end < 0) return text;
  const frontmatter = text
    .slice(0, end)
    .replace(/^status: approved$/m, 'status: draft')
    .replace(/^effective_date: .*$/m, `effective_date: ${effectiveDate} # planned: set when the policy is approved`)
    .replace(/^ {2}(last_reviewed|next_review): .*\n/gm, '');
  return frontmatter + text.slice(end);
}

/**
 * What `evident init` writes: the starter program narrowed to the chosen categories, with
 * policies as drafts, evident.yaml with that scope and a Type I date ahead, workflows pointing
 * at the Evident actions (pinned or vendored), and a README for the adopting company. Copied
 * Markdown loses its `evident-only` passages, and its links to Evident documents the scaffold does
 * not carry point at Evident's copy (or name it as plain text); comments citing them say they are Evident's. Pure.
 */
export function planInit(starter: StarterFiles, options: InitOptions): PlannedFile[] {
  const scope = new Set(['security', ...options.categories]);
  const inScope = (text: string) => {
    const criteria = criteriaOf(text);
    return criteria.length === 0 || criteria.some((c) => scope.has(criterionCategory(c)));
  };
  const firstAudit = addDays(options.today, FIRST_AUDIT_LEAD_DAYS);
  const sorted = [...starter].sort(([a], [b]) => a.localeCompare(b));
  const controls = sorted.filter(([p, text]) => p.startsWith('controls/') && inScope(text));
  const neededPolicies = new Set(controls.flatMap(([, text]) => listOf(text, 'policies')));
  const keepPolicy = (p: string, text: string) => inScope(text) || neededPolicies.has(p.slice('policies/'.length, -'.md'.length));
  const narrow = (text: string) => narrowCriteria(text, (c) => scope.has(criterionCategory(c)));
  const files: PlannedFile[] = [];
  for (const [path, text] of sorted) {
    if (path === 'evident.yaml') files.push({ path, text: scaffoldConfig(text, [...scope], firstAudit) });
    else if (path.startsWith('controls/')) {
      if (inScope(text)) files.push({ path, text: narrow(text) });
    } else if (path.startsWith('policies/')) {
      if (keepPolicy(path, text)) files.push({ path, text: asDraftPolicy(narrow(text), firstAudit) });
    } else if (path.startsWith('.github/workflows/')) files.push({ path, text: pointActionsAt(text, options.actions) });
    else files.push({ path, text });
  }
  if (options.actions.kind === 'vendored') files.push(...vendoredActionFiles(options.bundles ?? new Map()));
  files.push({ path: 'README.md', text: adoptionReadme([...scope], options.actions) });
  files.push({ path: 'evidence/README.md', text: '# Evidence\n\nAdd evidence with `evident evidence add FILE --control ID --covers PERIOD`: it stores the file under `evidence/<control>/<period>/` with a `.evidence.yaml` sidecar that records what it covers, who collected it and its SHA-256.\n' });
  files.push({ path: 'exceptions/README.md', text: '# Management responses\n\nFor each gap `evident status` lists, write `exceptions/<exception id>.yaml` with `response`, `owner` and `target_date`. The response appears in the auditor bundle next to the gap.\n' });
  // Private keys (`evident signing keygen`) are never committed; a certificate stored as evidence is.
  files.push({ path: '.gitignore', text: 'node_modules/\nout/\nframeworks/*/criteria-text.local.yaml\n*.pem\n!/evidence/**/*.pem\n' });
  files.push({ path: '.gitattributes', text: scaffoldGitattributes() });
  const carried = new Set(files.map((f) => f.path));
  return files.map((f) => ({ path: f.path, text: pointDocs(f, carried, options.docs) })).sort((a, b) => a.path.localeCompare(b.path));
}

/** A planned file with its references to Evident documents the scaffold does not carry made to work there. */
function pointDocs(file: PlannedFile, carried: ReadonlySet<string>, docs: DocsSource | undefined): string {
  if (file.path.endsWith('.md')) return pointDocLinks(file.path, dropEvidentOnly(file.text), carried, docs);
  if (file.path.startsWith('.github/workflows/') || file.path === '.gitattributes') return pointDocMentions(file.text, carried);
  if (file.path.startsWith('schemas/')) return citeEvidentDocs(file.text, carried);
  if (file.path === '.github/CODEOWNERS') return dropEvidentOnly(file.text, EVIDENT_ONLY_HASH);
  return file.text;
}

/** Binary evidence types the scaffold stores with Git LFS. */
export const LFS_EVIDENCE_TYPES = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'zip', 'gz', '7z', 'xlsx', 'xls', 'docx', 'pptx', 'mp4', 'mov'] as const;

/** `.gitattributes`: evidence byte for byte, and its common binary types in Git LFS (Evident's docs/lfs.md). */
export function scaffoldGitattributes(): string {
  return [
    '# Evidence is kept byte for byte (no line-ending conversion): its SHA-256 is in its metadata.',
    'evidence/** -text',
    "# Binary evidence goes to Git LFS (Evident's docs/lfs.md): Git keeps a small pointer whose oid is the",
    '# content\'s SHA-256, so `evident check` and the pull-request gate never download the content;',
    '# the release bundle does (`lfs: true`). Run `git lfs install` once per machine.',
    ...LFS_EVIDENCE_TYPES.map((type) => `evidence/**/*.${type} filter=lfs diff=lfs merge=lfs -text`),
    '',
  ].join('\n');
}

/** evident.yaml with the chosen categories, and a Type I audit dated ahead (the sample's Type II period left as a comment). */
function scaffoldConfig(text: string, categories: string[], asOf: string): string {
  const doc = parseYamlDocument(text);
  const order = ['security', ...optionalCategories];
  const sorted = categories.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const node = doc.createNode(sorted);
  node.flow = true;
  doc.setIn(['frameworks', 0, 'categories'], node);
  const audit = doc.createNode({ type: 'type1', as_of: asOf, auditor: 'REPLACE with your audit firm' });
  audit.commentBefore = [
    ' Start with a Type I report: the design of the controls as of one date. Move to',
    ' `type: type2` with a `period` (3 to 12 months, agreed with the auditor) once Type I passes:',
    '   type: type2',
    '   period: { start: YYYY-MM-DD, end: YYYY-MM-DD }',
  ].join('\n');
  doc.set('audit', audit);
  return doc.toString({ lineWidth: 0 });
}
