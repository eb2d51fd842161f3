import type { RepositoryModel } from '../model/repository-model.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { ParsedDocument, PlainParseResult } from '../parse/parse-document.js';
import type { SourceFile } from '../source-file.js';

const closingDelimiter = /\r?\n---[ \t]*(?:\r?\n|$)/;

/** The head side of a change, whose parsed documents the base side may reuse. */
export interface ParsedSide {
  snapshot: RepositorySnapshot;
  model: RepositoryModel | undefined;
}

/**
 * The snapshot reduced to what coverage and policy metadata read: evident.yaml, the roster,
 * the catalog and the frontmatter of policies and controls. Bodies, evidence, exceptions and
 * the file list are dropped, so building a model of the base side of a change skips the
 * Markdown parse. With `head`, each policy or control whose text is the same at the head,
 * and valid there, reuses the head's parse instead of being parsed again. Findings of the
 * reduced snapshot are meaningless; only its model is used. Pure.
 */
export function frontmatterSnapshot(snapshot: RepositorySnapshot, head?: ParsedSide): RepositorySnapshot {
  const reusable = new Map<string, { text: string; doc: ParsedDocument }>();
  if (head?.model) {
    const texts = new Map([...head.snapshot.policies, ...head.snapshot.controls].map((f) => [f.path, f.text]));
    for (const { source } of [...head.model.policies, ...head.model.controls]) {
      const text = texts.get(source.path);
      if (text !== undefined) reusable.set(source.path, { text, doc: source });
    }
  }
  const preparsed = new Map<string, PlainParseResult>();
  const reduce = (file: SourceFile): SourceFile => {
    const same = reusable.get(file.path);
    if (!same || same.text !== file.text) return frontmatterOnly(file);
    preparsed.set(file.path, plainResult(same.doc));
    return file;
  };
  const reduced: RepositorySnapshot = {
    config: snapshot.config,
    policies: snapshot.policies.map(reduce),
    controls: snapshot.controls.map(reduce),
    evidence: [],
    exceptions: [],
    files: [],
    readFindings: [],
    preparsed,
  };
  if (snapshot.people) reduced.people = snapshot.people;
  if (snapshot.catalog) reduced.catalog = snapshot.catalog;
  return reduced;
}

/** The file up to and including its closing frontmatter delimiter; unchanged when it has none. */
export function frontmatterOnly(file: SourceFile): SourceFile {
  const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!file.text.startsWith('---', bom)) return file;
  const match = closingDelimiter.exec(file.text.slice(bom + 3));
  if (!match) return file;
  return { path: file.path, text: file.text.slice(0, bom + 3 + match.index + match[0].length) };
}

/** A valid document's parse, as buildModel takes it ahead of time (it had no parse findings). */
function plainResult(doc: ParsedDocument): PlainParseResult {
  const { kind, path, data, frontmatter, body, bodyLineOffset, outline } = doc;
  return { document: { kind, path, data, frontmatter, body, bodyLineOffset, outline }, findings: [], locate: doc.locate };
}
