import path from 'node:path/posix';
import type { EvidentConfig } from '../config/config.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { SourceFile } from '../source-file.js';
import { exceptionIdMatcher, renameInResponseFileName } from './exception-id-edits.js';
import { frontmatterSpan } from './frontmatter-span.js';
import { markdownLinkEdits } from './markdown-link-edits.js';
import { REFERENCES, type ReferringFile } from './rename-references.js';
import { RENAME_ID_PATTERNS, type RenameRequest } from './rename-request.js';
import { applyEdits, type TextEdit } from './text-edit.js';
import { wholeValue, yamlIdEdits, yamlValues, type IdMatcher, type IdPath } from './yaml-id-edits.js';

/** One file a rename changes: its text is edited, or it moves, or both. */
export interface RenameFileChange {
  path: string;
  /** Where it moves to, when it does. */
  to?: string;
  /** The edits, at offsets of the text as read; none when it only moves. */
  edits: TextEdit[];
  /** The new text, when there are edits. */
  text?: string;
}

export interface RenamePlan extends RenameRequest {
  /** Changed files, sorted by path. Empty when the rename is refused. */
  files: RenameFileChange[];
  /** Folders moved whole (a control's evidence folder). */
  folders: { path: string; to: string }[];
  /** Why the rename is refused; nothing may be written when there is one. */
  problems: string[];
}

export type RenameInput = Pick<RepositorySnapshot, 'config' | 'people' | 'policies' | 'controls' | 'evidence' | 'exceptions' | 'files'> & { paths: EvidentConfig['paths'] };

const folderOf = (folder: string) => folder.replace(/\/+$/, '');

/**
 * Plan renaming a policy, person or control id across the repository: its own document (and
 * file name), every reference to it in evident.yaml, the roster, frontmatter, evidence metadata
 * and management responses, and Markdown links to its file. Pure: texts in, edits out. The
 * evidence branch (records, acknowledgment manifests) is history and is not touched.
 */
export function planRename(input: RenameInput, request: RenameRequest): RenamePlan {
  const { kind, from, to } = request;
  const plan: RenamePlan = { ...request, files: [], folders: [], problems: [] };
  const refuse = (problem: string) => ({ ...plan, problems: [...plan.problems, problem] });
  const folder = kind === 'policy' ? folderOf(input.paths.policies) : kind === 'control' ? folderOf(input.paths.controls) : undefined;
  if (!new RegExp(RENAME_ID_PATTERNS[kind]).test(to)) return refuse(`Unexpected ${kind} id \`${to}\`, expected an id matching \`${RENAME_ID_PATTERNS[kind]}\``);
  if (from === to) return refuse(`Unexpected new id \`${to}\`, expected an id other than \`${from}\``);

  // The renamed document (policy or control) or the roster, and what already exists.
  const documents = kind === 'policy' ? input.policies : input.controls;
  const owners = folder ? documents.filter((d) => frontmatterValues(d, ['id'])?.includes(from)) : [];
  if (kind === 'person') {
    const people = input.people ? (yamlValues(input.people.text, ['people', '*', 'id']) ?? []) : [];
    const teams = yamlValues(input.config.text, ['teams', '*', 'id']) ?? [];
    if (!people.includes(from)) return refuse(`Unexpected person \`${from}\`, expected an id from \`${input.paths.people}\``);
    if (teams.includes(from)) return refuse(`Unexpected person \`${from}\` that is also a team id in \`evident.yaml\`, expected an id that names one of them (rename by hand)`);
    if (people.includes(to) || teams.includes(to)) return refuse(`Unexpected new id \`${to}\`: ${people.includes(to) ? 'a person' : 'a team'} already has it, expected an unused id`);
  } else {
    if (owners.length === 0) return refuse(`Unexpected ${kind} \`${from}\`, expected an id from \`${folder}/\``);
    if (owners.length > 1) return refuse(`Unexpected ${kind} \`${from}\` in ${owners.length} files (${owners.map((d) => `\`${d.path}\``).join(', ')}), expected one`);
    if (documents.some((d) => frontmatterValues(d, ['id'])?.includes(to))) return refuse(`Unexpected new id \`${to}\`: a ${kind} already has it, expected an unused id`);
  }

  const changes = new Map<string, RenameFileChange>();
  const change = (file: string) => changes.get(file) ?? changes.set(file, { path: file, edits: [] }).get(file)!;
  const unreadable = (file: string) => plan.problems.push(`Unexpected \`${file}\` that cannot be parsed while it may refer to \`${from}\`, expected valid YAML (fix it, then rename)`);
  const editYaml = (source: SourceFile | undefined, idPaths: readonly IdPath[] | undefined, match: IdMatcher, frontmatter: boolean) => {
    // Only files that may name the id are parsed: it appears as written, or behind an escape in a quoted string.
    if (!source || !idPaths || idPaths.length === 0 || (!source.text.includes(from) && !source.text.includes('\\'))) return;
    const span = frontmatter ? frontmatterSpan(source.text) : { start: 0, end: source.text.length };
    if (!span) return unreadable(source.path);
    const found = yamlIdEdits(source.text.slice(span.start, span.end), span.start, idPaths, match, to, source.path);
    if (found.unreadable) return unreadable(source.path);
    plan.problems.push(...found.problems);
    if (found.edits.length > 0) change(source.path).edits.push(...found.edits);
  };
  const paths = REFERENCES[kind];
  const byRole: [ReferringFile, readonly SourceFile[], boolean][] = [
    ['config', [input.config], false],
    ['people', input.people ? [input.people] : [], false],
    ['policy', input.policies, true],
    ['control', input.controls, true],
    ['evidence', input.evidence, false],
    ['exception', input.exceptions, false],
  ];
  for (const [role, sources, frontmatter] of byRole) for (const source of sources) editYaml(source, paths[role], wholeValue(from), frontmatter);
  for (const source of input.exceptions) {
    editYaml(source, [['id']], exceptionIdMatcher(kind, from), false);
    const name = path.basename(source.path);
    const renamed = renameInResponseFileName(name, kind, from, to);
    if (renamed) change(source.path).to = path.join(path.dirname(source.path), renamed);
  }

  // The document itself: its id, its file name, and the links to it.
  const owner = owners[0];
  if (owner) {
    editYaml(owner, [['id']], wholeValue(from), true);
    const target = path.join(path.dirname(owner.path), `${to}.md`);
    change(owner.path).to = target;
    for (const document of [...input.policies, ...input.controls]) {
      const span = frontmatterSpan(document.text);
      const links = markdownLinkEdits(document.text, span ? span.end : 0, document.path, owner.path, target);
      if (links.length > 0) change(document.path).edits.push(...links);
    }
  }
  if (kind === 'control') {
    const evidence = folderOf(input.paths.evidence);
    const prefix = `${evidence}/${from}/`;
    if (input.files.some((f) => f.startsWith(prefix))) {
      plan.folders.push({ path: `${evidence}/${from}`, to: `${evidence}/${to}` });
      for (const file of changes.values()) if (file.path.startsWith(prefix)) file.to = `${evidence}/${to}/${file.path.slice(prefix.length)}`;
    }
  }

  const existing = new Set(input.files);
  for (const file of changes.values()) {
    if (file.to !== undefined && file.to !== file.path && existing.has(file.to) && !file.to.startsWith(`${folderOf(input.paths.evidence)}/${to}/`)) plan.problems.push(`Unexpected \`${file.to}\` that already exists, expected the renamed file's new path to be free`);
  }
  for (const moved of plan.folders) {
    if (input.files.some((f) => f.startsWith(`${moved.to}/`))) plan.problems.push(`Unexpected folder \`${moved.to}/\` that already exists, expected the evidence folder's new path to be free`);
  }
  if (plan.problems.length > 0) return { ...plan, files: [], folders: [] };
  const files = [...changes.values()].map((file) => (file.edits.length > 0 ? { ...file, edits: file.edits.sort((a, b) => a.start - b.start), text: applyEdits(sourceText(input, file.path), file.edits) } : file));
  return { ...plan, files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

function frontmatterValues(document: SourceFile, idPath: IdPath): string[] | undefined {
  const span = frontmatterSpan(document.text);
  return span && yamlValues(document.text.slice(span.start, span.end), idPath);
}

function sourceText(input: RenameInput, file: string): string {
  const all = [input.config, ...(input.people ? [input.people] : []), ...input.policies, ...input.controls, ...input.evidence, ...input.exceptions];
  return all.find((s) => s.path === file)!.text;
}
