import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadSigningKey, signingKeyId } from '@evident/core';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
});
