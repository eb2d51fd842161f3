import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hardeningFindings, isKnownFalsePositive, knownFalsePositives } from './lint-workflows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'scripts', 'lint-workflows.mjs');
const sha = '11bd71901bbe5b1630ceea73d27597364c9af683';

const workflow = (body: string, head = 'on:\n  pull_request:\npermissions:\n  contents: read\n') => `${head}jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;
const rules = (text: string) => hardeningFindings(text, 'w.yml').map((f) => `${f.line}:${f.column} ${f.rule}`);

describe('hardeningFindings', () => {
  it('accepts a hardened workflow', () => {
    const text = workflow(`      - uses: actions/checkout@${sha} # v4.2.2
      - uses: ./packages/actions/check
      - uses: docker://alpine@sha256:${'a'.repeat(64)}
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE" \${{ github.event_name }} \${{ github.sha }}
`);
    expect(hardeningFindings(text, 'w.yml')).toEqual([]);
  });

  it('flags pull_request_target in every form of `on`', () => {
    expect(rules(workflow('      - run: true\n', 'on: pull_request_target\npermissions: read-all\n'))).toEqual(['1:5 no-pull-request-target']);
    expect(rules(workflow('      - run: true\n', 'on: [push, pull_request_target]\npermissions: {}\n'))).toEqual(['1:12 no-pull-request-target']);
    expect(rules(workflow('      - run: true\n', 'on:\n  pull_request_target:\n    types: [opened]\npermissions:\n  contents: read\n'))).toEqual(['2:3 no-pull-request-target']);
  });

  it('flags missing or writable top-level permissions', () => {
    expect(rules(workflow('      - run: true\n', 'on: push\n'))).toEqual(['1:1 top-level-permissions']);
    expect(rules(workflow('      - run: true\n', 'on: push\npermissions: write-all\n'))).toEqual(['2:14 top-level-permissions']);
    expect(rules(workflow('      - run: true\n', 'on: push\npermissions:\n  contents: write\n  pull-requests: read\n'))).toEqual(['3:3 top-level-permissions']);
  });

  it('flags actions not pinned by a full commit SHA, in steps and reusable workflows', () => {
    const text = workflow(`      - uses: actions/checkout@v4
      - uses: actions/setup-node@${sha.slice(0, 7)}
      - uses: docker://alpine:3
      - uses: octo/repo/path/to/action@main
`);
    expect(rules(text)).toEqual(['9:15 pinned-actions', '10:15 pinned-actions', '11:15 pinned-actions', '12:15 pinned-actions']);
    expect(rules('on: push\npermissions: {}\njobs:\n  call:\n    uses: octo/repo/.github/workflows/w.yml@v1\n')).toEqual(['5:11 pinned-actions']);
    expect(rules(`on: push\npermissions: {}\njobs:\n  call:\n    uses: octo/repo/.github/workflows/w.yml@${sha}\n`)).toEqual([]);
  });

  it('flags untrusted event text expanded inside run, at its line', () => {
    const text = workflow(`      - run: |
          echo starting
          echo "\${{ github.event.pull_request.title }}"
      - run: git checkout \${{ github.head_ref }}
      - run: echo '\${{ toJSON(github.event) }}'
`);
    const findings = hardeningFindings(text, 'w.yml');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['11:17 no-event-text-in-run', '12:27 no-event-text-in-run', '13:20 no-event-text-in-run']);
    expect(findings[0]!.message).toBe('Unexpected `github.event.pull_request.title` expanded in `run:`, expected it passed through `env:` and quoted as a shell variable');
  });

  it('reports YAML it cannot parse', () => {
    expect(rules('on: [push\n')).toEqual([expect.stringMatching(/ yaml$/)]);
  });
});

describe('knownFalsePositives', () => {
  it('drops only the listed actionlint messages, each with a reason', () => {
    for (const fp of knownFalsePositives) expect(fp.reason.length).toBeGreaterThan(20);
    expect(isKnownFalsePositive({ kind: 'permissions', message: 'unknown permission scope "artifact-metadata". all available permission scopes are "actions"', line: 1, column: 1 })).toBe(true);
    expect(isKnownFalsePositive({ kind: 'permissions', message: 'unknown permission scope "contnets". all available permission scopes are "actions"', line: 1, column: 1 })).toBe(false);
    expect(isKnownFalsePositive({ kind: 'expression', message: 'unknown permission scope "artifact-metadata".', line: 1, column: 1 })).toBe(false);
  });
});

describe('node scripts/lint-workflows.mjs', () => {
  const run = (args: string[]) => promisify(execFile)(process.execPath, [script, ...args], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

  it("passes this repository's workflows", async () => {
    const result = await run([]);
    expect(result).toEqual({ code: 0, stdout: expect.stringContaining('pass actionlint and the hardening rules') });
  });

  it('fails on actionlint findings and hardening findings, but not on a listed false positive', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-workflows-'));
    try {
      const file = path.join(dir, 'bad.yml');
      await writeFile(
        file,
        `on: pull_request
permissions:
  contents: read
  artifact-metadata: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.pull_request.body }}"
      - run: echo \${{ steps.nope.outputs.x }
`,
      );
      const result = await run([file]);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('artifact-metadata');
      expect(result.stdout).toMatch(/bad\.yml:10:\d+ .*github\.event\.pull_request\.body.* \[actionlint\/expression\]/);
      expect(result.stdout).toMatch(/bad\.yml:9:15 Unexpected `uses: actions\/checkout@v4`.* \[pinned-actions\]/);
      expect(result.stdout).toMatch(/bad\.yml:10:\d+ Unexpected `github\.event\.pull_request\.body` expanded in `run:`.* \[no-event-text-in-run\]/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
