import { afterEach, describe, expect, it } from '@jest/globals';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

const sha = 'a'.repeat(40);

describe('evident init', () => {
  it('scaffolds a program that passes its own check, with every in-scope criterion covered', async () => {
    const dir = await temporaryDirectory();
    const init = await capture(['init', dir, '--categories', 'availability,confidentiality', '--actions-ref', `example/evident@${sha}`], { cwd: dir });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const config = await readFile(path.join(dir, 'evident.yaml'), 'utf8');
    expect(config).toMatch(/categories: \[ security, availability, confidentiality \]/);
    expect((await readdir(path.join(dir, 'policies'))).length).toBeGreaterThanOrEqual(15);
    expect((await readdir(path.join(dir, 'controls'))).length).toBeGreaterThanOrEqual(60);
    const check = await capture(['check', '--format', 'json', '--now', '2026-10-02'], { cwd: dir });
    expect(JSON.parse(check.stdout).summary.errors).toBe(0);
    expect(check.code).toBe(0);
    const coverage = await capture(['coverage', '--format', 'json'], { cwd: dir });
    const totals = JSON.parse(coverage.stdout).totals;
    expect(totals).toMatchObject({ criteria: 33 + 3 + 2, uncovered: 0 });
    expect(coverage.code).toBe(0);
  });

  it('drops controls that only serve categories out of scope', async () => {
    const dir = await temporaryDirectory();
    await capture(['init', dir], { cwd: dir });
    const controls = await readdir(path.join(dir, 'controls'));
    expect(controls.some((c) => c.startsWith('PRV-'))).toBe(false);
    const check = await capture(['check', '--format', 'json', '--now', '2026-10-02'], { cwd: dir });
    expect(JSON.parse(check.stdout).summary.errors).toBe(0);
  });

  it('points workflows at the pinned Evident actions', async () => {
    const dir = await temporaryDirectory();
    await capture(['init', dir, '--actions-ref', `example/evident@${sha}`], { cwd: dir });
    const workflows = await readdir(path.join(dir, '.github/workflows')).catch(() => []);
    for (const workflow of workflows) {
      const text = await readFile(path.join(dir, '.github/workflows', workflow), 'utf8');
      expect(text).not.toMatch(/uses: \.\/packages\//);
    }
  });

  it('never overwrites: existing files are reported as conflicts and kept byte for byte', async () => {
    const dir = await temporaryDirectory();
    await writeFile(path.join(dir, 'evident.yaml'), 'organization: mine\n');
    const result = await capture(['init', dir], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('evident.yaml');
    expect(await readFile(path.join(dir, 'evident.yaml'), 'utf8')).toBe('organization: mine\n');
    expect((await readdir(path.join(dir, 'policies'))).length).toBeGreaterThanOrEqual(15);
  });

  it('rejects an unknown category and a tag instead of a commit SHA', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir, '--categories', 'safety'], { cwd: dir })).code).toBe(2);
    expect((await capture(['init', dir, '--actions-ref', 'example/evident@v1'], { cwd: dir })).code).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('lists the plan without writing on --dry-run', async () => {
    const dir = await temporaryDirectory();
    const result = await capture(['init', dir, '--dry-run', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(result.stdout).planned).toContain('evident.yaml');
    expect(await readdir(dir)).toEqual([]);
  });
});
