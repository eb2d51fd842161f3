#!/usr/bin/env node
/**
 * A small mutation run: plants one known bug at a time and checks that the tests meant to catch
 * it fail. Prints each mutant as killed or survived, and the kill rate; exits 1 if any survived.
 *
 *   node scripts/mutation-run.mjs [--in-place] [--only NAME,NAME]
 *
 * By default the run works in a scratch copy of the committed tree (`git archive HEAD`, with
 * node_modules linked), so the checkout is never touched. `--in-place` mutates the checkout
 * itself. Either way each mutant is applied alone: the file is read, the mutant written, the
 * tests run, and the original written back in a `finally` block (and on Ctrl-C).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each mutant: the file, the exact text replaced (once), its replacement, and the tests that must fail. */
export const MUTANTS = [
  // The seven bugs a review planted that no test caught.
  { name: 'policy-owner-not-required', file: 'packages/core/src/schemas/policy-schema.ts', from: '"status",\n    "owner",\n', to: '"status",\n', tests: ['packages/core/src/schemas/required-fields.test.ts'] },
  { name: 'criterion-leaving-scope-passes-gate', file: 'packages/core/src/gate/gate-config.ts', from: 'frameworks: base.frameworks,', to: 'frameworks: head.frameworks,', tests: ['packages/core/src/gate/gate-decisions.test.ts'] },
  { name: 'approval-same-second-as-merge-rejected', file: 'packages/github/src/decide-approvals.ts', from: 'Date.parse(review.submitted_at) > Date.parse(mergedAt)', to: 'Date.parse(review.submitted_at) >= Date.parse(mergedAt)', tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'parallel-parse-wrong-order', file: 'packages/core/src/io/parse-in-parallel.ts', from: 'parsed.forEach((result, i) => (results[batch.start + i] = result));', to: 'parsed.forEach((result, i) => (results[batch.start + parsed.length - 1 - i] = result));', tests: ['packages/core/src/io/parse-in-parallel.test.ts'] },
  { name: 'reviewer-login-case-sensitive', file: 'packages/github/src/find-person-by-login.ts', from: 'p.github.toLowerCase() === wanted', to: 'p.github === login', tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'policy-owner-any-string', file: 'packages/core/src/schemas/policy-schema.ts', from: '"owner": {\n      "$ref": "#/definitions/reference"\n    },', to: '"owner": {\n      "type": "string"\n    },', tests: ['packages/core/src/schemas/required-fields.test.ts'] },
  { name: 'init-actions-ref-ignored', file: 'packages/cli/src/commands/init-command.ts', from: "  if (typeof ref === 'string') {", to: "  if (typeof ref === 'string' && false) {", tests: ['packages/cli/src/commands/init-command.test.ts'] },
  // More across gate decisions, approvals, rules, parsing, chain verification and the bundle manifest.
  { name: 'gate-strict-ignores-warnings', file: 'packages/core/src/gate/decide-gate.ts', from: 'if (input.strict && counts.warning > 0)', to: 'if (input.strict && counts.warning > 1)', tests: ['packages/core/src/gate/gate-decisions.test.ts'] },
  { name: 'gate-ignores-unusable-config', file: 'packages/core/src/gate/decide-gate.ts', from: 'if (input.configFailed) reasons.push', to: 'if (input.configFailed && counts.error > 0) reasons.push', tests: ['packages/core/src/gate/gate-decisions.test.ts'] },
  { name: 'coverage-uncovered-without-base-control', file: 'packages/core/src/coverage/compare-coverage.ts', from: 'uncoveredNow: before.controls.length > 0 &&', to: 'uncoveredNow: before.controls.length >= 0 &&', tests: ['packages/core/src/gate/gate-decisions.test.ts'] },
  { name: 'latest-review-case-sensitive', file: 'packages/github/src/review-helpers.ts', from: 'latest.set(review.login.toLowerCase(), review);', to: 'latest.set(review.login, review);', tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'self-approval-case-sensitive', file: 'packages/github/src/review-verdict.ts', from: "if (sameLogin(review.login ?? '', pull.author)) return 'self-approval';", to: "if ((review.login ?? '') === pull.author) return 'self-approval';", tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'stale-approval-counts', file: 'packages/github/src/review-verdict.ts', from: "if (review.commit_id !== pull.head_sha) return 'stale-approval';", to: "if (review.commit_id === null) return 'stale-approval';", tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'read-access-counts-as-write', file: 'packages/github/src/decide-approvals.ts', from: "const WRITE: ReadonlySet<string> = new Set(['admin', 'write']);", to: "const WRITE: ReadonlySet<string> = new Set(['admin', 'write', 'read']);", tests: ['packages/github/src/approval-decisions.test.ts'] },
  { name: 'rule-review-overdue-on-due-date', file: 'packages/core/src/rules/review-overdue.ts', from: 'if (due === undefined || due >= today) continue;', to: 'if (due === undefined || due > today) continue;', tests: ['packages/core/src/rules/review-overdue.test.ts'] },
  { name: 'rule-owner-sole-approver-any', file: 'packages/core/src/rules/policy-owner-sole-approver.ts', from: 'approvers.some((person) => !owners.has(person))', to: 'approvers.every((person) => !owners.has(person))', tests: ['packages/core/src/rules/policy-owner-sole-approver.test.ts'] },
  { name: 'chain-previous-hash-unchecked', file: 'packages/core/src/evidence/evidence-chain.ts', from: '} else if ((previous?.hash ?? null) !== record.previous_hash) {', to: '} else if (false) {', tests: ['packages/core/src/evidence/evidence-chain.test.ts'] },
  { name: 'chain-gap-unreported', file: 'packages/core/src/evidence/evidence-chain.ts', from: 'if (record.sequence > expectedSequence) {', to: 'if (record.sequence > expectedSequence + 1) {', tests: ['packages/core/src/evidence/evidence-chain.test.ts'] },
  { name: 'manifest-sums-escape-dropped', file: 'packages/bundle/src/plan/manifest.ts', from: 'if (!/[\\\\\\n\\r]/.test(path)) return `${sha256}  ${path}\\n`;', to: 'return `${sha256}  ${path}\\n`;', tests: ['packages/bundle/src/plan/manifest.test.ts'] },
  { name: 'outline-first-match-on-tab-line', file: 'packages/core/src/parse/markdown-outline.ts', from: 'source.lastIndexOf(content.slice(offset, lineEnd))', to: 'source.indexOf(content.slice(offset, lineEnd))', tests: ['packages/core/src/parse/markdown-outline.test.ts'] },
  { name: 'frontmatter-language-unguarded', file: 'packages/core/src/parse/parse-document.ts', from: 'if (named && !KNOWN_LANGUAGES.has(named.toLowerCase())) {', to: 'if (false) {', tests: ['packages/core/src/parse/frontmatter-language.test.ts'] },
];

function scratchCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evident-mutants-'));
  const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: checkout, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(path.join(checkout, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const inPlace = process.argv.includes('--in-place');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt === -1 ? undefined : new Set(process.argv[onlyAt + 1].split(','));
  const root = inPlace ? checkout : scratchCopy();
  let pending; // { file, original } while a mutant is on disk
  const restore = () => {
    if (pending) writeFileSync(pending.file, pending.original);
    pending = undefined;
  };
  process.on('SIGINT', () => {
    restore();
    process.exit(130);
  });
  const results = [];
  const started = Date.now();
  try {
    for (const mutant of MUTANTS.filter((m) => !only || only.has(m.name))) {
      const file = path.join(root, mutant.file);
      const original = readFileSync(file, 'utf8');
      const count = original.split(mutant.from).length - 1;
      if (count !== 1) {
        results.push({ ...mutant, outcome: `not applied (${count} matches)` });
        process.stdout.write(`SKIP     ${mutant.name}: the text to replace occurs ${count} times in ${mutant.file}\n`);
        continue;
      }
      pending = { file, original };
      try {
        writeFileSync(file, original.replace(mutant.from, () => mutant.to));
        const run = spawnSync(process.execPath, ['--experimental-vm-modules', path.join(root, 'node_modules/jest/bin/jest.js'), '--silent', '--bail', ...mutant.tests], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
        const outcome = run.status === 0 ? 'survived' : 'killed';
        results.push({ ...mutant, outcome });
        process.stdout.write(`${outcome === 'killed' ? 'KILLED  ' : 'SURVIVED'} ${mutant.name} (${mutant.file})\n`);
      } finally {
        restore();
      }
      if (readFileSync(file, 'utf8') !== original) throw new Error(`${mutant.file} was not restored`);
    }
  } finally {
    restore();
    if (!inPlace) rmSync(root, { recursive: true, force: true });
  }
  const applied = results.filter((r) => r.outcome === 'killed' || r.outcome === 'survived');
  const killed = applied.filter((r) => r.outcome === 'killed').length;
  process.stdout.write(`\n${killed}/${applied.length} mutants killed (${applied.length ? Math.round((100 * killed) / applied.length) : 0}%), ${results.length - applied.length} not applied, ${Math.round((Date.now() - started) / 1000)} s\n`);
  process.exitCode = killed === applied.length && applied.length === results.length ? 0 : 1;
}
