import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parsePeriod, sha256Hex, type AccessSnapshotSubject, type Control, type EvidenceRecord, type Period, type RepositoryModel } from '@evident/core';
import { COLLECTOR } from '../../test/evidence-branch.js';
import { FakeOrganization } from '../../test/fake-github/fake-organization.js';
import { commitAll, writeFiles, type Clone } from '../../test/git-sandbox.js';
import { loadModel, startScenario, type PolicyScenario } from '../../test/pull-request-scenario.js';
import { buildUnsealedRecords } from '../build-unsealed-records.js';
import { collectEvidence } from '../collect-evidence.js';
import { crossCheckEvidence } from '../cross-check/cross-check-evidence.js';
import { appendEvidence } from '../evidence-store.js';
import { fetchPullRequestFacts } from '../fetch-pull-request-facts.js';
import { readEvidenceChain } from '../read-evidence-chain.js';
import { accessReviewLocation } from './access-review-branch.js';
import { decideAccessReview } from './decide-access-review.js';
import { recordAccessSnapshot } from './record-access-evidence.js';
import { renderAccessReview } from './render-access-review.js';
import { requestAccessReview } from './request-access-review.js';

const repository = { owner: 'acme', repo: 'program' };
const location = { remote: 'origin', branch: 'evidence' };
const Q2 = parsePeriod('2026-Q2')!;
const Q3 = parsePeriod('2026-Q3')!;
const control = { id: 'AC-08', title: 'Quarterly access review', owner: 'security', frequency: 'quarterly' } as Control;

/**
 * Someone with push access opens `evident/access-review/<period>` holding a review file of their
 * choosing, and the owner of the access review control approves it: the sign-off counts only when
 * the file is the review Evident renders for that period from an access snapshot on the evidence
 * branch. Real git (a bare remote, clones), the fake GitHub (validated against the OpenAPI description).
 */
describe('an access review sign-off counts only for the review Evident renders for its period', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let model: RepositoryModel;
  /** The snapshots of May (Q2: ken still a member) and August (Q3: ken gone, linus an admin). */
  let may: EvidenceRecord<AccessSnapshotSubject>;
  let august: EvidenceRecord<AccessSnapshotSubject>;

  beforeEach(async () => {
    s = await startScenario();
    runner = await s.sandbox.clone('runner');
    const loaded = await loadModel(runner.dir);
    model = { ...loaded, controls: [...loaded.controls, control], config: { ...loaded.config, access: { review_control: control.id } } };
    const org = FakeOrganization.install(s.fake);
    org.members.set('ada-gh', { role: 'admin', twoFactor: true });
    org.members.set('grace-gh', { role: 'member', twoFactor: true });
    org.members.set('linus-gh', { role: 'member', twoFactor: true });
    org.members.set('ken-gh', { role: 'member', twoFactor: true });
    org.collaborators.set('ada-gh', 'admin');
    org.collaborators.set('linus-gh', 'write');
    const snapshotOn = (day: string) => recordAccessSnapshot(s.client, { repositories: [repository], now: () => new Date(`${day}T06:00:00Z`), toolVersion: '0.1.0', git: runner.git, branch: 'evidence', committer: COLLECTOR.committer });
    await snapshotOn('2026-05-04');
    org.members.delete('ken-gh');
    org.members.set('linus-gh', { role: 'admin', twoFactor: true });
    await snapshotOn('2026-08-03');
    const chain = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record as EvidenceRecord<AccessSnapshotSubject>);
    may = chain[0]!;
    august = chain[1]!;
    expect(chain.map((r) => r.id)).toEqual(['access-snapshot/acme/2026-05-04', 'access-snapshot/acme/2026-08-03']);
  });
  afterEach(async () => s.cleanup());

  const render = (period: Period, snapshot: EvidenceRecord<AccessSnapshotSubject>) => renderAccessReview({ period, control, snapshot, people: model.people });

  /** Branch `evident/access-review/<period>` from main holding `files`, pushed; the pull request, and grace (of team `security`) approving its head. */
  async function openReview(n: number, period: Period, files: Record<string, string>): Promise<{ head: string; branch: string }> {
    const { branch } = accessReviewLocation(period);
    await s.dev.git.checkout(['main']);
    await s.dev.git.checkout(['-B', branch]);
    await writeFiles(s.dev.dir, files);
    const head = await commitAll(s.dev, `Access review ${period.label}`);
    await s.dev.git.push('origin', branch, ['--force']);
    s.fake.setBranch(branch, head, files);
    s.fake.addPull({ number: n, title: `Access review ${period.label}`, author: 'evident-bot', head: { ref: branch, sha: head }, base: { ref: 'main', sha: s.baseSha }, files: Object.keys(files).map((filename) => ({ filename, status: 'added' })) });
    s.fake.addReview(n, { login: 'grace-gh', state: 'APPROVED', commit_id: head, submitted_at: '2026-10-02T09:00:00Z' });
    return { head, branch };
  }
  const collect = (n: number) => collectEvidence(s.client, { repository, pullNumber: n, model, git: runner.git, committer: COLLECTOR.committer, now: () => new Date('2026-10-02T10:00:00Z'), toolVersion: '0.1.0' });
  const crossCheck = async () => {
    const records = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record);
    return crossCheckEvidence(s.client, records, { repository, git: runner.git, remote: 'origin', api: s.fake.baseUrl, now: () => new Date('2026-10-03T00:00:00Z') });
  };

  it('counts the review Evident rendered for the period, edited where the reviewer may, and the cross-check confirms it', async () => {
    const { path } = accessReviewLocation(Q3);
    const text = render(Q3, august).replace('## Accounts', 'Checked with HR on 2 October: nobody to remove.\n\n## Accounts');
    const { head } = await openReview(31, Q3, { [path]: text });

    const result = await collect(31);
    expect(result.kind).toBe('access-review-approval');
    expect(result.records.map((r) => [r.kind, r.id])).toEqual([['access-review-approval', `access-review-approval/acme/program/pr-31/${head.slice(0, 12)}`]]);
    expect(result.records[0]!.subject).toMatchObject({ period: { label: '2026-Q3' }, file: { path, commit: head, sha256: sha256Hex(Buffer.from(text)) }, approvals: [{ reviewer: 'grace-gh', person: 'grace' }] });

    const check = await crossCheck();
    expect(check.records.filter((r) => r.kind === 'access-review-approval')).toEqual([{ record: result.records[0]!.id, kind: 'access-review-approval', outcome: 'confirmed', reasons: [] }]);
  });

  it('gives review-file-mismatch and no sign-off for a past period whose branch holds a review copied from another period', async () => {
    // Q2 lacked its review: Q3's, copied onto the Q2 branch at the Q2 path.
    const { head } = await openReview(32, Q2, { [accessReviewLocation(Q2).path]: render(Q3, august) });
    const result = await collect(32);
    expect(result.records.map((r) => r.kind)).toEqual(['exception']);
    expect(result.records[0]).toMatchObject({
      id: `exception/acme/program/pr-32/review-file-mismatch/${head.slice(0, 12)}`,
      subject: {
        reason: 'review-file-mismatch',
        control: 'AC-08',
        detail: `The review file \`access-reviews/2026-Q2.md\` at the final head ${head} is not the access review Evident renders for 2026-Q2: its title names period \`2026-Q3\`, not \`2026-Q2\`; it states the period **2026-Q3** (2026-07-01 to 2026-09-30), not **2026-Q2** (2026-04-01 to 2026-06-30)`,
      },
    });
    // Retitled as Q3's, Q2's review still names the snapshot of May, taken before Q3.
    const retitled = render(Q2, may).replaceAll('2026-Q2', '2026-Q3').replace('2026-04-01 to 2026-06-30', '2026-07-01 to 2026-09-30');
    await openReview(33, Q3, { [accessReviewLocation(Q3).path]: retitled });
    const again = await collect(33);
    expect(again.records.map((r) => r.subject)).toEqual([expect.objectContaining({ reason: 'review-file-mismatch', detail: expect.stringContaining('it names the access snapshot of 2026-05-04 (`access-snapshot/acme/2026-05-04`), taken before 2026-Q3 starts on 2026-07-01') })]);
    const chain = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record.kind);
    expect(chain).toEqual(['access-snapshot', 'access-snapshot', 'exception', 'exception']);
  });

  it('warns, when asked for the review of a period, that a snapshot taken before it cannot be signed off as its review', async () => {
    const lines: string[] = [];
    s.fake.setBranch('main', s.baseSha, {});
    const asked = await requestAccessReview(s.client, { repository, model, snapshot: may, period: Q3, today: '2026-10-02', onProgress: (line) => lines.push(line) });
    expect(lines).toContain('The access snapshot `access-snapshot/acme/2026-05-04` was taken on 2026-05-04, before 2026-Q3 starts on 2026-07-01: an approval of this review is recorded as a `review-file-mismatch` exception, not as the sign-off of 2026-Q3. Record an access snapshot first (evident access collect), then ask again.');
    expect(asked.pull.created).toBe(true);
    const fresh: string[] = [];
    await requestAccessReview(s.client, { repository, model, snapshot: august, period: Q3, today: '2026-10-02', onProgress: (line) => fresh.push(line) });
    expect(fresh.filter((l) => l.includes('review-file-mismatch'))).toEqual([]);
  });

  it('gives review-file-mismatch and no sign-off for the rendered review with a member left out of its list', async () => {
    const genuine = render(Q3, august);
    const edited = genuine.replace(/^\| @linus-gh .*\n/m, '');
    expect(edited).not.toBe(genuine);
    await openReview(34, Q3, { [accessReviewLocation(Q3).path]: edited });
    const result = await collect(34);
    expect(result.records.map((r) => [r.kind, (r.subject as { reason?: string }).reason])).toEqual([['exception', 'review-file-mismatch']]);
    expect((result.records[0]!.subject as { detail: string }).detail).toMatch(/: it leaves out @linus-gh, who holds access in the snapshot$/);
  });

  it('records no sign-off for the rendered review at another path than its period names', async () => {
    // The collector reads the file the branch's period names, so a review elsewhere is not there.
    const { head } = await openReview(35, Q3, { 'access-reviews/2026-Q3-final.md': render(Q3, august) });
    const result = await collect(35);
    expect(result.records.map((r) => [r.kind, (r.subject as { reason?: string }).reason, (r.subject as { detail?: string }).detail])).toEqual([
      ['exception', 'invalid-review-file', `The review file \`access-reviews/2026-Q3.md\` at the final head ${head}: the file does not exist there`],
    ]);
  });

  it('does not confirm sign-offs someone with push access appended for a copied, a cut or a misplaced review file', async () => {
    const genuine = render(Q3, august);
    const reviews = [
      { n: 36, period: Q2, path: accessReviewLocation(Q2).path, text: genuine, why: 'its title names period `2026-Q3`, not `2026-Q2`; it states the period **2026-Q3** (2026-07-01 to 2026-09-30), not **2026-Q2** (2026-04-01 to 2026-06-30)' },
      { n: 37, period: Q3, path: accessReviewLocation(Q3).path, text: genuine.replace(/^\| @linus-gh .*\n/m, ''), why: 'it leaves out @linus-gh, who holds access in the snapshot' },
    ];
    const forged: { id: string; head: string }[] = [];
    const mallory = await s.sandbox.clone('mallory');
    for (const { n, period, path, text } of reviews) {
      const { head } = await openReview(n, period, { [path]: text });
      // A collector that hashes the file pushed but checks, in its place, the review Evident would render for the period.
      const facts = await fetchPullRequestFacts(s.client, { repository, pullNumber: n, now: () => new Date('2026-10-02T10:00:00Z'), needsPermissions: () => false });
      const decision = decideAccessReview(facts, { path, sha256: sha256Hex(Buffer.from(text)), text: render(period, august) }, model, control, [may, august]);
      expect(decision.exceptions).toEqual([]);
      const appended = await appendEvidence(mallory.git, buildUnsealedRecords('access-review-approval', [decision.approval!], { facts, recordedAt: '2026-10-02T10:01:00Z', toolVersion: '0.1.0' }), COLLECTOR);
      forged.push(...appended.appended.map((a) => ({ id: a.record.id, head })));
    }
    // And one that names, for the genuine review, a file at another path of the same commit.
    const { head } = await openReview(38, Q3, { [accessReviewLocation(Q3).path]: genuine, 'access-reviews/2026-Q3-final.md': genuine });
    const facts = await fetchPullRequestFacts(s.client, { repository, pullNumber: 38, now: () => new Date('2026-10-02T10:00:00Z'), needsPermissions: () => false });
    const decision = decideAccessReview(facts, { path: accessReviewLocation(Q3).path, sha256: sha256Hex(Buffer.from(genuine)), text: genuine }, model, control, [may, august]);
    const misplaced = { ...decision.approval!, subject: { ...decision.approval!.subject, file: { ...decision.approval!.subject.file, path: 'access-reviews/2026-Q3-final.md' } } };
    await appendEvidence(mallory.git, buildUnsealedRecords('access-review-approval', [misplaced], { facts, recordedAt: '2026-10-02T10:02:00Z', toolVersion: '0.1.0' }), COLLECTOR);

    const check = await crossCheck();
    const outcome = (id: string) => check.records.find((r) => r.record === id);
    expect(forged).toHaveLength(2);
    for (const [i, { period, path, why }] of reviews.entries()) {
      const { id, head: commit } = forged[i]!;
      expect(outcome(id)).toEqual({
        record: id,
        kind: 'access-review-approval',
        outcome: 'not-confirmed',
        reasons: [`Record \`${id}\` says \`${path}\` at \`${commit.slice(0, 12)}\` is the access review of ${period.label}; it is not the review Evident renders for ${period.label}: ${why}`],
      });
    }
    const misplacedId = `access-review-approval/acme/program/pr-38/${head.slice(0, 12)}`;
    expect(outcome(misplacedId)).toEqual({
      record: misplacedId,
      kind: 'access-review-approval',
      outcome: 'not-confirmed',
      reasons: [`Record \`${misplacedId}\` says the review file of pull request #38 is \`access-reviews/2026-Q3-final.md\`; its branch \`evident/access-review/2026-Q3\` writes \`access-reviews/2026-Q3.md\``],
    });
  });
});
