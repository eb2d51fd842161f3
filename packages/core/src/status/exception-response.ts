import type { ValidateFunction } from 'ajv';
import { code, type Finding, type Position } from '../diagnostic.js';
import { stripBom } from '../config/load-config.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { SourceFile } from '../source-file.js';
import { schemaFindings } from '../validate/schema-findings.js';
import type { ExceptionKind } from './readiness-report.js';

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
  /** Where `id` is in that file, when it gives one. */
  idAt?: Position;
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
      const data = parsed.data as Omit<ExceptionResponse, 'file'>;
      responses.push({ ...data, file: source.path, ownerAt: parsed.locate(['owner']), ...(data.id === undefined ? {} : { idAt: parsed.locate(['id']) }) });
    } else {
      const id = (parsed.data as { id?: unknown } | null)?.id;
      unusable.push({ file: source.path, ...(typeof id === 'string' ? { id } : {}) });
    }
  }
  const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
  return { responses: responses.sort(byFile), findings, unusable: unusable.sort(byFile) };
}

/**
 * Every kind of exception, and whether `evident status` lists it from the repository alone (`true`) or
 * only from evidence records (`false`). A `Record` over the kinds, so a new kind cannot be forgotten.
 */
const KINDS: Readonly<Record<ExceptionKind, boolean>> = {
  'uncovered-criterion': true,
  'overdue-review': true,
  'missing-evidence': true,
  'missing-approval': false,
  'missing-acknowledgment': false,
  'overdue-acknowledgment': false,
  'unapproved-change': false,
  'bypassed-rules': false,
  'recorded-deviation': false,
  'access-leaver': false,
  'access-unknown-account': false,
  'access-unjustified-admin': false,
  'record-contradicts-itself': false,
  'record-after-as-of': false,
  'access-no-two-factor': false,
  'overdue-vulnerability': false,
  'backdated-policy-version': false,
  'reused-policy-version': false,
  'collected-after-commit': true,
};

/** Kinds only the policies' git history shows (the bundle reads it; `evident status` does not). */
const HISTORY_KINDS: ReadonlySet<string> = new Set<ExceptionKind>(['backdated-policy-version', 'reused-policy-version']);

/** Kinds only the evidence metadata's git history shows (read by the bundle, and by `evident status` in a git repository other than a shallow clone). */
const EVIDENCE_HISTORY_KINDS: ReadonlySet<string> = new Set<ExceptionKind>(['collected-after-commit']);

/** A management response that answers no exception of a readiness report, where it says which exception it answers. */
export interface StrayResponse {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * The responses that answer none of the exceptions listed (`exceptionIds`): by the `id` they give, or
 * else by their file name. A typo in either leaves the exception it meant without its response, and
 * nothing else would say so. Without evidence records (`recordsAssessed: false`), responses to the kinds
 * only records show are left out: their exceptions were not assessed; so are, without the policies'
 * git history (`historyAssessed: false`), responses to the kinds only it shows, and without the evidence metadata's
 * (`evidenceHistoryAssessed: false`), responses to `collected-after-commit`. A response to an exception closed
 * since (its evidence added) is named too: it can be removed. Pure.
 */
export function strayResponses(responses: readonly ExceptionResponse[], exceptionIds: readonly string[], recordsAssessed: boolean, historyAssessed = false, evidenceHistoryAssessed = false): StrayResponse[] {
  const ids = new Set(exceptionIds);
  const names = new Set(exceptionIds.map(exceptionResponseFileName));
  const expected = 'expected the id of an exception `evident status` lists: the exception it was meant for has no response (or, closed since, this one can be removed)';
  const stray: StrayResponse[] = [];
  for (const response of responses) {
    const name = response.file.slice(response.file.lastIndexOf('/') + 1);
    const answered = response.id === undefined ? names.has(name) : ids.has(response.id);
    if (answered) continue;
    const kind = (response.id === undefined ? name.replace(/\.yaml$/, '').split('_')[0] : response.id.split(':')[0]) ?? '';
    const fromRepository = Object.hasOwn(KINDS, kind) ? KINDS[kind as ExceptionKind] : undefined;
    if (fromRepository === false && !recordsAssessed) continue;
    if (HISTORY_KINDS.has(kind) && !historyAssessed) continue;
    if (EVIDENCE_HISTORY_KINDS.has(kind) && !evidenceHistoryAssessed) continue;
    if (response.id !== undefined) {
      const at = response.idAt ?? { line: 1, column: 1 };
      stray.push({ file: response.file, line: at.line, column: at.column, message: `Unexpected management response for ${code(response.id)}, ${expected}` });
    } else {
      stray.push({ file: response.file, line: 1, column: 1, message: `Unexpected management response named ${code(name)}, which names no exception listed, ${expected} (in \`id\`, or as the file name with \`:\` as \`_\`)` });
    }
  }
  return stray;
}
