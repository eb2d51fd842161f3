import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLoopbackSigstore, type LoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { startLoopbackTuf, type LoopbackTuf } from '../../../sigstore/src/test-support/loopback-tuf.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

describe('evident signing trusted-root', () => {
  let dir: string;
  let stack: LoopbackSigstore;
  let tuf: LoopbackTuf;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'evident-trusted-root-'));
    stack = await startLoopbackSigstore({ repository: 'acme/program', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' });
    tuf = await startLoopbackTuf(JSON.stringify(stack.trustedRoot()));
    await writeFile(path.join(dir, 'tuf-root.json'), tuf.rootJson);
  });
  afterAll(async () => {
    await Promise.all([stack.close(), tuf.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the shipped public-good root', async () => {
    const run = await capture(['signing', 'trusted-root'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Shipped with Evident: Sigstore public-good trusted root\n  certificate authority https:\/\/fulcio\.sigstore\.dev 2021-03-07\.\.2022-12-31\n  certificate authority https:\/\/fulcio\.sigstore\.dev 2022-04-13\.\.\n/);
    expect(run.stdout).toContain('transparency log https://rekor.sigstore.dev');
    const json = JSON.parse((await capture(['signing', 'trusted-root', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.shipped[0].authorities).toContain('certificate authority https://fulcio.sigstore.dev 2021-03-07..2022-12-31');
  });

  it('--update fetches the current root through TUF, verified, into a file --trusted-root takes', async () => {
    const run = await capture(['signing', 'trusted-root', '--update', '--mirror', tuf.url, '--tuf-root', 'tuf-root.json', '--out', 'fresh.json'], { cwd: dir });
    expectNoStackTrace(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote fresh.json\n  certificate authority ${stack.url} 2020-01-01..\n  timestamp authority ${stack.url}`);
    expect(run.stdout).toContain('Pass it to verification with --trusted-root fresh.json.');
    expect(JSON.parse(await readFile(path.join(dir, 'fresh.json'), 'utf8'))).toMatchObject({ mediaType: expect.stringContaining('trustedroot'), certificateAuthorities: [{ uri: stack.url }] });
  });

  it('refuses a target the TUF metadata does not vouch for, and writes nothing', async () => {
    tuf.tamper(JSON.stringify({ ...stack.trustedRoot(), certificateAuthorities: [] }));
    try {
      const run = await capture(['signing', 'trusted-root', '--update', '--mirror', tuf.url, '--tuf-root', 'tuf-root.json', '--out', 'tampered.json'], { cwd: dir });
      expectNoStackTrace(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Cannot fetch the trusted root from ${tuf.url} through TUF`);
      expect(run.stderr).toContain('Nothing was written.');
      await expect(readFile(path.join(dir, 'tampered.json'))).rejects.toThrow('ENOENT');
    } finally {
      tuf.tamper(undefined as unknown as string);
    }
  });

  it('asks for the TUF root of another mirror, and refuses options without --update', async () => {
    expect((await capture(['signing', 'trusted-root', '--update', '--mirror', tuf.url], { cwd: dir })).code).toBe(2);
    const stray = await capture(['signing', 'trusted-root', '--out', 'x.json'], { cwd: dir });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('Unexpected --out without --update');
  });
});
