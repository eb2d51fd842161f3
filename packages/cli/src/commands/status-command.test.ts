import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { capture, copyOfFixture, expectNoStackTrace, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);
// Copies outside any git repository: the fixtures' own commits in Evident's history are no policy history of theirs.
const notOk = () => copyOfFixture('type2-readiness', 'not-ok');

describe('evident status', () => {
  it('reports the one missing occurrence and exits 1', async () => {
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: await notOk() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Readiness 87% (7 of 8)\nReadiness = met occurrences ÷');
    expect(run.stdout).toContain('2026-07 met · 2026-08 met · 2026-09 missing · 2026-10 met · 2026-11 met · 2026-12 met');
    expect(run.stdout).toContain('  missing-evidence:LOG-01:2026-09 owner security\n');
    expect(run.stdout.endsWith('7 met, 1 missing, 0 due, 0 not yet due; 1 exception\n')).toBe(true);
  });

  it('exits 0 when nothing is missing', async () => {
    const run = await capture(['status', '--now', '2027-01-20', '--root', await copyOfFixture('type2-readiness', 'ok')], { cwd: await notOk() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Readiness 100% (8 of 8)');
  });

  it('prints JSON and Markdown from the same report', async () => {
    const json = await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: await notOk() });
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ version: 2, today: '2027-01-20', readiness: { percent: 87, met: 7, total: 8 }, counts: { met: 7, missing: 1, due: 0, 'not-yet-due': 0 } });
    expect(report.exceptions.map((e: { id: string }) => e.id)).toEqual(['missing-evidence:LOG-01:2026-09']);
    const markdown = await capture(['status', '--now', '2027-01-20', '-f', 'markdown'], { cwd: await notOk() });
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('| missing-evidence:LOG-01:2026-09 | security |');
  });

  it('says nothing is due yet, with no figure, before anything is due, and exits 0', async () => {
    const text = await capture(['status', '--now', '2026-06-15', '--period', '2027-01..2027-06'], { cwd: await notOk() });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('\n\nReadiness: nothing due yet\nNothing is due yet: no occurrence is past its due date, none is met and no exception is listed.\n');
    expect(text.stdout).not.toMatch(/Readiness \d+%/);
    const json = JSON.parse((await capture(['status', '--now', '2026-06-15', '--period', '2027-01..2027-06', '--format', 'json'], { cwd: await notOk() })).stdout);
    expect(json.readiness).toMatchObject({ percent: null, reason: expect.stringContaining('Nothing is due yet'), met: 0, total: 0 });
    const markdown = await capture(['status', '--now', '2026-06-15', '--period', '2027-01..2027-06', '--format', 'markdown'], { cwd: await notOk() });
    expect(markdown.stdout).toContain('**Readiness: nothing due yet** on 2026-06-15.');
  });

  it('exits 0 for an occurrence missing with a management response, and still counts it in the figure', async () => {
    const root = await copyOfFixture('type2-readiness', 'not-ok');
    await mkdir(path.join(root, 'exceptions'), { recursive: true });
    await writeFile(path.join(root, 'exceptions/missing-evidence_LOG-01_2026-09.yaml'), 'owner: ada-lovelace\nresponse: The September review was performed but its record was lost.\n');
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Readiness 87% (7 of 8)');
  });

  it('lists a response whose id names no exception, at its file and line, in text, JSON and Markdown, once and not on stderr', async () => {
    const root = await copyOfFixture('type2-readiness', 'not-ok');
    await mkdir(path.join(root, 'exceptions'), { recursive: true });
    await writeFile(path.join(root, 'exceptions/log-review.yaml'), 'owner: ada-lovelace\nid: missing-evidence:LOG-01:2026-9\nresponse: The September review was performed but its record was lost.\n');
    const message = 'Unexpected management response for `missing-evidence:LOG-01:2026-9`, expected the id of an exception `evident status` lists: the exception it was meant for has no response (or, closed since, this one can be removed)';
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No management response (exceptions/missing-evidence_LOG-01_2026-09.yaml)');
    expect(run.stdout).toContain(`\nManagement responses that answer no exception (1)\n  exceptions/log-review.yaml:2:5 ${message}\n`);
    const json = await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(report.exceptions).toHaveLength(1);
    expect(report.stray_responses).toEqual([{ file: 'exceptions/log-review.yaml', line: 2, column: 5, message }]);
    const markdown = await capture(['status', '--now', '2027-01-20', '--format', 'markdown'], { cwd: root });
    expect(markdown.stdout).toContain('### Management responses that answer no exception (1)');
    expect(markdown.stdout).toContain('| exceptions/log-review.yaml | 2 | Unexpected management response for \\`missing-evidence:LOG-01:2026-9\\`');
  });

  it('lists no stray response in JSON when every response answers an exception', async () => {
    const root = await copyOfFixture('type2-readiness', 'not-ok');
    await mkdir(path.join(root, 'exceptions'), { recursive: true });
    await writeFile(path.join(root, 'exceptions/missing-evidence_LOG-01_2026-09.yaml'), 'owner: ada-lovelace\nresponse: The September review was performed but its record was lost.\n');
    const json = await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).stray_responses).toEqual([]);
  });

  it.each([
    ['planned', 1, 'Readiness 0% (0 of 3)'],
    ['implemented', 0, 'Readiness 100% (3 of 3)'],
  ])('exits by design readiness for a Type I audit: controls %s give exit %d', async (state, code, figure) => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    const config = await readFile(path.join(root, 'evident.yaml'), 'utf8');
    await writeFile(path.join(root, 'evident.yaml'), config.replace(/audit:[\s\S]*?end: 2026-12-31\n/, 'audit:\n  type: type1\n  as_of: 2026-09-30\n'));
    for (const id of ['AC-01', 'LOG-01']) {
      const file = path.join(root, `controls/${id}.md`);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: \w+$/m, `status: ${state}`));
    }
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.stdout).toContain(`${figure}\n`);
    expect(run.code).toBe(code);
  });

  it('calls --period on a Type I program a Type II preview, in text, Markdown and JSON alike', async () => {
    const root = await copyOfFixture('type2-readiness', 'not-ok');
    const config = await readFile(path.join(root, 'evident.yaml'), 'utf8');
    await writeFile(path.join(root, 'evident.yaml'), config.replace(/audit:[\s\S]*?end: 2026-12-31\n/, 'audit:\n  type: type1\n  as_of: 2026-09-30\n'));
    const args = ['status', '--now', '2027-01-20', '--period', '2026-07..2026-12'];
    const text = await capture(args, { cwd: root });
    expect(text.stdout.split('\n')[0]).toBe('Type II readiness (preview; evident.yaml says Type I), 2026-07-01 to 2026-12-31, on 2027-01-20');
    expect(text.stdout).toContain('Readiness 87% (7 of 8)');
    expect(text.stdout).not.toContain('Type I readiness');
    const markdown = await capture([...args, '--format', 'markdown'], { cwd: root });
    expect(markdown.stdout.split('\n')[0]).toBe('## Type II readiness (preview; evident.yaml says Type I), 2026-07-01 to 2026-12-31');
    const json = await capture([...args, '--format', 'json'], { cwd: root });
    expect(JSON.parse(json.stdout).audit).toEqual({ type: 'type2', configured_type: 'type1', start: '2026-07-01', end: '2026-12-31' });
    expect([text.code, markdown.code, json.code]).toEqual([1, 1, 1]);
    // Without --period the same program is assessed as the Type I audit it is.
    expect((await capture(['status', '--now', '2027-01-20'], { cwd: root })).stdout.split('\n')[0]).toBe('Type I readiness, as of 2026-09-30, on 2027-01-20');
  });

  it('assesses another period when asked', async () => {
    const run = await capture(['status', '--now', '2027-01-20', '--period', '2026-10..2026-12', '--format', 'json'], { cwd: await notOk() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).audit).toEqual({ type: 'type2', start: '2026-10-01', end: '2026-12-31' });
  });

  it('warns on stderr when evidence does not count', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    await writeFile(path.join(root, 'evidence/LOG-01/2026-09/log-review.txt'), 'changed');
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('warning 1 evidence file has problems and does not count: run `evident check`\n');
  });

  it('prints a JSON document of the findings when evident.yaml does not parse, with --format json, and exits 2', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    await writeFile(path.join(root, 'evident.yaml'), 'organization:\n  name: [Example Co\naudit:\n  type: type2\n');
    const json = await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.version).toBe(1);
    expect(parsed.summary.errors).toBeGreaterThan(0);
    expect(parsed.diagnostics).toEqual(parsed.diagnostics.map(() => expect.objectContaining({ ruleId: 'config', severity: 'error', file: 'evident.yaml', message: expect.stringMatching(/^Unexpected YAML syntax/) })));
    expect(json.stderr).toMatch(/^evident\.yaml\n {2}evident\.yaml:\d+:\d+ error Unexpected YAML syntax/);
    const text = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(json.stderr);
  });

  it('prints a JSON document saying evident.yaml is missing, with --format json', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    await rm(path.join(root, 'evident.yaml'));
    const json = await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^error No evident\.yaml in /);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, summary: { errors: 1, warnings: 0, infos: 0 }, diagnostics: [{ ruleId: 'config', file: 'evident.yaml', line: null }] });
  });

  it.each([
    [['--period', '2026-Q5'], 'Unexpected --period `2026-Q5`'],
    [['--format', 'csv'], 'Unexpected format `csv`'],
    [['--now', 'tomorrow'], 'Unexpected --now `tomorrow`'],
  ])('exits 2 on bad usage %j', async (args, message) => {
    const run = await capture(['status', ...args], { cwd: await notOk() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 for a Type II audit without a period', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    await writeFile(path.join(root, 'evident.yaml'), 'organization:\n  name: Example Co\n  security_officer: ada-lovelace\nframeworks:\n  - id: soc2\n    categories: [security]\naudit:\n  type: type2\nteams:\n  - id: security\n    name: Security\n    members: [ada-lovelace]\n');
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('evident.yaml:7:1 error Missing `audit.period` for a Type II audit (`audit.type: type2`)');
  });

  it('reads approvals and acknowledgments from a checkout of the evidence branch, and says when the branch cannot be read', async () => {
    const records = await copyOfFixture('type2-readiness', 'ok');
    await mkdir(path.join(records, 'records'));
    const run = await capture(['status', '--now', '2027-01-20', '--records', records, '--format', 'json'], { cwd: await notOk() });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).exceptions.map((e: { id: string }) => e.id)).toEqual([
      'missing-acknowledgment:access-control:ada-lovelace',
      'missing-acknowledgment:access-control:grace-hopper',
      'missing-approval:access-control',
      'missing-evidence:LOG-01:2026-09',
    ]);
    const branch = await capture(['status', '--now', '2027-01-20', '--evidence-branch', '--remote', 'nowhere'], { cwd: records });
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain('No readiness was computed');
    expect(branch.stderr).not.toContain('internal error');
  });

  it('computes readiness with no records when the evidence branch does not exist yet, saying so once; a deleted one is still an error', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    const remote = await temporaryDirectory();
    await simpleGit(remote).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
    const git = simpleGit(root);
    await git.raw(['init', '--quiet', '--initial-branch=main']);
    await git.raw(['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'Program']);
    await git.addRemote('origin', remote);
    const run = await capture(['status', '--now', '2027-01-20', '--evidence-branch', '--format', 'json'], { cwd: root });
    expectNoStackTrace(run);
    expect(run.code).toBe(1);
    // Without records the policy approval and acknowledgments are open, as they are for an empty checkout.
    expect(JSON.parse(run.stdout).exceptions.map((e: { id: string }) => e.id)).toContain('missing-approval:access-control');
    const note = 'note No evidence branch `evidence` on remote `origin` or in this clone yet, so no evidence records are read: the first collection creates it (`evident evidence collect`';
    expect(run.stderr.split(note).length - 1).toBe(1);
    expect(run.stderr).not.toContain('No readiness was computed');

    // A branch this clone has seen and the remote no longer has was deleted, not "not created yet".
    await git.raw(['update-ref', 'refs/remotes/origin/evidence', 'HEAD']);
    const deleted = await capture(['status', '--now', '2027-01-20', '--evidence-branch'], { cwd: root });
    expectNoStackTrace(deleted);
    expect(deleted).toMatchObject({ code: 2, stdout: '' });
    expect(deleted.stderr).toContain('Evidence branch `evidence` was deleted on `origin`');
    expect(deleted.stderr).toContain('No readiness was computed');
    expect(deleted.stderr).not.toContain(note);
  });

  it('exits 2, naming the path, when --records DIR does not exist or holds no records/ folder', async () => {
    const root = await copyOfFixture('type2-readiness', 'ok');
    const missing = path.join(root, 'no-such-checkout');
    const nowhere = await capture(['status', '--now', '2027-01-20', '--records', missing, '--format', 'json'], { cwd: await notOk() });
    expect(nowhere).toMatchObject({ code: 2, stdout: '' });
    expect(nowhere.stderr).toContain(`Unexpected --records ${missing}: it does not exist, expected a checkout of the evidence branch (records in DIR/records/*.json)`);
    const noFolder = await capture(['status', '--now', '2027-01-20', '--records', path.join(root, 'controls')], { cwd: await notOk() });
    expect(noFolder).toMatchObject({ code: 2, stdout: '' });
    expect(noFolder.stderr).toContain(`Unexpected --records ${path.join(root, 'controls')}: it has no \`records/\` folder`);
  });

  it('documents itself', async () => {
    const run = await capture(['status', '--help'], { cwd: await notOk() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: evident status [--root DIR] [--format text|json|markdown]');
    expect(run.stdout).toContain('Exit codes: 0 nothing open, 1 something open (Type I: an in-scope criterion without an implemented or operating control');
  });
});
