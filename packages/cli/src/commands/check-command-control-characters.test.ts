import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode } from '../exit-codes.js';
import { capture, copyOfFixture, removeTemporary } from '../test-support/capture-run.js';

afterEach(removeTemporary);

describe('evident check, status and coverage: control characters from the repository', () => {
  it('prints a status holding ESC and BEL as visible escapes, so a policy cannot clear the terminal or fake output', async () => {
    const root = await copyOfFixture('schema', 'ok');
    const policy = path.join(root, 'policies/access-control.md');
    await writeFile(policy, (await readFile(policy, 'utf8')).replace('status: approved', 'status: "x\\e[2J\\e[31mFAKE OK\\a"'));
    const result = await capture(['check', '--root', root], { cwd: root, now: new Date('2026-11-26T12:00:00Z') });
    expect(result.code).toBe(ExitCode.findings);
    // No C0 control other than the line feeds that lay the output out, no DEL or C1 control.
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout).toContain('Unexpected `x\\x1b[2J\\x1b[31mFAKE OK\\x07` for `status`');
  });

  it('shows control characters in a control title as escapes in the text output of status and coverage', async () => {
    const root = await copyOfFixture('schema', 'ok');
    const control = path.join(root, 'controls/AC-01.md');
    await writeFile(control, (await readFile(control, 'utf8')).replace('title: Quarterly access review', 'title: "Review\\e[2J\\e[1A\\a"'));
    for (const command of ['status', 'coverage']) {
      const result = await capture([command, '--root', root], { cwd: root, now: new Date('2026-11-26T12:00:00Z') });
      expect({ command, raw: /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(result.stdout + result.stderr) }).toEqual({ command, raw: false });
    }
    const status = await capture(['status', '--root', root], { cwd: root, now: new Date('2026-11-26T12:00:00Z') });
    expect(status.stdout).toContain('Review\\x1b[2J\\x1b[1A\\x07');
  });
});
