import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode } from './exit-codes.js';
import { capture, captureInFixture, copyOfFixture, expectNoStackTrace, removeTemporary, temporaryDirectory } from './test-support/capture-run.js';

afterEach(removeTemporary);

const usage = (command: string, value: string) => `error Unexpected --now \`${value}\`, expected a date as YYYY-MM-DD\nRun \`evident ${command} --help\` for usage.\n`;

describe('--now', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-04-31', '2027-02-29', '2026-00-10'])('refuses %s, which is no calendar day, on check and status', async (value) => {
    for (const command of ['check', 'status']) {
      const run = await captureInFixture([command, '--now', value]);
      expect(run.code).toBe(ExitCode.usage);
      expect(run.stderr).toBe(usage(command, value));
      expect(run.stdout).toBe('');
      expectNoStackTrace(run);
    }
  });

  it('accepts a real leap day', async () => {
    const run = await captureInFixture(['check', '--now', '2028-02-29']);
    expect(run.stderr).not.toContain('--now');
  });

  it('refuses an impossible day on init, and writes nothing', async () => {
    const dir = path.join(await temporaryDirectory(), 'program');
    const run = await capture(['init', dir, '--now', '2026-02-30'], { cwd: path.dirname(dir) });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toBe(usage('init', '2026-02-30'));
    expect(existsSync(path.join(dir, 'evident.yaml'))).toBe(false);
  });

  it('refuses an impossible day on evidence add, and writes no metadata', async () => {
    const root = await copyOfFixture('type2-readiness', 'not-ok');
    const file = path.join(await temporaryDirectory(), 'review.txt');
    await writeFile(file, 'account,decision\nada,keep\n');
    const run = await capture(['evidence', 'add', file, '--control', 'LOG-01', '--covers', '2026-09', '--by', 'ada-lovelace', '--now', '2026-02-30'], { cwd: root });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toBe(usage('evidence add', '2026-02-30'));
    const written = existsSync(path.join(root, 'evidence', 'LOG-01', '2026-09')) ? await readdir(path.join(root, 'evidence', 'LOG-01', '2026-09')) : [];
    expect(written).toEqual([]);
  });
});
