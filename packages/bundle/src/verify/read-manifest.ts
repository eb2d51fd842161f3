import type { Manifest } from '../plan/bundle-plan.js';
import { MANIFEST } from '../plan/manifest.js';
import { jsonShapeProblem } from './json-shape-problem.js';
import type { VerifyLimits } from './verify-limits.js';

interface Kind {
  test(value: unknown): boolean;
  expected: string;
}
type Shape = Kind | { [key: string]: Shape };

const kind = (expected: string, test: (value: unknown) => boolean): Kind => ({ expected, test });
const string = kind('a string', (v) => typeof v === 'string');
const count = kind('a whole number', (v) => Number.isSafeInteger(v) && (v as number) >= 0);
const nullable = (k: Kind) => kind(`${k.expected} or null`, (v) => v === null || k.test(v));
const sha256 = kind('a SHA-256 in hexadecimal', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v));

/** The header of manifest.json as `evident-bundle/1` writes it; other keys are allowed. */
const HEADER: Record<string, Shape> = {
  format: kind('`evident-bundle/1`', (v) => v === 'evident-bundle/1'),
  tool: { name: string, version: string },
  organization: string,
  release: nullable(string),
  source: nullable(kind('an object', (v) => isObject(v))),
  config: { path: string, sha256 },
  period: { start: string, end: string },
  assessed_on: string,
  evidence_chain: { records: count, head: nullable(string), problems: count },
  evidence: { included: count, listed_not_included: count },
  exceptions: count,
  readiness: { percent: nullable(kind('a number', (v) => typeof v === 'number')), rule: string },
};
/** `evidence_chain.history`, when the bundle names it (bundles built before the history walk do not): null without an evidence branch. */
const HISTORY: Record<string, Shape> = { tip: string, first_record_commit: nullable(string), commits: count, result: kind('`intact`', (v) => v === 'intact') };
const SOURCE: Record<string, Shape> = { commit: string, committed_at: string, dirty: kind('true or false', (v) => typeof v === 'boolean') };
const FILE: Record<string, Shape> = { path: string, size: count, sha256 };
/** Problems reported about the file list before the rest is left out. */
const MAX_FILE_PROBLEMS = 5;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isKind = (shape: Shape): shape is Kind => typeof (shape as Kind).test === 'function';

/** Problems of `value` against `shape`, each naming its key path. */
function check(value: Record<string, unknown>, shape: Record<string, Shape>, at: string, problems: string[]): void {
  for (const [key, expected] of Object.entries(shape)) {
    const where = `${at}${key}`;
    const v = Object.hasOwn(value, key) ? value[key] : undefined;
    const wanted = isKind(expected) ? expected.expected : 'an object';
    if (v === undefined) problems.push(`Unexpected \`${MANIFEST}\` without \`${where}\`, expected ${wanted}`);
    else if (isKind(expected) ? !expected.test(v) : !isObject(v)) problems.push(`Unexpected ${describe(v)} at \`${where}\` in \`${MANIFEST}\`, expected ${wanted}`);
    else if (!isKind(expected)) check(v as Record<string, unknown>, expected, `${where}.`, problems);
  }
}

/**
 * Parse and check manifest.json: UTF-8 JSON of a bounded shape, every header field of the type
 * `evident-bundle/1` gives it, and a list of files each with a path, a size and a SHA-256. Returns
 * the manifest only when all of it is as expected; otherwise the problems, one sentence each. Pure.
 */
export function readManifest(bytes: Uint8Array, limits: Pick<VerifyLimits, 'maxJsonDepth' | 'maxEntries'>): { manifest?: Manifest; problems: string[] } {
  const shape = jsonShapeProblem(MANIFEST, bytes, { maxDepth: limits.maxJsonDepth, maxContainers: limits.maxEntries + 64 });
  if (shape) return { problems: [shape] };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'it is not UTF-8';
    return { problems: [`Unexpected content in \`${MANIFEST}\`, expected JSON: ${reason}`] };
  }
  if (!isObject(value)) return { problems: [`Unexpected ${describe(value)} in \`${MANIFEST}\`, expected an object`] };
  const problems: string[] = [];
  check(value, HEADER, '', problems);
  if (isObject(value.source)) check(value.source, SOURCE, 'source.', problems);
  const history = isObject(value.evidence_chain) ? value.evidence_chain.history : undefined;
  if (isObject(history)) check(history, HISTORY, 'evidence_chain.history.', problems);
  else if (history !== undefined && history !== null) problems.push(`Unexpected ${describe(history)} at \`evidence_chain.history\` in \`${MANIFEST}\`, expected an object or null`);
  const files = value.files;
  if (files === undefined) problems.push(`Unexpected \`${MANIFEST}\` without \`files\`, expected an array`);
  else if (!Array.isArray(files)) problems.push(`Unexpected ${describe(files)} at \`files\` in \`${MANIFEST}\`, expected an array`);
  else if (files.length > limits.maxEntries) problems.push(`Unexpected ${files.length.toLocaleString('en-US')} files in \`${MANIFEST}\`, expected at most ${limits.maxEntries.toLocaleString('en-US')}`);
  else {
    const before = problems.length;
    for (let i = 0; i < files.length && problems.length - before < MAX_FILE_PROBLEMS; i += 1) {
      const file: unknown = files[i];
      if (isObject(file)) check(file, FILE, `files[${i}].`, problems);
      else problems.push(`Unexpected ${describe(file)} at \`files[${i}]\` in \`${MANIFEST}\`, expected an object`);
    }
  }
  return problems.length === 0 ? { manifest: value as unknown as Manifest, problems } : { problems };
}
