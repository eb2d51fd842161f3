import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, copyOfFixture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

async function setup(content = 'account,decision\nada,keep\n') {
  const root = await copyOfFixture('type2-readiness', 'not-ok');
  const file = path.join(await temporaryDirectory(), 'September log review.txt');
  await writeFile(file, content);
  return { root, file, sha256: createHash('sha256').update(content).digest('hex') };
}

describe('evident evidence add', () => {
  it('writes the file and its metadata under evidence/<CONTROL>/<PERIOD>/, which then counts', async () => {
    const { root, file, sha256 } = await setup();
    const before = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(before.code).toBe(1);

    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--now', '2026-10-02'], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: `Added evidence/LOG-01/2026-09/September log review.txt (26 bytes, SHA-256 ${sha256})\nand its metadata evidence/LOG-01/2026-09/September log review.txt.evidence.yaml.\nCommit both in a pull request.\n`,
      stderr: '',
    });
    expect(await readFile(path.join(root, 'evidence/LOG-01/2026-09/September log review.txt.evidence.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/evidence-item.schema.json',
        'controls: [LOG-01]',
        'covers: 2026-09',
        'collected_at: 2026-10-02',
        'collected_by: ada-lovelace',
        'source: Access proxy log export',
        `sha256: ${sha256}`,
        '',
      ].join('\n'),
    );
    expect((await capture(['check', '--now', '2027-01-20'], { cwd: root })).stdout).toBe('0 errors, 0 warnings, 0 info\n');
    const after = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Readiness 100% (8 of 8)');
  });

  it('writes real content to a path .gitattributes hands to Git LFS, says so, and refuses a Git LFS pointer as the file to add', async () => {
    const { root, file, sha256 } = await setup();
    await writeFile(path.join(root, '.gitattributes'), 'evidence/** -text\nevidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text\n');
    const pdf = path.join(path.dirname(file), 'signed.pdf');
    await writeFile(pdf, 'account,decision\nada,keep\n');
    const run = await capture(['evidence', 'add', pdf, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--now', '2026-10-02'], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: `Added evidence/LOG-01/2026-09/signed.pdf (26 bytes, SHA-256 ${sha256})\nand its metadata evidence/LOG-01/2026-09/signed.pdf.evidence.yaml.\nThe file is tracked by Git LFS (.gitattributes): \`git add\` stores its content in LFS and a pointer in Git (run \`git lfs install\` once per machine).\nCommit both in a pull request.\n`,
      stderr: '',
    });
    expect(await readFile(path.join(root, 'evidence/LOG-01/2026-09/signed.pdf'), 'utf8')).toBe('account,decision\nada,keep\n');
    const json = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--name', 'plain.txt', '--format', 'json'], { cwd: root });
    expect(JSON.parse(json.stdout).added.lfs).toBeUndefined();

    const pointer = path.join(path.dirname(file), 'pointer.pdf');
    await writeFile(pointer, `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize 26\n`);
    const refused = await capture(['evidence', 'add', pointer, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('it is a Git LFS pointer, expected the content it points to (run `git lfs pull` first)');
    expect(existsSync(path.join(root, 'evidence/LOG-01/2026-09/pointer.pdf'))).toBe(false);
  });

  it('refuses to overwrite and exits 1, leaving the file as it was', async () => {
    const { root, file } = await setup();
    const args = ['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--name', 'review.txt'];
    expect((await capture(args, { cwd: root })).code).toBe(0);
    await writeFile(file, 'something else');
    const again = await capture(args, { cwd: root });
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'error Refusing to overwrite `evidence/LOG-01/2026-09/review.txt`: evidence is never replaced; add the new version under another name (--name)\n' });
    expect(await readFile(path.join(root, 'evidence/LOG-01/2026-09/review.txt'), 'utf8')).toBe('account,decision\nada,keep\n');
  });

  it('prints a JSON document saying why with --format json when nothing is added: a refused overwrite (exit 1), an unknown control (exit 2)', async () => {
    const { root, file } = await setup();
    const args = ['evidence', 'add', file, '--covers', '2026-09', '--by', 'ada-lovelace', '--name', 'review.txt', '--format', 'json'];
    expect((await capture([...args, '--control', 'LOG-01'], { cwd: root })).code).toBe(0);
    const exists = await capture([...args, '--control', 'LOG-01'], { cwd: root });
    expect(exists.code).toBe(1);
    const existsMessage = exists.stderr.replace(/^error /, '').trimEnd();
    expect(existsMessage).toContain('evidence/LOG-01/2026-09/review.txt');
    expect(JSON.parse(exists.stdout)).toEqual({ version: 1, added: null, error: { message: existsMessage } });

    const unknown = await capture([...args, '--control', 'LOG-99'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ version: 1, added: null, error: { message: 'Unexpected control `LOG-99`, expected an id from `controls/`' } });
    expect(unknown.stderr).toBe('error Unexpected control `LOG-99`, expected an id from `controls/`\nRun `evident evidence add --help` for usage.\n');
    // Without --format json, people get the line on stderr alone.
    expect((await capture(args.slice(0, -2).concat('--control', 'LOG-99'), { cwd: root })).stdout).toBe('');
  });

  it('finds the collector from GITHUB_ACTOR, takes several controls and a source, and prints JSON', async () => {
    const { root, file, sha256 } = await setup();
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--control', 'AC-01', '--covers', '2026-07-01..2026-09-30', '--source', 'Manual export', '--format', 'json'], {
      cwd: root,
      env: { GITHUB_ACTOR: 'Grace-Example' },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ version: 1, added: { path: 'evidence/LOG-01/2026-07-01..2026-09-30/September log review.txt', metadata_path: 'evidence/LOG-01/2026-07-01..2026-09-30/September log review.txt.evidence.yaml', sha256, bytes: 26 } });
    const metadata = await readFile(path.join(root, 'evidence/LOG-01/2026-07-01..2026-09-30/September log review.txt.evidence.yaml'), 'utf8');
    expect(metadata).toContain('controls: [LOG-01, AC-01]\ncovers: 2026-07-01..2026-09-30\ncollected_at: 2026-10-02T09:30:00Z\ncollected_by: grace-hopper\nsource: Manual export\n');
  });

  it('writes the population of an event-driven control with --events, which check accepts and status counts', async () => {
    const { root, file, sha256 } = await setup('hire,date\nhire-014,2026-08-03\nhire-015,2026-11-16\n');
    const log = await readFile(path.join(root, 'controls/LOG-01.md'), 'utf8');
    await writeFile(path.join(root, 'controls/HR-09.md'), log.replace('id: LOG-01', 'id: HR-09').replace('frequency: monthly', 'frequency: event').replace('# Monthly review', '# Background checks'));
    const args = ['evidence', 'add', file, '--control', 'HR-09', '--covers', '2026-07..2026-12', '--by', 'ada-lovelace', '--now', '2027-01-05', '--name', 'hires.csv'];
    const run = await capture([...args, '--events', 'hire-014=2026-08-03', '--events', 'hire-015=2026-11-16'], { cwd: root });
    expect(run.code).toBe(0);
    expect(await readFile(path.join(root, 'evidence/HR-09/2026-07..2026-12/hires.csv.evidence.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/evidence-item.schema.json',
        'controls: [HR-09]',
        'covers: 2026-07..2026-12',
        'collected_at: 2027-01-05',
        'collected_by: ada-lovelace',
        'source: Access proxy log export',
        `sha256: ${sha256}`,
        'events:',
        '  - id: hire-014',
        '    date: 2026-08-03',
        '  - id: hire-015',
        '    date: 2026-11-16',
        '',
      ].join('\n'),
    );
    expect((await capture(['check', '--now', '2027-01-20'], { cwd: root })).stdout).toBe('0 errors, 0 warnings, 0 info\n');
    const status = JSON.parse((await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd: root })).stdout);
    const population = status.controls.find((c: { id: string }) => c.id === 'HR-09').occurrences.find((o: { label: string }) => o.label === 'population');
    expect(population).toMatchObject({ state: 'met', evidence: ['evidence/HR-09/2026-07..2026-12/hires.csv'] });
  });

  it.each([
    [['--events', 'hire-014'], 'Unexpected --events `hire-014`, expected ID=DATE'],
    [['--events', 'hire-014=2026-02-30'], 'Unexpected --events `hire-014=2026-02-30`, expected ID=DATE'],
    [['--events', 'hire-014=2026-06-30'], 'Unexpected --events `hire-014=2026-06-30`: 2026-06-30 is outside --covers 2026-07..2026-12'],
    [['--events', 'a=2026-08-03', '--events', 'a=2026-08-04'], 'Unexpected --events `a=2026-08-04`: event `a` is listed twice'],
    [['--events', 'a=2026-08-03', '--event', 'b'], 'Unexpected --event with --events'],
    [['--event', 'e1'], 'Unexpected --event `e1` for control LOG-01 (frequency monthly), expected --event only for event-driven controls (`frequency: event`)'],
    [['--events', 'a=2026-08-03'], 'Unexpected --events for control LOG-01 (frequency monthly), expected --events only for event-driven controls (`frequency: event`)'],
  ])('refuses --events %j with exit 2, writing nothing', async (extra, message) => {
    const { root, file } = await setup();
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-07..2026-12', '--by', 'ada-lovelace', ...extra], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(path.join(root, 'evidence/LOG-01/2026-07..2026-12'))).toBe(false);
  });

  it('writes --description into the metadata file, where check accepts it', async () => {
    const { root, file, sha256 } = await setup();
    const description = 'Monthly review of the access proxy log: 2 accounts checked, none revoked';
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--description', description, '--now', '2026-10-02'], { cwd: root });
    expect(run.code).toBe(0);
    const metadata = await readFile(path.join(root, 'evidence/LOG-01/2026-09/September log review.txt.evidence.yaml'), 'utf8');
    expect(metadata).toContain(`source: Access proxy log export\ndescription: "${description}"\nsha256: ${sha256}\n`);
    expect((await capture(['check', '--now', '2027-01-20'], { cwd: root })).stdout).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it.each([
    [['--control', 'ZZ-99', '--covers', '2026-09', '--by', 'ada-lovelace'], 'Unexpected control `ZZ-99`, expected an id from `controls/`'],
    [['--control', 'LOG-01', '--covers', '2026-13', '--by', 'ada-lovelace'], 'Unexpected --covers `2026-13`'],
    [['--control', 'LOG-01', '--by', 'ada-lovelace'], 'Missing --covers PERIOD'],
    [['--covers', '2026-09', '--by', 'ada-lovelace'], 'Missing --control ID'],
    [['--control', 'LOG-01', '--covers', '2026-09'], 'Missing --by PERSON'],
    [['--control', 'LOG-01', '--covers', '2026-09', '--by', 'nobody'], 'Unexpected person `nobody` for --by'],
    [['--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--name', '../x.txt'], 'Unexpected file name `../x.txt`'],
  ])('exits 2 without writing on bad usage %j', async (args, message) => {
    const { root, file } = await setup();
    const run = await capture(['evidence', 'add', file, ...args], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect((await capture(['check', '--now', '2027-01-20'], { cwd: root })).code).toBe(0);
  });

  it.each([
    [['--covers', '2026-11'], 'Unexpected --covers `2026-11` starting on 2026-11-01, after today (2026-10-02), expected a period that has started'],
    [['--covers', '2026-10-03'], 'Unexpected --covers `2026-10-03` starting on 2026-10-03, after today (2026-10-02)'],
    [['--covers', '2026-Q4', '--now', '2026-09-30'], 'Unexpected --covers `2026-Q4` starting on 2026-10-01, after today (2026-09-30)'],
  ])('refuses %j, a period that starts after today, with exit 2 and nothing written, before reading the repository', async (extra, message) => {
    const { root, file } = await setup();
    // The refusal comes first: even a missing evident.yaml is not reached.
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--by', 'ada-lovelace', '--root', await temporaryDirectory(), ...extra], { cwd: root });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('evident.yaml');
    const again = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--by', 'ada-lovelace', ...extra], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(message);
    expect(existsSync(path.join(root, 'evidence/LOG-01', extra[1]!, 'September log review.txt'))).toBe(false);
  });

  it('accepts a period that starts today or has started and not ended, which check then accepts', async () => {
    const { root, file } = await setup();
    const today = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-10-02', '--by', 'ada-lovelace', '--name', 'today.txt'], { cwd: root });
    expect(today.code).toBe(0);
    const running = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-Q4', '--by', 'ada-lovelace', '--name', 'quarter.txt', '--now', '2026-10-01'], { cwd: root });
    expect(running.code).toBe(0);
    expect(await readFile(path.join(root, 'evidence/LOG-01/2026-Q4/quarter.txt.evidence.yaml'), 'utf8')).toContain('covers: 2026-Q4\ncollected_at: 2026-10-01\n');
    const check = await capture(['check', '--now', '2027-01-20'], { cwd: root });
    expect(check.stdout).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it('refuses a missing FILE', async () => {
    const { root } = await setup();
    const run = await capture(['evidence', 'add', 'nope.csv', '--control', 'LOG-01', '--covers', '2026-09'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected FILE `nope.csv`, expected a readable regular file');
  });

  it('refuses a FILE that is a symbolic link or lives inside .git, and says so', async () => {
    const { root, file } = await setup();
    const link = path.join(path.dirname(file), 'link.txt');
    await symlink(file, link);
    const args = ['--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace'];
    const viaLink = await capture(['evidence', 'add', link, ...args], { cwd: root });
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toContain(`error Unexpected symbolic link \`${link}\` as FILE, expected the regular file itself (add the file it points to)`);
    await mkdir(path.join(root, '.git'), { recursive: true });
    await writeFile(path.join(root, '.git/config'), '[core]\n');
    const inGit = await capture(['evidence', 'add', '.git/config', ...args], { cwd: root });
    expect(inGit.code).toBe(2);
    expect(inGit.stderr).toContain("error Unexpected FILE `.git/config` inside a `.git` folder, expected a file of your own (git's objects and settings are not evidence)");
  });

  it('refuses to write outside the repository when paths.evidence leads out of it', async () => {
    const { root, file } = await setup();
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}paths:\n  evidence: ../outside\n`);
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected `../outside` for `paths.evidence`, expected a path inside the repository (without `..` leading out of it) [config]');
    expect(existsSync(path.join(root, '../outside'))).toBe(false);
  });
});
