import { afterEach, describe, expect, it } from '@jest/globals';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { capture, coreFixture, removeTemporary, temporaryDirectory } from './test-support/capture-run.js';

afterEach(removeTemporary);

const check = (cwd: string, ...args: string[]) => capture(['check', '--now', '2026-11-26', ...args], { cwd });

/** A folder holding a copy of a clean program, at `program` below it. */
async function programIn(program: string): Promise<{ top: string; root: string }> {
  const top = await temporaryDirectory();
  const root = path.join(top, program);
  await cp(coreFixture('schema', 'ok'), root, { recursive: true });
  return { top, root };
}

describe('the program a command runs on without --root', () => {
  it('is the nearest folder holding evident.yaml, from the current folder up to the top of the git work tree', async () => {
    const { root } = await programIn('repo');
    await simpleGit(root).init();
    await mkdir(path.join(root, 'policies/deep/er'), { recursive: true });
    const fromRoot = await check(root);
    expect(fromRoot.code).toBe(0);
    for (const folder of ['policies', 'policies/deep/er']) {
      expect(await check(path.join(root, folder))).toEqual(fromRoot);
      expect(await capture(['coverage', '--format', 'json'], { cwd: path.join(root, folder) })).toEqual(await capture(['coverage', '--format', 'json'], { cwd: root }));
    }
  });

  it('is found in a parent folder outside git too, the nearest winning', async () => {
    const { root } = await programIn('outer');
    await cp(coreFixture('schema', 'ok'), path.join(root, 'nested'), { recursive: true });
    await writeFile(path.join(root, 'nested/evident.yaml'), 'not: [valid');
    await mkdir(path.join(root, 'nested/controls/sub'), { recursive: true });
    const run = await check(path.join(root, 'nested/controls/sub'), '--format', 'json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).diagnostics[0]).toMatchObject({ file: 'evident.yaml' });
    expect((await check(path.join(root, 'controls'))).code).toBe(0);
  });

  it('is never above the top of the git work tree: there, the message names the current folder', async () => {
    const { root } = await programIn('outer');
    const inner = path.join(root, 'inner');
    await mkdir(path.join(inner, 'sub'), { recursive: true });
    await simpleGit(inner).init();
    const run = await check(path.join(inner, 'sub'));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error No evident.yaml in ${path.join(inner, 'sub')}: run \`evident init\` or pass --root to the repository that holds it\n`,
    });
  });

  it('is --root when given, as given', async () => {
    const { root } = await programIn('repo');
    await mkdir(path.join(root, 'policies/empty'), { recursive: true });
    const run = await check(path.join(root, 'policies'), '--root', 'empty');
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining(`No evident.yaml in ${path.join(root, 'policies/empty')}:`) });
  });
});
