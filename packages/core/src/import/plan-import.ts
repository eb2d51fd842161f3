import { Document, type YAMLSeq } from 'yaml';
import { code } from '../diagnostic.js';
import type { EvidentConfig } from '../config/config.js';
import { outlineMarkdown } from '../parse/markdown-outline.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { missingSections, sectionHeadings } from '../rules/section-matcher.js';
import type { Person } from '../model/types.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { fileNameId } from './file-name-id.js';
import { fileNameTitle, importTitle } from './import-title.js';
import { mapForeignFrontmatter } from './map-foreign-frontmatter.js';

/** One document offered for import: its name as given, and its text or why it could not be read. */
export type ImportSource = { name: string; text: string; problem?: undefined } | { name: string; text?: undefined; problem: string };

export interface ImportContext {
  config: EvidentConfig;
  /** Criterion ids of the framework catalog. */
  criteria: ReadonlySet<string>;
  people: readonly Person[];
  /** Ids of the policies and controls already in the repository. */
  existingIds: ReadonlySet<string>;
  /** Every file path already in the repository. */
  existingFiles: ReadonlySet<string>;
  /** Today, YYYY-MM-DD: the effective date of a policy that names none. */
  today: string;
}

export interface ImportItem {
  source: string;
  /** The policy written, when there is one. */
  target?: string;
  id?: string;
  /** What was read from the source and how (`title` from the first heading...). */
  mapped: string[];
  /** What a person must do before `evident check` accepts the policy, or should confirm. */
  needs: string[];
  /** Why nothing was written for this source. */
  problem?: string;
}

export interface ImportPlan {
  writes: { path: string; text: string }[];
  items: ImportItem[];
}

const closing = /\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * The kebab-case id a file name gives: `Access Control Policy.md` → `access-control-policy`,
 * `Política de acceso.md` → `politica-de-acceso` (the rules are `fileNameId`'s). Pure.
 */
export function idFromFileName(name: string): string {
  return fileNameId(name).id;
}

/** Split off frontmatter of any tool; undefined data when there is none. */
function splitFrontmatter(text: string): { data?: Record<string, unknown>; unreadable?: boolean; body: string } {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.startsWith('---')) return { body: clean };
  const end = closing.exec(clean.slice(3));
  if (!end) return { body: clean };
  const yamlText = clean.slice(3, 3 + end.index).replace(/^[^\n]*\n/, (first) => (first.trim() === '' ? '' : first));
  const body = clean.slice(3 + end.index + end[0].length);
  const parsed = parseYaml(yamlText, 'frontmatter');
  const data = parsed.ok && parsed.data !== null && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? (parsed.data as Record<string, unknown>) : undefined;
  return data ? { data, body } : { unreadable: true, body };
}

/** Plan the import of existing policy documents as Evident draft policies. Pure: nothing is read or written. */
export function planImport(sources: readonly ImportSource[], context: ImportContext): ImportPlan {
  const { config } = context;
  const writes: { path: string; text: string }[] = [];
  const items: ImportItem[] = [];
  const planned = new Set<string>();
  const officer = config.organization.security_officer;
  const resolve = (ref: string): string | undefined => {
    const wanted = ref.trim().toLowerCase();
    if (config.teams.some((t) => t.id === wanted)) return wanted;
    return context.people.find((p) => p.id === wanted || p.name.toLowerCase() === wanted || p.email.toLowerCase() === wanted || p.github.toLowerCase() === wanted.replace(/^@/, ''))?.id;
  };

  for (const source of sources) {
    if (source.problem !== undefined) {
      items.push({ source: source.name, mapped: [], needs: [], problem: source.problem });
      continue;
    }
    const named = fileNameId(source.name);
    const { id } = named;
    const target = `${config.paths.policies.replace(/\/+$/, '')}/${id}.md`;
    if (context.existingIds.has(id) || context.existingFiles.has(target) || planned.has(id)) {
      items.push({ source: source.name, id, mapped: [], needs: [], problem: `${code(target)} or the id ${code(id)} already exists: not overwritten (rename the source file to import it under another id)` });
      continue;
    }
    planned.add(id);
    const mapped: string[] = [];
    const needs: string[] = [];
    if (named.hashed) needs.push(`confirm the id ${code(id)}: the file name has no letter or digit with an ASCII spelling, so the id was made from a hash of it (to choose another, \`evident rename policy ${id} NEW\`)`);
    else if (named.dropped.length > 0) needs.push(`confirm the id ${code(id)}: ${named.dropped.map((c) => code(c)).join(', ')} in the file name ${named.dropped.length === 1 ? 'has' : 'have'} no ASCII spelling and ${named.dropped.length === 1 ? 'was' : 'were'} left out`);
    if (named.reserved) needs.push(`confirm the id ${code(id)}: the file name gives ${code(id.slice(0, -'-policy'.length))}, a device name Windows reserves, so \`-policy\` was added`);
    const filledText = fillPlaceholders(source.text, config);
    for (const [name, value] of filledText.filled) mapped.push(`placeholder ${code(`{{${name}}}`)} filled with ${code(value)}`);
    for (const name of filledText.left) needs.push(`replace the placeholder ${code(`{{${name}}}`)} (no value of that name in \`evident.yaml\`)`);

    const split = splitFrontmatter(filledText.text);
    if (split.unreadable) needs.push('check the original frontmatter: it is not a YAML mapping and was left out');
    const foreign = mapForeignFrontmatter(split.data ?? {});
    if (foreign.sources.length > 0) mapped.push(`frontmatter fields ${foreign.sources.map((k) => code(k)).join(', ')}`);
    const outline = outlineMarkdown(split.body, 0);
    const heading = outline.headings[0]?.text.trim();
    const chosen = importTitle([{ text: foreign.title, from: 'the frontmatter' }, { text: heading, from: 'the first heading' }], { text: fileNameTitle(source.name), from: 'the file name' });
    const { title } = chosen;
    mapped.push(`title ${code(title)} from ${chosen.from}`);
    if (chosen.needs) needs.push(chosen.needs);

    const criteria = foreign.criteria.filter((c) => context.criteria.has(c));
    for (const unknown of foreign.criteria.filter((c) => !context.criteria.has(c))) needs.push(`map the criterion ${code(unknown)} by hand: it is not in the framework catalog and was left out`);
    if (criteria.length > 0) mapped.push(`criteria ${criteria.map((c) => code(c)).join(', ')}`);
    else needs.push('add the criteria the policy addresses to `criteria` (none could be mapped)');

    let owner = foreign.owner === undefined ? undefined : resolve(foreign.owner);
    if (foreign.owner !== undefined && owner === undefined) needs.push(`name the owner: ${code(foreign.owner)} is not in the roster or a team, so the security officer ${code(officer)} was set`);
    else if (foreign.owner === undefined) needs.push(`confirm the owner: none was named, so the security officer ${code(officer)} was set`);
    else mapped.push(`owner ${code(owner!)}`);
    owner ??= officer;

    const approvers = [...new Set(foreign.approvers.map(resolve).filter((a): a is string => a !== undefined))];
    for (const unknown of foreign.approvers.filter((a) => resolve(a) === undefined)) needs.push(`name the approver ${code(unknown)} by roster or team id: left out`);
    if (approvers.length === 0) {
      const team = config.teams.find((t) => t.members.some((m) => m !== owner));
      approvers.push(team?.id ?? officer);
      needs.push(`confirm the approvers: none could be mapped, so ${code(approvers[0]!)} was set`);
    } else mapped.push(`approvers ${approvers.map((a) => code(a)).join(', ')}`);

    const version = foreign.version ?? '1.0';
    mapped.push(foreign.version ? `version ${code(version)} from the frontmatter` : `version ${code(version)} (none given)`);
    const effective = foreign.effectiveDate ?? context.today;
    for (const section of missingSections(sectionHeadings(outline), config.policies.required_sections, config.policies.section_aliases)) needs.push(`add the section ${code(section)} (a heading such as ${code(`## ${section}`)})`);

    const data: Record<string, unknown> = { id, title, version, status: 'draft', owner, approvers, effective_date: effective, review: { cadence: 'annually' }, criteria };
    const doc = new Document(data);
    for (const key of ['approvers', 'criteria']) (doc.get(key, true) as YAMLSeq).flow = true;
    const body = split.body.replace(/^\s*\n/, '');
    const titled = heading === undefined ? `# ${title}\n\n${body}` : body;
    writes.push({ path: target, text: `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n\n${titled.endsWith('\n') ? titled : `${titled}\n`}` });
    items.push({ source: source.name, target, id, mapped, needs });
  }
  return { writes, items };
}
