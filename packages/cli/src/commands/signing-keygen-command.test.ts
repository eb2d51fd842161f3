import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadSigningKey, signingKeyId } from '@evident/core';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { parse } from 'yaml';
import { capture } from '../test-support/capture-run.js';

describe('evident signing keygen', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'evident-keygen-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes the private key to a 0600 file, never to stdout, and prints the evident.yaml entry', async () => {
    const run = await capture(['signing', 'keygen', '--out', 'collector.pem'], { cwd: dir });
    expect(run.code).toBe(0);
    const pem = await readFile(path.join(dir, 'collector.pem'), 'utf8');
    expect((await stat(path.join(dir, 'collector.pem'))).mode & 0o777).toBe(0o600);
    expect(run.stdout).not.toContain('PRIVATE KEY');
    const key = loadSigningKey(pem);
    const yaml = parse(run.stdout.slice(run.stdout.indexOf('evidence:'))) as { evidence: { signing: { keys: { id: string; public_key: string; not_before: string }[] } } };
    const [entry] = yaml.evidence.signing.keys;
    expect(entry).toEqual({ id: key.keyId, not_before: '2026-10-02', public_key: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/) });
    expect(signingKeyId(entry!.public_key)).toBe(key.keyId);
    expect(run.stdout).toContain(`Private key written to ${path.join(dir, 'collector.pem')} (mode 0600)`);
  });

  it('never overwrites a file (exit 2), and prints the private key on stdout only when asked', async () => {
    await writeFile(path.join(dir, 'evident-signing-key.pem'), 'keep me');
    const refused = await capture(['signing', 'keygen'], { cwd: dir });
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('the file exists (never overwritten)');
    expect(await readFile(path.join(dir, 'evident-signing-key.pem'), 'utf8')).toBe('keep me');

    const piped = await capture(['signing', 'keygen', '--private-key-to-stdout'], { cwd: dir });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]*-----END PRIVATE KEY-----\n$/);
    expect(piped.stderr).toContain(`Key id ${loadSigningKey(piped.stdout).keyId}.`);
  });

  describe('in a git work tree', () => {
    const exists = (file: string) => access(file).then(() => true, () => false);

    it('refuses (exit 2, nothing written) a private key file git would not ignore, at the root or in a folder', async () => {
      await simpleGit(dir).init();
      await mkdir(path.join(dir, 'policies'));
      for (const [cwd, args] of [[dir, []], [path.join(dir, 'policies'), ['--out', 'collector.pem']], [os.tmpdir(), ['--out', path.join(dir, 'key.pem')]]] as const) {
        const run = await capture(['signing', 'keygen', ...args], { cwd });
        const file = path.resolve(cwd, args[1] ?? 'evident-signing-key.pem');
        expect(run).toMatchObject({ code: 2, stdout: '' });
        expect(run.stderr).toBe(
          `error Unexpected private key file ${file} inside the git work tree ${await simpleGit(dir).revparse(['--show-toplevel'])}, which does not ignore it (\`git add -A\` would commit it), ` +
            'expected a file outside the repository, e.g. `evident signing keygen --out ~/evident-signing-key.pem`, or `--private-key-to-stdout`. Nothing was written.\n',
        );
        expect(await exists(file)).toBe(false);
      }
      expect(await simpleGit(dir).status()).toMatchObject({ not_added: [] });
    });

    it('writes a file git ignores, and one outside the work tree', async () => {
      await simpleGit(dir).init();
      await writeFile(path.join(dir, '.gitignore'), '*.pem\n');
      const ignored = await capture(['signing', 'keygen'], { cwd: dir });
      expect(ignored.code).toBe(0);
      loadSigningKey(await readFile(path.join(dir, 'evident-signing-key.pem'), 'utf8'));
      expect((await simpleGit(dir).status()).not_added).toEqual(['.gitignore']);

      const outside = await mkdtemp(path.join(os.tmpdir(), 'evident-keygen-outside-'));
      try {
        const run = await capture(['signing', 'keygen', '--out', path.join(outside, 'key.pem')], { cwd: dir });
        expect(run.code).toBe(0);
        loadSigningKey(await readFile(path.join(outside, 'key.pem'), 'utf8'));
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });

    it('writes into a program `evident init` scaffolded: its .gitignore ignores private keys, not certificates kept as evidence', async () => {
      await capture(['init', dir], { cwd: dir });
      const git = simpleGit(dir);
      await git.init();
      const run = await capture(['signing', 'keygen'], { cwd: dir });
      expect(run.code).toBe(0);
      await mkdir(path.join(dir, 'evidence/CC6.1/2026-Q3'), { recursive: true });
      await writeFile(path.join(dir, 'evidence/CC6.1/2026-Q3/certificate.pem'), 'certificate');
      expect(await git.checkIgnore(['evident-signing-key.pem', 'keys/other.pem', 'evidence/CC6.1/2026-Q3/certificate.pem'])).toEqual(['evident-signing-key.pem', 'keys/other.pem']);
    });
  });
});
