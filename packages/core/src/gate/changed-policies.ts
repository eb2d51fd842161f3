import type { RepositoryModel } from '../model/repository-model.js';
import { expandReference } from '../rules/resolve-references.js';
import type { SourceFile } from '../source-file.js';

export type PolicyChangeKind = 'added' | 'modified' | 'removed';

export interface ChangedPolicy {
  id: string;
  kind: PolicyChangeKind;
  /** Repository-relative path on the head side (the base side for a removed policy). */
  path: string;
  /** The base path when the file was renamed. */
  previousPath?: string;
  title?: string;
  /**
   * Who must approve the change: the approvers of the base version, so a change cannot
   * choose its own approvers; the head's approvers for a new policy.
   */
  requiredApprovers: string[];
  /** GitHub logins behind `requiredApprovers`, resolved through the roster and teams, sorted. */
  requiredLogins: string[];
  /** The approvers the head version lists, when they differ from `requiredApprovers`. */
  proposedApprovers?: string[];
}

/** One side of a change: the policy files as read, and the model built from them (if any). */
export interface PolicySide {
  files: readonly SourceFile[];
  model: RepositoryModel | undefined;
}

interface Entry {
  file: SourceFile;
  id: string;
  title?: string;
  approvers?: string[];
  model: RepositoryModel | undefined;
}

/**
 * Policies added, modified or removed between two versions of a repository, with the
 * approvers each change needs. Files are paired by path, then by policy id (renames).
 * A policy whose frontmatter no longer parses still counts, under its file name. Pure.
 */
export function changedPolicies(base: PolicySide, head: PolicySide): ChangedPolicy[] {
  const baseEntries = base.files.map((file) => entryOf(file, base.model));
  const headEntries = head.files.map((file) => entryOf(file, head.model));
  const pairs: [Entry | undefined, Entry | undefined][] = [];
  const unpairedBase = new Map(baseEntries.map((e) => [e.file.path, e]));
  const unpairedHead: Entry[] = [];
  for (const h of headEntries) {
    const b = unpairedBase.get(h.file.path);
    if (b) {
      unpairedBase.delete(h.file.path);
      pairs.push([b, h]);
    } else unpairedHead.push(h);
  }
  const baseById = new Map([...unpairedBase.values()].map((e) => [e.id, e]));
  for (const h of unpairedHead) {
    const b = baseById.get(h.id);
    if (b) baseById.delete(h.id);
    pairs.push([b, h]);
  }
  for (const b of baseById.values()) pairs.push([b, undefined]);

  const changes: ChangedPolicy[] = [];
  for (const [b, h] of pairs) {
    if (b && h && b.file.text === h.file.text && b.file.path === h.file.path) continue;
    const current = (h ?? b)!;
    const governing = b?.approvers ? b : h?.approvers ? h : undefined;
    const requiredApprovers = governing?.approvers ?? [];
    const change: ChangedPolicy = {
      id: h?.id ?? b!.id,
      kind: !b ? 'added' : !h ? 'removed' : 'modified',
      path: current.file.path,
      requiredApprovers,
      requiredLogins: governing ? loginsOf(governing.model, requiredApprovers) : [],
    };
    if (b && h && b.file.path !== h.file.path) change.previousPath = b.file.path;
    const title = h?.title ?? b?.title;
    if (title !== undefined) change.title = title;
    if (h?.approvers && !sameList(h.approvers, requiredApprovers)) change.proposedApprovers = h.approvers;
    changes.push(change);
  }
  return changes.sort((x, y) => x.id.localeCompare(y.id) || x.path.localeCompare(y.path));
}

function entryOf(file: SourceFile, model: RepositoryModel | undefined): Entry {
  const policy = model?.policies.find((p) => p.source.path === file.path);
  if (policy) return { file, id: policy.id, title: policy.title, approvers: [...policy.approvers], model };
  const data = model?.documents.find((d) => d.path === file.path)?.data;
  // An unvalidated id is used only when it looks like one: it ends up in logs and outputs.
  const id = typeof data?.id === 'string' && /^[\w.-]{1,100}$/.test(data.id) ? data.id : fileStem(file.path);
  const entry: Entry = { file, id, model };
  if (typeof data?.title === 'string') entry.title = data.title;
  return entry;
}

function loginsOf(model: RepositoryModel | undefined, refs: readonly string[]): string[] {
  if (!model) return [];
  const logins = new Set<string>();
  for (const ref of refs) {
    for (const personId of expandReference(model, ref)) {
      const github = model.people.find((p) => p.id === personId)?.github;
      if (github) logins.add(github);
    }
  }
  return [...logins].sort((a, b) => a.localeCompare(b));
}

function fileStem(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.replace(/\.md$/i, '');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
