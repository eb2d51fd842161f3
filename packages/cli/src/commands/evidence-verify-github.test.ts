import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ApprovalSubject, EvidenceRecord } from '@evident/core';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { reseal, tamperer } from '../../../github/test/evidence-branch.js';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import type { Clone } from '../../../github/test/git-sandbox.js';
import { changePolicy, mergeIntoMain, scenarioTemplate, TOKEN, type PolicyScenario } from '../../../github/test/pull-request-scenario.js';
import { repositoryFromRemoteUrl } from '../run-evidence-verification.js';
import { capture } from '../test-support/capture-run.js';

const POLICY = 'policies/access-control.md';
const APPROVAL = 'policy-approval/acme/program/pr-7';
const CHECKED_AT = '2026-10-02T09:30:00.123Z';

type Forgery = (genuine: EvidenceRecord<ApprovalSubject>) => EvidenceRecord;

describe('evident evidence verify cross-checks every record with GitHub', () => {
  let s: PolicyScenario;
  let auditor: Clone;
  let headSha: string;
  let env: Record<string, string>;
  let ids: { ada: number; grace: number };

  /** Append well-formed records, sealed as the collector would, in one commit by someone with push access. */
  async function appendForged(forgeries: Forgery[]): Promise<void> {
    const mallory = await tamperer(s.sandbox);
    const files = (await readdir(path.join(mallory.clone.dir, 'records'))).filter((f) => !f.endsWith('.sig.json')).sort();
    const genuine = (await mallory.read(`records/${files.find((f) => f.includes('policy-approval'))!}`)) as EvidenceRecord<ApprovalSubject>;
    let last = await mallory.read(`records/${files.at(-1)!}`);
    for (const forge of forgeries) {
      const sequence = last.sequence + 1;
      last = reseal({ ...forge(structuredClone(genuine)), sequence, previous_hash: last.hash });
      await mallory.write(`records/${String(sequence).padStart(6, '0')}-${last.id.replace(/[^a-z0-9]+/g, '-')}.json`, last);
    }
    await mallory.push('Add evidence records');
  }

  const verify = async (args: string[], environment = env) => {
    const run = await capture(['evidence', 'verify', ...args], { cwd: auditor.dir, env: environment });
    return { ...run, report: args.includes('json') && run.stdout ? JSON.parse(run.stdout) : undefined };
  };

  /** Pull request 7 as GitHub knows it: merged, approved by ada and margaret, changes requested by grace. */
  const programPull = (fake: FakeGitHub, shas: { base: string; head: string; merge: string }) => {
    fake.addPull({ number: 7, title: 'Access control 1.1', author: 'linus-gh', head: { ref: 'change-access', sha: shas.head }, base: { ref: 'main', sha: shas.base }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: shas.merge }, files: [{ filename: POLICY, status: 'modified' }] });
    const reviews = { ada: fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: shas.head }), grace: fake.addReview(7, { login: 'grace-gh', state: 'CHANGES_REQUESTED', commit_id: shas.head }) };
    fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: shas.head });
    return reviews;
  };
  const environment = (fake: FakeGitHub) => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: 'acme/program', EVIDENT_GITHUB_RETRIES: '2', EVIDENT_GITHUB_RETRY_DELAY_MS: '1' });

  /**
   * Made once per file: the policy change merged, `evident evidence collect --pr 7` run in a runner
   * clone against a fake GitHub serving pull request 7 (the same fake each test starts: review ids
   * and times are the same), and an auditor's clone of the result.
   */
  const scenario = scenarioTemplate(async ({ sandbox, dev, baseSha }) => {
    await dev.git.checkout(['-b', 'change-access']);
    const head = await changePolicy(dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    await dev.git.push('origin', 'change-access');
    const shas = { base: baseSha, head, merge: await mergeIntoMain(dev, 'change-access') };
    const fake = await FakeGitHub.start({ token: TOKEN });
    try {
      programPull(fake, shas);
      const runner = await sandbox.clone('runner');
      expect((await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: environment(fake) })).code).toBe(0);
    } finally {
      await fake.stop(); // fails when it served a response that does not match GitHub's schema
    }
    await sandbox.clone('auditor');
    return shas;
  });

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    headSha = started.state.head;
    ids = programPull(s.fake, started.state);
    env = environment(s.fake);
    auditor = s.sandbox.open('auditor');
  });
  afterEach(async () => s.cleanup()); // fails when the fake served a response that does not match GitHub's schema

  it('confirms genuine records: the approval and the exception, with the API, the time and the reads the decision needs', async () => {
    s.fake.requests.length = 0;
    const { code, report, stderr } = await verify(['--format', 'json']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ records: 2, intact: true, problems: [] });
    expect(report.github_cross_check).toEqual({
      ran: true,
      api: s.fake.baseUrl,
      repository: 'acme/program',
      checked_at: CHECKED_AT,
      confirmed: 2,
      not_confirmed: 0,
      not_checked: 0,
      api_calls: s.fake.requests.length,
      records: [
        { record: APPROVAL, kind: 'policy-approval', outcome: 'confirmed', reasons: [] },
        { record: `exception/acme/program/pr-7/changes-requested/review-${ids.grace}`, kind: 'exception', outcome: 'confirmed', reasons: [] },
      ],
    });
    // The pull request as the cross-check reads it, then as the collector's decision reads it (its files, reviews and approvers' permissions).
    expect(s.fake.requests.map((r) => r.url).slice(0, 3)).toEqual(['/repos/acme/program', '/repos/acme/program/pulls/7', '/repos/acme/program/pulls/7']);
    expect(s.fake.requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/repos/acme/program/pulls/7/files?per_page=100', '/repos/acme/program/pulls/7/reviews?per_page=100', '/repos/acme/program/collaborators/ada-gh/permission']));
    expect(s.fake.requests.every((r) => r.method === 'GET' && r.authorized)).toBe(true);
    expect(stderr).toContain(`Cross-checking 2 evidence records with GitHub (${s.fake.baseUrl})`);
    expect(stderr).not.toContain(s.token);

    const text = await verify([]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(1)).toEqual([`ok GitHub cross-check of 2 records with \`acme/program\` at ${s.fake.baseUrl} (${CHECKED_AT}): 2 confirmed, 0 not confirmed, 0 not checked.`, '']);
  });

  it('names every forged record with what GitHub says instead, and exits 1', async () => {
    const forged = (edit: (subject: ApprovalSubject) => void, id = APPROVAL): Forgery => (genuine) => {
      edit(genuine.subject);
      return { ...genuine, id };
    };
    const otherHash = 'f'.repeat(64);
    let realHash = '';
    await appendForged([
      forged((subject) => void (subject.pull_request.number = 99), 'policy-approval/acme/program/pr-99'),
      forged((subject) => void (subject.policies[0]!.approvals[0]!.review_id = 424242)),
      forged((subject) => void (subject.policies[0]!.approvals[0]!.reviewer = 'barbara-gh')),
      forged((subject) => {
        const submitted_at = s.fake.pull(7)!.reviews.find((r) => r.id === ids.grace)!.submitted_at;
        subject.policies[0]!.approvals = [{ ...subject.policies[0]!.approvals[0]!, reviewer: 'grace-gh', person: 'grace', review_id: ids.grace, submitted_at }];
      }),
      forged((subject) => {
        realHash = subject.policies[0]!.sha256;
        subject.policies[0]!.sha256 = otherHash;
      }),
      forged((subject) => void (subject.policies[0]!.required_approvers = [])), // every GitHub fact is true: the repeated id and the decision show
    ]);
    const { code, report } = await verify(['--format', 'json']);
    expect(code).toBe(1);
    expect(report).toMatchObject({ records: 8, intact: true, problems: [] }); // the chain and its history cannot tell
    const cross = report.github_cross_check;
    expect(cross).toMatchObject({ ran: true, confirmed: 2, not_confirmed: 6, not_checked: 0 });
    const head = headSha.slice(0, 12);
    const repeats = (sequence: number) => `Record \`${APPROVAL}\` (sequence ${sequence}) repeats the id of record 1, expected each id once: the collector skips what it has recorded`;
    const says = (review: number, login: string) => `Record \`${APPROVAL}\` says review ${review} by \`${login}\` approved at \`${head}\``;
    const reasons = cross.records.filter((r: { outcome: string }) => r.outcome === 'not-confirmed').map((r: { reasons: string[] }) => r.reasons);
    expect(reasons).toEqual([
      ['Record `policy-approval/acme/program/pr-99` says pull request #99 exists; GitHub has no pull request 99 in `acme/program`'],
      [repeats(4), `${says(424242, 'ada-gh')}; GitHub has no review 424242 on pull request 7`],
      [repeats(5), `${says(ids.ada, 'barbara-gh')}; GitHub says review ${ids.ada} on pull request 7 is by \`ada-gh\``],
      [repeats(6), `${says(ids.grace, 'grace-gh')}; GitHub says review ${ids.grace} on pull request 7 is \`CHANGES_REQUESTED\``],
      [repeats(7), `Record \`${APPROVAL}\` says \`${POLICY}\` at \`${head}\` has SHA-256 \`${otherHash.slice(0, 12)}…\`; the file at that commit has SHA-256 \`${realHash.slice(0, 12)}…\``],
      [repeats(8), `Record \`${APPROVAL}\` says \`subject.policies[0].required_approvers\` is \`[]\`; deciding from GitHub's facts gives \`["security","margaret"]\``],
    ]);

    const text = await verify([]);
    expect(text.code).toBe(1);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ok 8 evidence records on `refs\/remotes\/origin\/evidence`/);
    expect(lines.slice(1, -1)).toEqual(reasons.flat().map((reason: string) => `not confirmed  ${reason}`));
    expect(lines.at(-1)).toBe(`not confirmed GitHub cross-check of 8 records with \`acme/program\` at ${s.fake.baseUrl} (${CHECKED_AT}): 2 confirmed, 6 not confirmed, 0 not checked.`);
  });

  it('without a token says plainly that nothing was confirmed with GitHub; --github then fails, --no-github skips it', async () => {
    const { GITHUB_TOKEN: _token, ...withoutToken } = env;
    s.fake.requests.length = 0;
    const json = await verify(['--format', 'json'], withoutToken);
    expect(json.code).toBe(0);
    expect(json.report.github_cross_check).toEqual({ ran: false, reason: 'no GITHUB_TOKEN' });
    const text = await verify([], withoutToken);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('GitHub cross-check not run: no GITHUB_TOKEN; approvals, acknowledgments and exceptions were not confirmed with GitHub.\n');
    expect(s.fake.requests).toEqual([]);

    const required = await verify(['--github'], withoutToken);
    expect(required).toMatchObject({ code: 2, stdout: '' });
    expect(required.stderr).toContain('Unexpected `--github` without GITHUB_TOKEN, expected a token that can read pull requests and contents of the repository');
    expect((await verify(['--format', 'json', '--no-github'])).report.github_cross_check).toEqual({ ran: false, reason: '--no-github' });
    expect(s.fake.requests).toEqual([]);
  });

  it('reads a policy file from the contents API when the commit is not in git; without the commit the approvals cannot be decided again', async () => {
    const gone = 'e'.repeat(40);
    const text = Buffer.from((await s.dev.git.show([`${s.baseSha}:${POLICY}`])).replace(/^version: .*$/m, 'version: "1.1"') + '\nA version pushed and then rewritten away.\n');
    s.fake.setBranch('rewritten', gone, { [POLICY]: text });
    s.fake.addPull({ number: 8, title: 'Access control 1.2', author: 'linus-gh', head: { ref: 'rewritten', sha: gone }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-05T09:00:00Z', sha: 'd'.repeat(40) }, files: [{ filename: POLICY, status: 'modified' }] });
    const review = s.fake.addReview(8, { login: 'ada-gh', state: 'APPROVED', commit_id: gone });
    const submitted_at = s.fake.pull(8)!.reviews[0]!.submitted_at;
    const { createHash } = await import('node:crypto');
    await appendForged([
      (genuine) => {
        const subject = genuine.subject;
        Object.assign(subject.pull_request, { number: 8, title: 'Access control 1.2', head_sha: gone, merge_commit_sha: 'd'.repeat(40), merged_at: '2026-03-05T09:00:00Z' });
        Object.assign(subject.policies[0]!, { commit: gone, sha256: createHash('sha256').update(text).digest('hex'), approvals: [{ ...subject.policies[0]!.approvals[0]!, review_id: review, commit_id: gone, submitted_at }] });
        return { ...genuine, id: 'policy-approval/acme/program/pr-8' };
      },
    ]);
    const { code, report } = await verify(['--format', 'json']);
    expect(report.github_cross_check.records.at(-1)).toEqual({
      record: 'policy-approval/acme/program/pr-8',
      kind: 'policy-approval',
      outcome: 'not-confirmed',
      reasons: [`Record \`policy-approval/acme/program/pr-8\` cannot be decided again from GitHub's facts: Commit ${gone} is not in the local repository and could not be fetched: check out with \`fetch-depth: 0\` or fetch it`],
    });
    expect(code).toBe(1);
    expect(s.fake.requests.map((r) => r.url)).toContain(`/repos/acme/program/contents/${POLICY.replace('/', '%2F')}?ref=${gone}`);
  });

  it('names a record about another repository, and reads the repository from --repo', async () => {
    await appendForged([(genuine) => ({ ...genuine, id: 'policy-approval/elsewhere/program/pr-7', repository: 'elsewhere/program' })]);
    const { code, report } = await verify(['--format', 'json', '--repo', 'acme/program'], { ...env, GITHUB_REPOSITORY: 'someone/else' });
    expect(code).toBe(1);
    expect(report.github_cross_check.records.at(-1)).toEqual({
      record: 'policy-approval/elsewhere/program/pr-7',
      kind: 'policy-approval',
      outcome: 'not-confirmed',
      reasons: ['Record `policy-approval/elsewhere/program/pr-7` is about repository `elsewhere/program`; the cross-check reads `acme/program`'],
    });
  });

  it('when GitHub keeps failing: the history result, then the failed call, exit 2 and nothing confirmed', async () => {
    s.fake.injectFault({ path: /\/pulls\/7\/reviews$/, times: 100, response: { status: 502, message: 'Bad Gateway' } });
    const { code, report, stderr } = await verify(['--format', 'json']);
    expect(code).toBe(2);
    expect(report).toMatchObject({ intact: true, github_cross_check: { ran: false, reason: 'GitHub API `GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews` failed with HTTP 502: Bad Gateway' } });
    expect(stderr).toContain('error GitHub API `GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews` failed with HTTP 502: Bad Gateway\nThe GitHub cross-check did not complete: no record was confirmed.\n');
    expect(stderr).not.toContain(s.token);
  });
});

describe('repositoryFromRemoteUrl', () => {
  it('reads OWNER/NAME from HTTPS and SSH remotes, and nothing from a path', () => {
    expect(repositoryFromRemoteUrl('https://github.com/acme/program.git')).toBe('acme/program');
    expect(repositoryFromRemoteUrl('https://x-access-token:secret@github.example.com/acme/program')).toBe('acme/program');
    expect(repositoryFromRemoteUrl('git@github.com:acme/program.git')).toBe('acme/program');
    expect(repositoryFromRemoteUrl('ssh://git@github.com/acme/program.git')).toBe('acme/program');
    expect(repositoryFromRemoteUrl('/tmp/evident-git-1/remote.git')).toBeUndefined();
    expect(repositoryFromRemoteUrl('')).toBeUndefined();
  });
});
