import type { ValidateFunction } from 'ajv';
import type { Finding, Position } from '../diagnostic.js';
import { stripBom } from '../config/load-config.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { SourceFile } from '../source-file.js';
import { schemaFindings } from '../validate/schema-findings.js';

/** The company's response to one exception: a file under exceptions/ (schemas/exception-response.schema.json). */
export interface ExceptionResponse {
  /** The exception id `evident status` prints, e.g. `missing-evidence:AC-01:2026-Q3`; by default the file name says it. */
  id?: string;
  response: string;
  /** Roster person or team id. */
  owner: string;
  target_date?: string;
  /** The file it was read from. */
  file: string;
  /** Where `owner` is in that file, for findings about it. */
  ownerAt?: Position;
}

/** A file under exceptions/ that exists but cannot be used: it does not parse, or breaks the schema. */
export interface UnusableExceptionResponse {
  file: string;
  /** The exception it names with `id`, when it parsed far enough to say. */
  id?: string;
}

/** The file name of the response to an exception: its id with `:` and other characters unsafe in file names as `_`. */
export function exceptionResponseFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.yaml`;
}

/** The response to an exception: the file whose `id` names it, else the file named after it. */
export function responseFor<T extends { id?: string; file: string }>(responses: readonly T[], id: string): T | undefined {
  const name = exceptionResponseFileName(id);
  return responses.find((r) => r.id === id) ?? responses.find((r) => r.id === undefined && r.file.slice(r.file.lastIndexOf('/') + 1) === name);
}

/**
 * Parse and validate management responses. Problems are `schema` or `parse` findings; the files they
 * are in are also listed as `unusable`, so that `evident status` does not call them missing. Pure.
 */
export function loadExceptionResponses(sources: readonly SourceFile[], validate: ValidateFunction): { responses: ExceptionResponse[]; findings: Finding[]; unusable: UnusableExceptionResponse[] } {
  const responses: ExceptionResponse[] = [];
  const findings: Finding[] = [];
  const unusable: UnusableExceptionResponse[] = [];
  for (const source of sources) {
    const parsed = parseYaml(stripBom(source.text), source.path);
    findings.push(...parsed.findings);
    if (!parsed.ok) {
      unusable.push({ file: source.path });
      continue;
    }
    const invalid = schemaFindings(validate, parsed.data, source.path, parsed.locate, 'management response').map((f) => ({ ...f, ruleId: 'schema' }));
    findings.push(...invalid);
    if (invalid.length === 0) {
      responses.push({ ...(parsed.data as Omit<ExceptionResponse, 'file'>), file: source.path, ownerAt: parsed.locate(['owner']) });
    } else {
      const id = (parsed.data as { id?: unknown } | null)?.id;
      unusable.push({ file: source.path, ...(typeof id === 'string' ? { id } : {}) });
    }
  }
  const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
  return { responses: responses.sort(byFile), findings, unusable: unusable.sort(byFile) };
}
