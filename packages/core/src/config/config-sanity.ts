import { code, type Finding } from '../diagnostic.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { EvidentConfig } from './config.js';
import { signingKeyProblems } from './signing-key-findings.js';

/** The earliest date an audit can sensibly be about. */
const EARLIEST = '2000-01-01';
/** How far ahead of today an audit date may lie. */
const YEARS_AHEAD = 5;

/**
 * What the schema cannot say about a valid evident.yaml: a Type II audit without a period, `as_of` and
 * `period` together (the one that does not belong to `audit.type` is reported), a period
 * that ends before it starts, audit dates out of any sensible range, folders that leave the repository,
 * signing keys whose id is not their own, that are no Ed25519 key or that are listed twice. Each is a `config`
 * finding at its value; the configuration is then not used (nothing is read or written through it).
 * `today`, when given, bounds dates in the future.
 */
export function configSanityFindings(config: EvidentConfig, file: string, locate: Locate, today?: string): Finding[] {
  const findings: Finding[] = [];
  const at = (path: (string | number)[], message: string, target?: 'key') => findings.push({ ruleId: 'config', message, file, ...locate(path, target) });
  const latest = today ? `${Number(today.slice(0, 4)) + YEARS_AHEAD}${today.slice(4)}` : undefined;
  const checkDate = (path: string[], value: string | undefined) => {
    if (value === undefined) return;
    const where = code(path.join('.'));
    if (value < EARLIEST) at(path, `Unexpected ${code(value)} for ${where}, expected a date from ${EARLIEST} on`);
    else if (latest !== undefined && value > latest) at(path, `Unexpected ${code(value)} for ${where}, expected a date at most ${YEARS_AHEAD} years after today (${latest})`);
  };
  const { audit } = config;
  // Without it `status` has no period to assess and a bundle would cover a single day.
  if (audit.type === 'type2' && !audit.period) {
    at(['audit'], 'Missing `audit.period` for a Type II audit (`audit.type: type2`), expected `period:` with `start` and `end` dates under `audit:`', 'key');
  }
  // Each type is about one of them: with both, status and the bundle would read one and the management assertion the other.
  if (audit.as_of !== undefined && audit.period) {
    if (audit.type === 'type2') {
      at(['audit', 'as_of'], 'Unexpected `audit.as_of` beside `audit.period` for a Type II audit (`audit.type: type2`), expected only `period`: a Type II audit covers its period, `as_of` is the date of a Type I audit', 'key');
    } else {
      at(['audit', 'period'], 'Unexpected `audit.period` beside `audit.as_of` for a Type I audit (`audit.type: type1`), expected only `as_of`: a Type I audit is about one date (set `audit.type: type2` for a period, or preview one with `evident status --period START..END`)', 'key');
    }
  }
  checkDate(['audit', 'as_of'], audit.as_of);
  if (audit.period) {
    checkDate(['audit', 'period', 'start'], audit.period.start);
    checkDate(['audit', 'period', 'end'], audit.period.end);
    if (audit.period.end < audit.period.start) {
      at(['audit', 'period', 'end'], `Unexpected end ${code(audit.period.end)} before start ${code(audit.period.start)} for \`audit.period\`, expected a period that ends on or after its start`);
    }
  }
  // A key whose id is not its own, or no Ed25519 key at all, verifies no record: each would be "unknown key".
  // A key listed twice leaves which entry verifies a record ambiguous.
  for (const problem of signingKeyProblems(config.evidence.signing?.keys ?? [], (path) => locate(path).line)) at(problem.path, problem.message);
  for (const [key, value] of Object.entries(config.paths)) {
    const problem = pathProblem(value);
    if (problem) at(['paths', key], `Unexpected ${code(value)} for ${code(`paths.${key}`)}, expected a path inside the repository (${problem})`);
  }
  return findings;
}

/** Why a configured folder would leave the repository root, or undefined when it stays inside. */
export function pathProblem(value: string): string | undefined {
  if (value.includes('\\')) return 'with `/` as separator, no `\\`';
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return 'relative, not absolute';
  let depth = 0;
  for (const segment of value.split('/')) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) return 'without `..` leading out of it';
  }
  return undefined;
}
