import { parseDocument as parseYamlDocument } from 'yaml';
import { adoptionReadme } from './adoption-readme.js';

export const optionalCategories = ['availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;

export interface InitOptions {
  /** Optional categories to put in scope besides security. */
  categories: readonly string[];
  /** `OWNER/REPO@SHA` of the Evident actions the workflows use; placeholders when absent. */
  actionsRef?: string;
}

export interface PlannedFile {
  path: string;
  text: string;
}

/** Starter files by repository path, as read from an Evident checkout. */
export type StarterFiles = ReadonlyMap<string, string>;

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

/**
 * What `evident init` writes: the starter program narrowed to the chosen
 * categories, evident.yaml with that scope, workflows pointing at the Evident
 * actions, and a README for the adopting company. Pure.
 */
export function planInit(starter: StarterFiles, options: InitOptions): PlannedFile[] {
  const scope = new Set(['security', ...options.categories]);
  const inScope = (text: string) => {
    const criteria = criteriaOf(text);
    return criteria.length === 0 || criteria.some((c) => scope.has(criterionCategory(c)));
  };
  const sorted = [...starter].sort(([a], [b]) => a.localeCompare(b));
  const controls = sorted.filter(([p, text]) => p.startsWith('controls/') && inScope(text));
  const neededPolicies = new Set(controls.flatMap(([, text]) => listOf(text, 'policies')));
  const keepPolicy = (p: string, text: string) => inScope(text) || neededPolicies.has(p.slice('policies/'.length, -'.md'.length));
  const narrow = (text: string) => narrowCriteria(text, (c) => scope.has(criterionCategory(c)));
  const files: PlannedFile[] = [];
  for (const [path, text] of sorted) {
    if (path === 'evident.yaml') files.push({ path, text: withCategories(text, [...scope]) });
    else if (path.startsWith('controls/')) {
      if (inScope(text)) files.push({ path, text: narrow(text) });
    } else if (path.startsWith('policies/')) {
      if (keepPolicy(path, text)) files.push({ path, text: narrow(text) });
    } else if (path.startsWith('.github/workflows/')) files.push({ path, text: pointActionsAt(text, options.actionsRef) });
    else files.push({ path, text });
  }
  files.push({ path: 'README.md', text: adoptionReadme([...scope]) });
  files.push({ path: 'evidence/README.md', text: '# Evidence\n\nAdd evidence with `evident evidence add FILE --control ID --covers PERIOD`: it stores the file under `evidence/<control>/<period>/` with a `.evidence.yaml` sidecar that records what it covers, who collected it and its SHA-256.\n' });
  files.push({ path: 'exceptions/README.md', text: '# Management responses\n\nFor each gap `evident status` lists, write `exceptions/<exception id>.yaml` with `response`, `owner` and `target_date`. The response appears in the auditor bundle next to the gap.\n' });
  files.push({ path: '.gitignore', text: 'node_modules/\nout/\nframeworks/*/criteria-text.local.yaml\n' });
  return files;
}

function withCategories(text: string, categories: string[]): string {
  const doc = parseYamlDocument(text);
  const order = ['security', ...optionalCategories];
  const sorted = categories.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const node = doc.createNode(sorted);
  node.flow = true;
  doc.setIn(['frameworks', 0, 'categories'], node);
  return doc.toString({ lineWidth: 0 });
}

function pointActionsAt(text: string, actionsRef: string | undefined): string {
  const [repo, sha] = actionsRef ? actionsRef.split('@') : ['REPLACE-OWNER/evident', 'REPLACE-WITH-FULL-COMMIT-SHA'];
  return text.replace(/uses: \.\/packages\/actions\/([a-z-]+)/g, (_, name: string) => `uses: ${repo}/packages/actions/${name}@${sha}`);
}
