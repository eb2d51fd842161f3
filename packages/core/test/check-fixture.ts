/**
 * Helpers for fixture tests: every rule page has an `ok` and a `not-ok` mini
 * repository under test/fixtures/<page>/, read from disk and checked with a
 * fixed date.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRepository, type CheckResult } from '../src/check-repository.js';
import type { Diagnostic } from '../src/diagnostic.js';
import { formatDiagnosticsText } from '../src/format/format-diagnostics-text.js';
import { readRepository } from '../src/io/read-repository.js';
import { createValidators } from '../src/validate/create-validators.js';

/** The date every fixture is checked on. */
export const TODAY = '2026-11-26';

export const fixturesRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const validators = createValidators();

/** Absolute path of a fixture repository, such as `fixture('id-duplicate', 'not-ok')`. */
export function fixture(page: string, variant: 'ok' | 'not-ok'): string {
  return path.join(fixturesRoot, page, variant);
}

/** Whether a diagnostic belongs to a rule: the id itself, or a family such as `parse` for `parse/yaml`. */
function matchesRule(diagnostic: Diagnostic, ruleId: string): boolean {
  return diagnostic.ruleId === ruleId || diagnostic.ruleId.startsWith(`${ruleId}/`);
}

/** Read a repository from disk and run the whole check on it. */
export async function checkRoot(root: string, today = TODAY): Promise<CheckResult> {
  return checkRepository(await readRepository(root, { validators }), { today, validators });
}

/** The diagnostics of one rule (or rule family) as the text formatter prints them. */
function formattedFor(diagnostics: readonly Diagnostic[], ruleId: string): string {
  return formatDiagnosticsText(diagnostics.filter((d) => matchesRule(d, ruleId)));
}

export interface FixtureCheck {
  result: CheckResult;
  /** Diagnostics of the rule under test. */
  diagnostics: Diagnostic[];
  /** Those diagnostics, formatted as text. */
  text: string;
  /** Every diagnostic of the repository, formatted as text. */
  allText: string;
}

/** Check a repository and keep the findings of one rule (or rule family). */
export async function checkFor(root: string, ruleId: string, today = TODAY): Promise<FixtureCheck> {
  const result = await checkRoot(root, today);
  return {
    result,
    diagnostics: result.diagnostics.filter((d) => matchesRule(d, ruleId)),
    text: formattedFor(result.diagnostics, ruleId),
    allText: formatDiagnosticsText(result.diagnostics),
  };
}

/** Check the fixture of a rule page. */
export function checkFixture(page: string, variant: 'ok' | 'not-ok', ruleId: string, today = TODAY): Promise<FixtureCheck> {
  return checkFor(fixture(page, variant), ruleId, today);
}

/** The text formatter's output for a repository without findings. */
export const NO_FINDINGS = '0 errors, 0 warnings, 0 info\n';

/**
 * A temporary copy of a fixture, for content that must not live in the
 * repository (symlinks, binary files, huge files, bad encodings). Call
 * `cleanup` in `afterEach`.
 */
export async function copyFixture(page: string, variant: 'ok' | 'not-ok'): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'evident-fixture-'));
  const root = path.join(parent, 'repo');
  await cp(fixture(page, variant), root, { recursive: true });
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
