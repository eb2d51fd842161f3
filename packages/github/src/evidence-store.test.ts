import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { UnsealedRecord } from '@evident/core';
import { rmSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { commitAll, sandboxTemplate, seedProgram, type Clone, type GitSandbox } from '../test/git-sandbox.js';
import { createEvidenceRecordValidator } from './create-evidence-record-validator.js';
import { appendEvidence, EvidenceChainError, EvidencePushError, type AppendOptions } from './evidence-store.js';
import { readEvidenceChain } from './read-evidence-chain.js';
import { verifyEvidenceBranch } from './verify-evidence-branch.js';

/** The record schema compiled once for the file, as callers pass it down (the default compiles it on every call). */
const options: AppendOptions = { remote: 'origin', branch: 'evidence', committer: { name: 'Evidence Bot', email: 'bot@example.com' }, validate: createEvidenceRecordValidator() };

const record = (n: number, detail = `record ${n}`): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/acme/program/test/${n}`,
  kind: 'exception',
  repository: 'acme/program',
  recorded_at: '2026-03-01T00:00:00Z',
  subject: { reason: 'test', detail },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-01T00:00:00Z', api_calls: [] },
});

describe('the evidence store on a real git remote', () => {
  let sandbox: GitSandbox;
  let a: Clone;

  /** The program pushed to main from clone `a`, made once per file. */
  const program = async (made: GitSandbox) => {
    await seedProgram(await made.clone('a'));
  };
  const seeded = sandboxTemplate(program);

  beforeEach(async () => {
    ({ sandbox } = await seeded());
    a = sandbox.open('a');
  });
  afterEach(async () => sandbox.cleanup());

  it('starts the branch, chains records and leaves the checkout and main untouched', async () => {
    const mainBefore = (await a.git.revparse(['HEAD'])).trim();
    const first = await appendEvidence(a.git, [record(1), record(2)], options);
    const second = await appendEvidence(a.git, [record(3)], options);
    expect(first.appended.map((x) => [x.file, x.record.sequence])).toEqual([
      ['records/000001-exception-acme-program-test-1.json', 1],
      ['records/000002-exception-acme-program-test-2.json', 2],
    ]);
    expect(second.appended[0]!.record).toMatchObject({ sequence: 3, previous_hash: first.appended[1]!.record.hash });
    expect((await a.git.revparse(['HEAD'])).trim()).toBe(mainBefore);
    expect((await a.git.status()).isClean()).toBe(true);
    expect(await a.git.raw(['worktree', 'list'])).not.toContain('evident-evidence-');
    const bare = simpleGit(sandbox.remote);
    expect((await bare.raw(['ls-tree', '--name-only', 'refs/heads/evidence'])).trim().split('\n')).toEqual(['README.md', 'records']);
    expect((await bare.raw(['log', '--format=%an <%ae>', 'refs/heads/evidence'])).trim().split('\n')).toEqual(['Evidence Bot <bot@example.com>', 'Evidence Bot <bot@example.com>']);
    expect(await verifyEvidenceBranch(a.git, options)).toMatchObject({ records: 3, problems: [] });
  });

  it('adds nothing when the same records are collected twice', async () => {
    const first = await appendEvidence(a.git, [record(1), record(2)], options);
    const tip = (await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim();
    const later = { ...record(2), recorded_at: '2026-03-02T08:00:00Z', provenance: { ...record(2).provenance, tool_version: '0.2.0', fetched_at: '2026-03-02T08:00:00Z' } };
    const again = await appendEvidence(a.git, [later, record(1)], options);
    expect(again).toEqual({ appended: [], skipped: [record(2).id, record(1).id], conflicts: [], attempts: 1 });
    expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(tip);
    expect(first.commit).toBe(tip);
  });

  it('does not skip an id whose record on the branch says something else: it appends a conflicting-record exception naming it', async () => {
    await appendEvidence(a.git, [record(1), record(2)], options);
    const again = await appendEvidence(a.git, [record(2, 'what GitHub says now'), record(3)], options);
    expect(again.skipped).toEqual([]);
    expect(again.conflicts).toEqual([{ id: record(2).id, sequence: 2, file: 'records/000002-exception-acme-program-test-2.json', differences: ['subject.detail'] }]);
    expect(again.appended.map((x) => [x.record.sequence, x.record.id])).toEqual([
      [3, record(3).id],
      [4, expect.stringMatching(/^exception\/acme\/program\/conflicting-record\/[0-9a-f]{12}$/)],
    ]);
    expect(again.appended[1]!.record.subject).toEqual({
      reason: 'conflicting-record',
      detail: 'Record `exception/acme/program/test/2` (sequence 2, `records/000002-exception-acme-program-test-2.json`) is already on the evidence branch but differs from the exception record decided from GitHub now in `subject.detail`: it was not written from these facts (or they changed since), so it is not evidence of them',
    });
    // The same conflict again: reported, nothing more appended.
    const third = await appendEvidence(a.git, [record(2, 'what GitHub says now')], options);
    expect(third).toMatchObject({ appended: [], skipped: [again.appended[1]!.record.id], conflicts: [{ id: record(2).id, sequence: 2 }] });
    expect(await verifyEvidenceBranch(a.git, options)).toMatchObject({ records: 4, problems: [] });
  });

  it('skips an id of a kind that holds the state of one day whatever the record there says', async () => {
    const rules = (count: number): UnsealedRecord => ({ ...record(1), id: 'branch-rules/acme/program/main/2026-03-01', kind: 'branch-rules', subject: { branch: 'main', rules: Array.from({ length: count }, () => ({ type: 'deletion' })), summary: { pull_request_required: false, required_approving_review_count: 0, dismiss_stale_reviews_on_push: false, require_code_owner_review: false, require_last_push_approval: false, required_status_checks: [], blocks_force_pushes: false, blocks_deletion: count > 0 } } });
    await appendEvidence(a.git, [rules(1)], options);
    expect(await appendEvidence(a.git, [rules(0)], options)).toMatchObject({ appended: [], skipped: ['branch-rules/acme/program/main/2026-03-01'], conflicts: [] });
  });

  it('loses nothing when two clones append at the same time', async () => {
    const b = await sandbox.clone('b');
    const fromA = [record(1), record(2), record(3)];
    const fromB = [record(11), record(12), record(13)];
    const results = await Promise.all([
      (async () => Promise.all(fromA.map(async (r) => appendEvidence(a.git, [r], options))))(),
      (async () => Promise.all(fromB.map(async (r) => appendEvidence(b.git, [r], options))))(),
    ]);
    expect(results.flat().flatMap((r) => r.appended)).toHaveLength(6);
    const chain = await readEvidenceChain(a.git, options);
    expect(chain.stored.map((s) => s.record.id).sort()).toEqual([...fromA, ...fromB].map((r) => r.id).sort());
    expect(chain.stored.map((s) => s.record.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyEvidenceBranch(b.git, options)).toMatchObject({ records: 6, problems: [] });
  });

  it('appends through an origin given as a path relative to the checkout, as git resolves it there', async () => {
    expect(path.basename(sandbox.remote)).toBe('remote.git');
    await a.git.raw(['remote', 'set-url', 'origin', '../remote.git']);
    const first = await appendEvidence(a.git, [record(1)], options);
    const second = await appendEvidence(a.git, [record(2)], options);
    expect([first.attempts, second.attempts]).toEqual([1, 1]);
    expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(second.commit);
    const chain = await readEvidenceChain(a.git, options);
    expect(chain.stored.map((s) => [s.record.id, s.record.sequence])).toEqual([
      [record(1).id, 1],
      [record(2).id, 2],
    ]);
  });

  it('tries again when the remote branch is locked by another writer pushing at the same time', async () => {
    await appendEvidence(a.git, [record(1)], options);
    // The first push finds refs/heads/evidence locked on the remote, as while another push updates it.
    const lock = path.join(sandbox.remote, 'refs', 'heads', 'evidence.lock');
    await writeFile(path.join(sandbox.remote, 'lock-once'), '');
    const hook = path.join(sandbox.remote, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh\nif [ -f "$GIT_DIR/lock-once" ]; then\n  rm "$GIT_DIR/lock-once"\n  : > "${lock}"\nelse\n  rm -f "${lock}"\nfi\nexit 0\n`);
    await chmod(hook, 0o755);
    const progress: string[] = [];
    const result = await appendEvidence(a.git, [record(2)], { ...options, onProgress: (m) => progress.push(m) });
    expect(result.attempts).toBe(2);
    expect(progress).toEqual([expect.stringContaining('moved while writing')]);
    expect((await readEvidenceChain(a.git, options)).stored.map((s) => s.record.sequence)).toEqual([1, 2]);
  });

  it('tries again when another git process holds the remote-tracking ref while the branch is fetched', async () => {
    const b = await sandbox.clone('b');
    await appendEvidence(b.git, [record(1)], options);
    // A `git fetch` running in the checkout holds refs/remotes/origin/evidence; it is done by the next attempt.
    const lock = path.join(a.dir, '.git', 'refs', 'remotes', 'origin', 'evidence.lock');
    await mkdir(path.dirname(lock), { recursive: true });
    await writeFile(lock, '');
    const progress: string[] = [];
    const result = await appendEvidence(a.git, [record(2)], { ...options, onProgress: (m) => progress.push(m) && rmSync(lock, { force: true }) });
    expect(result.attempts).toBe(2);
    expect(progress).toEqual([expect.stringContaining('locked or moved by another git process')]);
    expect((await readEvidenceChain(a.git, options)).stored.map((s) => [s.record.id, s.record.sequence])).toEqual([
      [record(1).id, 1],
      [record(2).id, 2],
    ]);
  });

  it('reports the records pushed when another git process holds the remote-tracking ref after the push', async () => {
    const lock = path.join(a.dir, '.git', 'refs', 'remotes', 'origin', 'evidence.lock');
    await mkdir(path.dirname(lock), { recursive: true });
    await writeFile(lock, '');
    const result = await appendEvidence(a.git, [record(1)], options);
    expect(result.appended.map((x) => x.record.id)).toEqual([record(1).id]);
    expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(result.commit);
    await rm(lock);
    expect(await appendEvidence(a.git, [record(1), record(2)], options)).toMatchObject({ skipped: [record(1).id], appended: [{ record: { sequence: 2 } }] });
  });

  it('re-seals its records on top of a writer that pushed first, without rewriting theirs', async () => {
    const b = await sandbox.clone('b');
    await appendEvidence(a.git, [record(1)], options);
    const bare = simpleGit(sandbox.remote);
    const t1 = (await bare.revparse(['refs/heads/evidence'])).trim();
    await appendEvidence(b.git, [record(2)], options);
    const t2 = (await bare.revparse(['refs/heads/evidence'])).trim();
    // Put the branch back and let a pre-receive hook move it to B's commit in the middle of A's push.
    await bare.raw(['update-ref', 'refs/heads/evidence', t1]);
    await writeFile(path.join(sandbox.remote, 'race-once'), '');
    const hook = path.join(sandbox.remote, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh\nif [ -f "$GIT_DIR/race-once" ]; then\n  rm "$GIT_DIR/race-once"\n  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/evidence ${t2}\nfi\nexit 0\n`);
    await chmod(hook, 0o755);
    const progress: string[] = [];
    const result = await appendEvidence(a.git, [record(3)], { ...options, onProgress: (m) => progress.push(m) });
    expect(result.attempts).toBe(2);
    expect(progress).toEqual([expect.stringContaining('moved while writing')]);
    const chain = await readEvidenceChain(a.git, options);
    expect(chain.stored.map((s) => [s.record.id, s.record.sequence])).toEqual([
      [record(1).id, 1],
      [record(2).id, 2],
      [record(3).id, 3],
    ]);
    expect(chain.stored[2]!.record.previous_hash).toBe(chain.stored[1]!.record.hash);
    expect((await bare.raw(['rev-list', 'refs/heads/evidence'])).trim().split('\n')).toContain(t2);
  });

  it('stops with a named error when the remote refuses the push for another reason', async () => {
    const hook = path.join(sandbox.remote, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "protected by ruleset" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    await expect(appendEvidence(a.git, [record(1)], options)).rejects.toBeInstanceOf(EvidencePushError);
    expect((await simpleGit(sandbox.remote).raw(['branch', '--list', 'evidence'])).trim()).toBe('');
  });

  describe('verification names each tampered record', () => {
    let c: Clone;
    /** Records 1 to 4 appended from `a`, and clone `c` on the evidence branch, made once per file. */
    const fourRecords = sandboxTemplate(async (made) => {
      await program(made);
      await appendEvidence(made.open('a').git, [record(1), record(2), record(3), record(4)], options);
      await (await made.clone('c')).git.raw(['checkout', '--quiet', 'evidence']);
    });
    beforeEach(async () => {
      await sandbox.cleanup(); // the program-only copy, replaced by this starting state
      ({ sandbox } = await fourRecords());
      a = sandbox.open('a');
      c = sandbox.open('c');
    });

    const tamper = async (change: () => Promise<void>) => {
      await change();
      await commitAll(c, 'Tamper');
      await c.git.push('origin', 'evidence');
      return (await verifyEvidenceBranch(a.git, options)).problems;
    };

    it('a modified record', async () => {
      const file = path.join(c.dir, 'records/000002-exception-acme-program-test-2.json');
      const problems = await tamper(async () => {
        const text = (await import('node:fs/promises')).readFile(file, 'utf8');
        await writeFile(file, (await text).replace('record 2', 'record two'));
      });
      expect(problems).toEqual([expect.objectContaining({ file: 'records/000002-exception-acme-program-test-2.json', problem: 'modified' })]);
    });

    it('a deleted record, named by the commit that deleted it', async () => {
      const problems = await tamper(() => rm(path.join(c.dir, 'records/000003-exception-acme-program-test-3.json')));
      const commit = (await c.git.revparse(['HEAD'])).trim();
      expect(problems).toEqual([expect.objectContaining({ file: 'records/000003-exception-acme-program-test-3.json', problem: 'deleted', commit, record: record(3).id })]);
    });

    it('reordered records, as two renames', async () => {
      const dir = path.join(c.dir, 'records');
      const problems = await tamper(async () => {
        await rename(path.join(dir, '000002-exception-acme-program-test-2.json'), path.join(dir, '000003-x.json'));
        await rename(path.join(dir, '000003-exception-acme-program-test-3.json'), path.join(dir, '000002-x.json'));
      });
      expect(problems.map((p) => [p.problem, p.file, p.record])).toEqual([
        ['renamed', 'records/000002-exception-acme-program-test-2.json', record(2).id],
        ['renamed', 'records/000003-exception-acme-program-test-3.json', record(3).id],
      ]);
    });

    it('an inserted record and a file that is not a record', async () => {
      const problems = await tamper(async () => {
        const original = JSON.parse(await (await import('node:fs/promises')).readFile(path.join(c.dir, 'records/000002-exception-acme-program-test-2.json'), 'utf8'));
        await writeFile(path.join(c.dir, 'records/000002-forged.json'), JSON.stringify({ ...original, id: 'forged' }));
        await writeFile(path.join(c.dir, 'records/000005-junk.json'), 'not json');
      });
      expect(problems.map((p) => [p.problem, p.file])).toEqual([
        ['modified', 'records/000002-forged.json'],
        ['inserted', 'records/000002-forged.json'],
        ['invalid', 'records/000005-junk.json'],
      ]);
    });

    it('refuses to append to a chain that fails verification: nothing is written', async () => {
      await tamper(() => rm(path.join(c.dir, 'records/000004-exception-acme-program-test-4.json')));
      const tip = (await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim();
      const refused = appendEvidence(a.git, [record(5)], options);
      await expect(refused).rejects.toBeInstanceOf(EvidenceChainError);
      await expect(refused).rejects.toMatchObject({ problems: [expect.objectContaining({ problem: 'deleted', file: 'records/000004-exception-acme-program-test-4.json' })] });
      expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(tip);
    });

    it('refuses to append to a branch force-pushed behind the tip it knows', async () => {
      const known = (await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim();
      await rm(path.join(c.dir, 'records'), { recursive: true });
      await c.git.raw(['commit', '--quiet', '--amend', '-a', '-m', 'Start again']);
      await c.git.raw(['push', '--quiet', '--force', 'origin', 'evidence']);
      const rewritten = (await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim();
      await expect(appendEvidence(a.git, [record(5)], options)).rejects.toMatchObject({ name: 'EvidenceChainError', problems: [{ problem: 'rewritten', file: '', commit: rewritten, message: expect.stringContaining(`does not contain ${known}`) }] });
      expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(rewritten);
      expect((await a.git.revparse(['refs/remotes/origin/evidence'])).trim()).toBe(known);
    });
  });
});
