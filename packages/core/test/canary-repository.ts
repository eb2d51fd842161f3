/**
 * A repository for hostile-input tests: the `schema/ok` fixture plus a canary control whose
 * one finding shows that the rest of the repository is still checked.
 */
import { afterEach, beforeEach, expect } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../src/check-repository.js';
import type { Diagnostic } from '../src/diagnostic.js';
import { formatDiagnosticsText } from '../src/format/format-diagnostics-text.js';
import { copyFixture } from './check-fixture.js';

/** A valid policy; `front` is appended to the frontmatter after line 12, `body` to the Policy section. */
export function encryptionPolicy({ front = '', body = '' }: { front?: string; body?: string } = {}): string {
  return [
    '---',
    'id: encryption',
    'title: Encryption Policy',
    'version: "1.0"',
    'status: approved',
    'owner: ada-lovelace',
    'approvers: [security]',
    'effective_date: 2026-07-01',
    'review:',
    '  cadence: annually',
    '  last_reviewed: 2026-06-15',
    'criteria: [CC6.1]',
    `${front}---`,
    '',
    '# Encryption Policy',
    '',
    '## Purpose',
    '',
    'Customer data is unreadable to anyone who steals a disk or taps a network.',
    '',
    '## Scope',
    '',
    'Every production data store and network path.',
    '',
    '## Policy',
    '',
    `Data is encrypted in transit with TLS 1.2 or later and at rest with AES-256.${body}`,
    '',
    '## Roles and Responsibilities',
    '',
    'Engineering configures encryption; security reviews it.',
    '',
    '## Exceptions',
    '',
    'The security officer approves exceptions in writing.',
    '',
    '## Enforcement',
    '',
    'Violations lead to disciplinary action.',
    '',
  ].join('\n');
}

/** A control whose only problem is a reference to a policy that does not exist: proof the rest is still checked. */
const canaryControl = [
  '---',
  'id: AC-02',
  'title: Password manager',
  'owner: security',
  'criteria: [CC6.1]',
  'policies: [password-policy]',
  'status: implemented',
  'frequency: continuous',
  'evidence:',
  '  - description: Password manager enrolment report',
  '    collection: automated',
  '---',
  '',
  '# Password manager',
  '',
  '## Description',
  '',
  'Everyone stores shared credentials in the company password manager.',
  '',
  '## Test procedure',
  '',
  'Compare the enrolment report with the roster.',
  '',
].join('\n');

export const canaryFinding = 'controls/AC-02.md:6:12 error Unexpected policy `password-policy`, expected an id from `policies/` [reference/unknown-policy]';

export interface CanaryRepository {
  /** The repository root, a fresh copy for each test. */
  readonly root: string;
  /** The folder holding it: outside the repository. */
  readonly parent: string;
  /** Write a file of the repository, creating its folders. */
  write(file: string, content: string | Uint8Array): Promise<void>;
}

/** A fresh canary repository for each test of the calling file, removed after it. */
export function useCanaryRepository(): CanaryRepository {
  let root = '';
  let cleanup = async () => {};
  beforeEach(async () => {
    const copy = await copyFixture('schema', 'ok');
    root = copy.root;
    cleanup = copy.cleanup;
    await writeFile(path.join(root, 'controls/AC-02.md'), canaryControl);
  });
  afterEach(async () => {
    await cleanup();
    root = '';
  });
  return {
    get root() {
      return root;
    },
    get parent() {
      return path.dirname(root);
    },
    async write(file, content) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), content);
    },
  };
}

/** The formatted findings of one file. */
export function findingsOf(result: CheckResult, file: string): string {
  return formatDiagnosticsText(result.diagnostics.filter((d) => d.file === file));
}

/** The file's finding lines only, without the heading and the summary. */
export function linesOf(result: CheckResult, file: string): string[] {
  return findingsOf(result, file)
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
}

/** The valid policy and control are modelled, and the canary control's finding is still reported. */
export function expectRestChecked(result: CheckResult): void {
  expect(result.model?.policies.map((p) => p.id)).toContain('access-control');
  expect(result.model?.controls.map((c) => c.id)).toEqual(expect.arrayContaining(['AC-01', 'AC-02']));
  expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
}

export function expectEveryFindingPlaced(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).not.toBe('');
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
}
