import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { signingKeyId } from '@evident/core';
import { simpleGit } from 'simple-git';
import { breakingChange, cleanChange, createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { createGit, type Git } from './git.js';
import { runGate, type GateOptions } from './run-gate.js';

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const options = (r: ProgramRepository, extra: Partial<GateOptions> = {}): GateOptions => ({
  root: path.join(r.dir, r.root),
  workspace: r.dir,
  base: { ref: r.baseSha, label: 'main' },
  strict: false,
  today: '2026-11-26',
  ...extra,
});

describe('runGate', () => {
  it('annotates a broken policy at its line, reports the lost criterion and fails', async () => {
    repo = await createProgramRepository();
    await breakingChange(repo);
    const report = await runGate(options(repo));
    expect(report.decision.passed).toBe(false);
    expect(report.decision.lostLastControl).toEqual(['CC7.3']);
    // Removing a control is also named for review, whether or not it leaves a criterion uncovered.
    expect(report.outputs).toEqual({ errors: 2, warnings: 0, changedPolicies: ['access-control'], weakened: true });
    expect(report.weakenings.map((w) => `${w.kind} ${w.subject}`)).toEqual(['control-removed IR-01']);
    expect(report.annotations).toMatch(/^::error file=policies\/access-control\.md,line=5,/m);
    expect(report.annotations).toMatch(/^::error file=evident\.yaml,line=6,.*CC7\.3/m);
    expect(report.summary).toContain('| `CC7.3` | Security incident evaluation | operating (1) | uncovered | − mapped `IR-01`; − implemented `IR-01`; **no control left** |');
    expect(report.summary).toContain('| `access-control` Access Control Policy | modified | `policies/access-control.md` | `security` (@ada-example, @grace-example) |');
  });

  it('passes a clean change and lists the changed policy', async () => {
    repo = await createProgramRepository();
    await cleanChange(repo);
    const report = await runGate(options(repo));
    expect(report.decision).toEqual({ passed: true, reasons: [], lostLastControl: [] });
    expect(report.outputs).toEqual({ errors: 0, warnings: 0, changedPolicies: ['incident-response'], weakened: false });
    expect(report.annotations).toBe('');
    expect(report.summary).toContain('No criterion gains or loses a mapped or implemented control.');
    expect(report.summary).toContain('`ada-lovelace`, `alan-turing` (@ada-example, @alan-example)');
  });

  it('reports workspace-relative paths for a program in a subdirectory', async () => {
    repo = await createProgramRepository('compliance');
    await breakingChange(repo);
    const report = await runGate(options(repo, { link: (file, line) => `https://example.test/${file}#L${line ?? 1}` }));
    expect(report.annotations).toMatch(/^::error file=compliance\/policies\/access-control\.md,line=5,/m);
    expect(report.summary).toContain('[compliance/policies/access-control.md:5](https://example.test/compliance/policies/access-control.md#L5)');
    expect(report.outputs.changedPolicies).toEqual(['access-control']);
  });

  it('skips the comparison without a base, and fails in strict mode on warnings', async () => {
    repo = await createProgramRepository();
    await repo.edit('policies/incident-response.md', (text) => text.replace('  next_review: 2099-06-15\n', '  next_review: 2026-01-15\n'));
    const report = await runGate(options(repo, { base: undefined, strict: true }));
    expect(report.outputs).toEqual({ errors: 0, warnings: 1, changedPolicies: [], weakened: false });
    expect(report.decision.reasons).toEqual(['Unexpected 1 warning in strict mode, expected none']);
    expect(report.annotations).toMatch(/^::warning file=policies\/incident-response\.md,line=12,/m);
    expect(report.summary).toContain('No base commit to compare with');
  });

  it('treats a base without evident.yaml as an empty program', async () => {
    repo = await createProgramRepository('compliance');
    await repo.git.raw(['mv', 'compliance', 'program']);
    await repo.commitHead('Move the program');
    const report = await runGate({ ...options(repo), root: path.join(repo.dir, 'program') });
    expect(report.summary).toContain('criteria covered 0/0 → 4/4');
    expect(report.outputs.changedPolicies).toEqual(['access-control', 'incident-response']);
  });
});

describe('runGate on a sparse checkout', () => {
  it('checks a cone-mode sparse checkout of the folders it reads, and names a configured folder the checkout left out', async () => {
    repo = await createProgramRepository();
    await cleanChange(repo);
    // As pr-gate.yml checks out: cone mode, the folders the gate reads, no evidence/.
    await repo.git.raw(['sparse-checkout', 'set', '--cone', 'policies', 'controls', 'frameworks', 'exceptions', '.github']);
    await expect(readFile(path.join(repo.dir, 'people.yaml'), 'utf8')).resolves.toContain('people');
    const full = await runGate(options(repo));
    expect(full.outputs).toEqual({ errors: 0, warnings: 0, changedPolicies: ['incident-response'], weakened: false });

    await repo.git.raw(['sparse-checkout', 'set', '--cone', 'policies', 'frameworks']);
    await expect(runGate(options(repo))).rejects.toThrow(
      "Unexpected `controls` missing from the checkout, expected it checked out: the commit has it, the working tree does not. Add it to `sparse-checkout` of the gate's checkout step (.github/workflows/pr-gate.yml).",
    );
  });
});

describe('runGate on GitHub’s test merge of a pull request', () => {
  it('compares with the merge’s first parent when the event’s base commit lags behind the base branch', async () => {
    repo = await createProgramRepository();
    const git = repo.git;
    const branch = (await git.revparse(['--abbrev-ref', 'HEAD'])).trim();
    // The pull request branches off the base and removes IR-01.
    await git.checkoutLocalBranch('feature');
    await repo.remove('controls/IR-01.md');
    const head = await repo.commitHead('Remove IR-01');
    // Meanwhile the base branch gains AC-03, which also covers CC7.3.
    await git.checkout(branch);
    const ir01 = await readFile(path.join(repo.dir, 'controls/IR-01.md'), 'utf8');
    await writeFile(path.join(repo.dir, 'controls/AC-03.md'), ir01.replace('id: IR-01', 'id: AC-03').replace('status: operating', 'status: implemented'));
    await repo.commitHead('Add AC-03');
    await git.raw(['merge', '--no-ff', '-m', 'Merge feature into base', head]);
    const stale = options(repo, { base: { ref: repo.baseSha, label: 'main' } });

    const report = await runGate({ ...stale, base: { ref: repo.baseSha, label: 'main', headSha: head } });
    expect(report.decision.lostLastControl).toEqual([]);
    expect(report.summary).toContain('| `CC7.3` | Security incident evaluation | operating (2) | implemented (1) | − mapped `IR-01`; − implemented `IR-01` |');
    expect(report.summary).not.toContain('AC-03`,');

    const withoutHead = await runGate(stale);
    expect(withoutHead.summary).toContain('+ mapped `AC-03`');
  });
});

describe('runGate annotations', () => {
  it('keeps the first 9 errors as annotations when failing, leaving room for the failure itself', async () => {
    repo = await createProgramRepository();
    // Twelve unknown criteria in one policy: twelve errors.
    await repo.edit('policies/access-control.md', (text) => text.replace('criteria: [CC6.1, CC6.2, CC6.3]', `criteria: [CC6.1, CC6.2, CC6.3, ${Array.from({ length: 12 }, (_, i) => `CC9.${i + 10}`).join(', ')}]`));
    const report = await runGate(options(repo, { base: undefined }));
    expect(report.outputs.errors).toBe(12);
    expect(report.annotations.match(/^::error /gm)).toHaveLength(9);
    expect(report.summary).toContain('3 more findings are listed only here');
    expect(report.summary.match(/^\| error \|/gm)).toHaveLength(12);
  });
});

describe('runGate with the base’s rules', () => {
  /** The pull request names an unknown approver and turns the rule that catches it off. */
  async function weakeningChange(r: ProgramRepository): Promise<string> {
    await r.edit('policies/incident-response.md', (text) => text.replace('approvers: [ada-lovelace, alan-turing]', 'approvers: [ada-lovelace, nobody-known]'));
    await r.edit('evident.yaml', (text) => `${text}rules:\n  reference/unknown-person: off\n`);
    return r.commitHead('Approve with someone new; turn the unknown-person rule off');
  }

  it('still fails on the base’s rules when the pull request turns a rule off, and opens the summary with the weakening', async () => {
    repo = await createProgramRepository();
    await weakeningChange(repo);
    const report = await runGate(options(repo));
    expect(report.decision.passed).toBe(false);
    expect(report.diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.file}:${d.line}`)).toEqual(['error reference/unknown-person policies/incident-response.md:7']);
    expect(report.outputs).toEqual({ errors: 1, warnings: 0, changedPolicies: ['incident-response'], weakened: true });
    expect(report.weakenings.map((w) => w.message)).toEqual(['`reference/unknown-person` lowered from error to off']);
    expect(report.summary.startsWith('## ⚠️ This pull request weakens the gate (1 change)\n')).toBe(true);
    expect(report.summary.split('## Evident check')[0]).toContain('- `reference/unknown-person` lowered from error to off\n');
    expect(report.summary).toContain('## Evident check: ❌ failed');
    expect(report.summary).toContain(`Judged with the base's rules, scope and required sections (\`main\` at \`${repo.baseSha.slice(0, 12)}\`).`);
  });

  it('without a base, judges the change with its own rules and calls nothing out', async () => {
    repo = await createProgramRepository();
    await weakeningChange(repo);
    const report = await runGate(options(repo, { base: undefined }));
    expect(report.decision.passed).toBe(true);
    expect(report.outputs.weakened).toBe(false);
    expect(report.summary.startsWith('## Evident check: ✅ passed')).toBe(true);
  });

  it('passes a clean change to the gate’s own sources but names each one first', async () => {
    repo = await createProgramRepository('compliance');
    await mkdir(path.join(repo.dir, '.github/workflows'), { recursive: true });
    await writeFile(path.join(repo.dir, '.github/workflows/pr-gate.yml'), 'name: PR gate\n');
    await mkdir(path.join(repo.dir, 'packages/core/src'), { recursive: true });
    await writeFile(path.join(repo.dir, 'packages/core/src/check.ts'), 'export {};\n');
    await repo.edit('evident.yaml', (text) => text.replace('categories: [security]', 'categories: [security, availability]'));
    await repo.commitHead('Change the gate workflow and the core');
    const report = await runGate(options(repo));
    expect(report.decision.passed).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual([
      "`.github/workflows/pr-gate.yml` changed: the gate that runs is the base's; review the change",
      "`packages/core/src/check.ts` changed: the gate that runs is the base's; review the change",
    ]);
    expect(report.summary).toMatch(/^## ⚠️ This pull request weakens the gate \(2 changes\)\n/);
  });
});

describe('runGate on a change to the framework catalog', () => {
  it('fails when the catalog moves a criterion out of scope and its last control is removed in the same change, and names the catalog change', async () => {
    repo = await createProgramRepository();
    await repo.edit('frameworks/soc2/criteria.yaml', (text) => text.replace(/(- id: CC7\.3\n {4}category:) security/, '$1 availability'));
    await repo.remove('controls/IR-01.md');
    await repo.commitHead('Move CC7.3 to availability and remove its last control');
    const report = await runGate(options(repo));
    expect(report.decision.passed).toBe(false);
    expect(report.decision.lostLastControl).toEqual(['CC7.3']);
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['coverage/uncovered-criterion']);
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual([
      "criterion `CC7.3` moved from category `security` to `availability` in the framework catalog: out of scope once merged (this pull request was judged with the base's catalog)",
      'control `IR-01` removed or renamed: its occurrences would no longer need evidence, and under a new id it would start over with the schedule it has there',
    ]);
    expect(report.summary).toMatch(/^## ⚠️ This pull request weakens the gate \(2 changes\)\n/);
    expect(report.summary).toContain('criteria covered 4/4 → 3/4');
    expect(report.summary).toContain('**no control left**');
  });
});

describe('runGate on a change to what is accepted as evidence', () => {
  it('passes, but names signing no longer required, the collector workflow and .gitattributes changed, and sets weakened', async () => {
    repo = await createProgramRepository();
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const signing = `evidence:\n  signing:\n    required_from: 2026-06-01\n    keys:\n      - id: ${signingKeyId(publicKey)}\n        not_before: 2026-01-01\n        public_key: |\n${pem.trimEnd().split('\n').map((l) => `          ${l}`).join('\n')}\n`;
    await repo.edit('evident.yaml', (text) => text + signing);
    await mkdir(path.join(repo.dir, '.github/workflows'), { recursive: true });
    await writeFile(path.join(repo.dir, '.github/workflows/evidence.yml'), 'name: Evidence\n');
    const base = await repo.commitHead('Require signed evidence');
    expect((await runGate({ ...options(repo), base: { ref: base, label: 'main' } })).outputs.weakened).toBe(false);

    await repo.edit('evident.yaml', (text) => text.replace('    required_from: 2026-06-01\n', ''));
    await writeFile(path.join(repo.dir, '.github/workflows/evidence.yml'), 'name: Evidence\n# collects whatever it is given\n');
    await writeFile(path.join(repo.dir, '.gitattributes'), 'evidence/** text eol=crlf\n');
    await repo.commitHead('Stop requiring signatures');
    const report = await runGate({ ...options(repo), base: { ref: base, label: 'main' } });
    expect(report.decision.passed).toBe(true);
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual([
      '`evidence.signing.required_from` removed: unsigned records would be accepted',
      '`.github/workflows/evidence.yml` changed: it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change',
      '`.gitattributes` changed: they change how git converts files on checkout (line endings, encodings, filters), which the gate, the collectors and the evidence hashes read; review the change',
    ]);
    expect(report.summary.split('## Evident check')[0]).toContain('- `evidence.signing.required_from` removed: unsigned records would be accepted\n');
  });
});

describe('runGate with a checkout of the base', () => {
  /** A git client factory that records every git command, by directory. */
  function recording(): { calls: string[]; factory: (cwd: string) => Git } {
    const calls: string[] = [];
    return {
      calls,
      factory: (cwd) => {
        const git = createGit(cwd);
        return (args, opts) => {
          calls.push(args[0] ?? '');
          return git(args, opts);
        };
      },
    };
  }

  it('reads the base from the checkout when it holds the base commit, and from git otherwise', async () => {
    repo = await createProgramRepository();
    await repo.edit('evident.yaml', (text) => `${text}rules:\n  reference/unknown-person: off\n`);
    await repo.edit('policies/incident-response.md', (text) => text.replace('alan-turing]', 'nobody-known]'));
    await repo.commitHead('Weaken');
    const baseDir = path.join(repo.dir, '.evident-base');
    await simpleGit().clone(repo.dir, baseDir);
    await simpleGit(baseDir).checkout(repo.baseSha);

    const fromCheckout = recording();
    const report = await runGate(options(repo, { baseRoot: baseDir, createGit: fromCheckout.factory }));
    expect(fromCheckout.calls).not.toContain('cat-file');
    expect(report.outputs).toEqual({ errors: 1, warnings: 0, changedPolicies: ['incident-response'], weakened: true });
    expect(report.summary).toContain('criteria covered 4/4 → 4/4');

    // The checkout is at another commit: the base comes from git, with the same result.
    await simpleGit(baseDir).checkout('-');
    const stale = recording();
    const fromGit = await runGate(options(repo, { baseRoot: baseDir, createGit: stale.factory }));
    expect(stale.calls).toContain('cat-file');
    expect(fromGit.summary).toBe(report.summary);

    // No such directory (git would otherwise find the enclosing work tree): from git too.
    await rm(baseDir, { recursive: true, force: true });
    const missing = recording();
    expect((await runGate(options(repo, { baseRoot: path.join(repo.dir, 'nowhere'), createGit: missing.factory }))).summary).toBe(report.summary);
    expect(missing.calls).toContain('cat-file');
  });
});

describe('runGate on a pull request that adds evidence', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const metadata = (hash: string) => `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ${hash}\n`;
  const WRONG = sha256('not the content');

  /** A base commit holding an old evidence file whose bytes no longer match its metadata (damaged before the gate existed), and another intact one. */
  async function withOldEvidence(r: ProgramRepository): Promise<string> {
    await mkdir(path.join(r.dir, 'evidence/AC-01/2026-Q2'), { recursive: true });
    await writeFile(path.join(r.dir, 'evidence/AC-01/2026-Q2/old.csv'), 'old export\n');
    await writeFile(path.join(r.dir, 'evidence/AC-01/2026-Q2/old.csv.evidence.yaml'), metadata(WRONG));
    await writeFile(path.join(r.dir, 'evidence/AC-01/2026-Q2/intact.csv'), 'intact\n');
    await writeFile(path.join(r.dir, 'evidence/AC-01/2026-Q2/intact.csv.evidence.yaml'), metadata(sha256('intact\n')));
    return r.commitHead('Evidence from before the gate');
  }

  const mismatches = (report: Awaited<ReturnType<typeof runGate>>) => report.diagnostics.filter((d) => d.ruleId === 'evidence/hash-mismatch').map((d) => d.file);

  it('re-hashes only the evidence the change touches: an untouched file with a wrong hash is skipped, a changed one caught', async () => {
    repo = await createProgramRepository();
    const base = await withOldEvidence(repo);
    await mkdir(path.join(repo.dir, 'evidence/AC-01/2026-Q3'), { recursive: true });
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/new.csv'), 'new export\n');
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/new.csv.evidence.yaml'), metadata(WRONG));
    await repo.commitHead('Add evidence');
    const gate = { ...options(repo), base: { ref: base, label: 'main' } };

    const changed = await runGate(gate);
    expect(mismatches(changed)).toEqual(['evidence/AC-01/2026-Q3/new.csv.evidence.yaml']);
    expect(changed.decision.passed).toBe(false);
    expect(mismatches(await runGate({ ...gate, hashEvidence: 'all' }))).toEqual(['evidence/AC-01/2026-Q2/old.csv.evidence.yaml', 'evidence/AC-01/2026-Q3/new.csv.evidence.yaml']);
  });

  it('reads the evidence folder from the commit, so a checkout may leave it out (a sparse checkout without evidence/)', async () => {
    repo = await createProgramRepository();
    const base = await withOldEvidence(repo);
    const pointerOid = sha256('scanned review');
    await mkdir(path.join(repo.dir, 'evidence/AC-01/2026-Q3'), { recursive: true });
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/scan.pdf'), `version https://git-lfs.github.com/spec/v1\noid sha256:${pointerOid}\nsize 14\n`);
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/scan.pdf.evidence.yaml'), metadata(pointerOid));
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/new.csv'), 'new export\n');
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q3/new.csv.evidence.yaml'), metadata(WRONG));
    await repo.commitHead('Add evidence');
    await rm(path.join(repo.dir, 'evidence'), { recursive: true });
    const report = await runGate({ ...options(repo), base: { ref: base, label: 'main' } });
    expect(report.diagnostics.filter((d) => d.file.startsWith('evidence/')).map((d) => `${d.ruleId} ${d.file}`)).toEqual(['evidence/hash-mismatch evidence/AC-01/2026-Q3/new.csv.evidence.yaml']);
  });

  it("takes pointer text for content only where the base's .gitattributes hand the path to LFS too", async () => {
    repo = await createProgramRepository();
    const base = await withOldEvidence(repo);
    // The change hands CSV files to LFS and replaces an export's bytes with pointer text naming the
    // export's recorded SHA-256: the content the pointer stands for was never stored anywhere.
    await writeFile(path.join(repo.dir, '.gitattributes'), 'evidence/** -text\nevidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text\nevidence/**/*.csv filter=lfs diff=lfs merge=lfs -text\n');
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q2/intact.csv'), `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256('intact\n')}\nsize 7\n`);
    await repo.commitHead('Hand CSV evidence to LFS');
    const report = await runGate({ ...options(repo), base: { ref: base, label: 'main' } });
    expect(mismatches(report)).toEqual(['evidence/AC-01/2026-Q2/intact.csv.evidence.yaml']);
    expect(report.decision.passed).toBe(false);
  });

  it('re-hashes an untouched evidence file whose metadata the change edits', async () => {
    repo = await createProgramRepository();
    const base = await withOldEvidence(repo);
    await writeFile(path.join(repo.dir, 'evidence/AC-01/2026-Q2/intact.csv.evidence.yaml'), metadata(WRONG));
    await repo.commitHead('Edit a recorded hash');
    const report = await runGate({ ...options(repo), base: { ref: base, label: 'main' } });
    expect(mismatches(report)).toEqual(['evidence/AC-01/2026-Q2/intact.csv.evidence.yaml']);
  });
});
