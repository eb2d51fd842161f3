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
const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1';

const workflow = (body: string, head = 'on:\n  pull_request:\npermissions:\n  contents: read\n') => `${head}jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;
const rules = (text: string) => hardeningFindings(text, 'w.yml').map((f) => `${f.line}:${f.column} ${f.rule}`);

describe('hardeningFindings', () => {
  it('accepts a hardened workflow', () => {
    const text = workflow(`      - uses: actions/checkout@${sha} # v7.0.1
      - uses: ./packages/actions/collect-evidence
      - uses: docker://alpine@sha256:${'a'.repeat(64)} # alpine 3.20
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
    expect(rules(`on: push\npermissions: {}\njobs:\n  call:\n    uses: octo/repo/.github/workflows/w.yml@${sha} # v1.0.0\n`)).toEqual([]);
  });

  it('flags a SHA pin without a version comment on its line, in steps, reusable workflows and Docker digests', () => {
    const text = workflow(`      - uses: actions/checkout@${sha}
      - uses: "actions/setup-node@${sha}"  #
      - uses: docker://alpine@sha256:${'a'.repeat(64)}
        # v7.0.1, on the next line, is not the pin's comment
      - uses: example/evident/packages/actions/check@${sha} # evident 3d3c42e5aac5
      - uses: actions/upload-artifact@${sha} #v4
`);
    const findings = hardeningFindings(text, 'w.yml');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['9:15 pinned-actions', '10:15 pinned-actions', '11:15 pinned-actions']);
    expect(findings[0]!.message).toBe(`Missing version comment for \`uses: actions/checkout@${sha}\`, expected the version the SHA is on the same line, such as \`uses: actions/checkout@${sha} # v1.2.3\``);
    expect(rules(`on: push\npermissions: {}\njobs:\n  call:\n    uses: octo/repo/.github/workflows/w.yml@${sha}\n`)).toEqual(['5:11 pinned-actions']);
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

  it('flags a placeholder in `uses:`, local or remote', () => {
    const text = workflow(`      - uses: ./REPLACE/packages/actions/bundle
      - uses: example/evident/packages/actions/check@REPLACE_WITH_A_SHA
`);
    const findings = hardeningFindings(text, 'w.yml');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['9:15 pinned-actions', '10:15 pinned-actions']);
    expect(findings[0]!.message).toBe('Unexpected placeholder in `uses: ./REPLACE/packages/actions/bundle`, expected a real action: a local `./` path or a full 40-character commit SHA with a version comment');
  });
});

/** A workflow whose triggers, top-level permissions and one job are given. */
const job = (on: string, top: string, jobPermissions: string) => `on:
${on}
permissions:
${top}
jobs:
  collect:
    runs-on: ubuntu-latest
${jobPermissions}    steps:
      - run: true
`;

describe('hardeningFindings: no write scope where a pull request runs its own copy', () => {
  it('flags a job with a write scope triggered by any pull-request event, at the scope', () => {
    for (const event of ['pull_request', 'pull_request_review', 'pull_request_review_comment']) {
      const text = job(`  ${event}:\n    types: [closed]`, '  contents: read', '    permissions:\n      pull-requests: read\n      contents: write\n');
      expect(rules(text)).toEqual(['11:7 no-write-on-pull-request']);
      expect(hardeningFindings(text, 'w.yml')[0]!.message).toBe(
        `Unexpected \`contents: write\` in job \`collect\`, triggered by \`${event}\`: those events run the pull request's own copy of the workflow, expected read-only scopes (write from \`workflow_run\`, \`schedule\` or \`push\` workflows instead)`,
      );
    }
  });

  it('flags write scopes a job inherits, and write-all, with pull_request_target flagged on its own too', () => {
    expect(rules(job('  pull_request_target:', '  issues: write', ''))).toEqual(['2:3 no-pull-request-target', '4:3 top-level-permissions', '6:3 no-write-on-pull-request']);
    expect(rules(job('  - push\n  - pull_request_review', '  contents: read', '    permissions: write-all\n'))).toEqual(['9:18 no-write-on-pull-request']);
  });

  it('accepts write scopes on workflow_run, schedule, push and dispatch, and read-only jobs on pull requests', () => {
    expect(rules(job('  workflow_run:\n    workflows: [Evidence request]\n  schedule:\n    - cron: "0 5 * * *"\n  workflow_dispatch:', '  contents: read', '    permissions:\n      contents: write\n'))).toEqual([]);
    expect(rules(job('  pull_request:\n  pull_request_review:', '  contents: read', '    permissions: {}\n'))).toEqual([]);
    expect(rules(job('  pull_request:', '  contents: read', '    permissions:\n      contents: read\n      pull-requests: read\n'))).toEqual([]);
  });
});

describe('hardeningFindings: the PR gate runs the base commit’s check', () => {
  const gate = (steps: string, file = '.github/workflows/pr-gate.yml') =>
    hardeningFindings(
      `on:
  pull_request:
  merge_group:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${sha} # v7.0.1
        with:
          persist-credentials: false
${steps}`,
      file,
    ).map((f) => `${f.line}:${f.column} ${f.rule}`);
  const baseCheckout = (ref: string, where = '.evident-base') => `      - uses: actions/checkout@${sha} # v7.0.1
        with:
          ref: ${ref}
          path: ${where}
          persist-credentials: false
`;

  it('accepts the check action from a checkout of the base commit (pull request or merge queue)', () => {
    const ref = '${{ github.event.pull_request.base.sha || github.event.merge_group.base_sha }}';
    expect(gate(`${baseCheckout(ref)}      - uses: ./.evident-base/packages/actions/check\n        with:\n          root: .\n`)).toEqual([]);
    expect(gate(`${baseCheckout('${{ github.event.merge_group.base_sha }}', './base/')}      - uses: ./base/packages/actions/check\n`)).toEqual([]);
    expect(gate(`      - uses: example/evident/packages/actions/check@${sha} # v0.1.0\n`)).toEqual([]);
  });

  it("flags the pull request's own copy of the check action", () => {
    expect(gate('      - uses: ./packages/actions/check\n')).toEqual(['13:15 gate-from-base']);
    // A second checkout of something else (the head again) is not the base.
    expect(gate(`${baseCheckout('${{ github.event.pull_request.head.sha }}')}      - uses: ./.evident-base/packages/actions/check\n`)).toEqual(['18:15 gate-from-base']);
    // The base checkout must come first.
    expect(gate(`      - uses: ./.evident-base/packages/actions/check\n${baseCheckout('${{ github.event.pull_request.base.sha }}')}`)).toEqual(['13:15 gate-from-base']);
  });

  const baseExtraction = (ref: string, target = '".evident-base/$CHECK_ACTION"') => `      - shell: bash
        env:
          BASE_SHA: ${ref}
          CHECK_ACTION: packages/actions/check
        run: |
          mkdir -p ".evident-base/$CHECK_ACTION"
          git archive --format=tar "$BASE_SHA:$CHECK_ACTION" | tar -x -C ${target}
`;

  it("accepts the check action extracted from the base commit's objects with git archive", () => {
    const ref = '${{ github.event.pull_request.base.sha || github.event.merge_group.base_sha }}';
    expect(gate(`${baseExtraction(ref)}      - uses: ./.evident-base/packages/actions/check\n`)).toEqual([]);
    expect(gate(`${baseExtraction(ref, '"base/${CHECK_ACTION}"')}      - uses: ./base/packages/actions/check\n`)).toEqual([]);
  });

  it('flags a git archive of anything but the base commit, into another folder, or after the check', () => {
    // The head commit is the pull request's own code.
    expect(gate(`${baseExtraction('${{ github.event.pull_request.head.sha }}')}      - uses: ./.evident-base/packages/actions/check\n`)).toEqual(['20:15 gate-from-base']);
    // Extracted elsewhere: the action used is still the pull request's.
    expect(gate(`${baseExtraction('${{ github.event.pull_request.base.sha }}', '"elsewhere/$CHECK_ACTION"')}      - uses: ./.evident-base/packages/actions/check\n`)).toEqual(['20:15 gate-from-base']);
    // A folder named by a variable the step does not set is not known to be the base's.
    expect(gate(`${baseExtraction('${{ github.event.pull_request.base.sha }}', '"$TARGET"')}      - uses: ./.evident-base/packages/actions/check\n`)).toEqual(['20:15 gate-from-base']);
    expect(gate(`      - uses: ./.evident-base/packages/actions/check\n${baseExtraction('${{ github.event.pull_request.base.sha }}')}`)).toEqual(['13:15 gate-from-base']);
  });

  it('flags a PR gate that runs no check action at all', () => {
    expect(gate('      - run: true\n')).toEqual(['7:3 gate-from-base']);
    expect(gate('      - run: true\n', '.github/workflows/ci.yml')).toEqual([]);
  });
});

describe('hardeningFindings: top-level permissions', () => {
  it('requires read-only top-level permissions in every workflow, whatever its events', () => {
    expect(rules(job('  schedule:\n    - cron: "0 5 * * *"', '  contents: write', ''))).toEqual(['5:3 top-level-permissions']);
    expect(rules('on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n')).toEqual(['1:1 top-level-permissions']);
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
