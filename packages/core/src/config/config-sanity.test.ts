import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFor, copyFixture } from '../../test/check-fixture.js';
import { pathProblem } from './config-sanity.js';

describe('config sanity', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function configWith(edit: (text: string) => string) {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    await writeFile(configFile, edit(await readFile(configFile, 'utf8')));
    return checkFor(copy.root, 'config');
  }

  it('refuses a period that ends before it starts, at its end', async () => {
    const { text, result } = await configWith((t) => t.replace('end: 2026-12-31', 'end: 2026-01-31'));
    expect(result.configFailed).toBe(true);
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:11:10 error Unexpected end `2026-01-31` before start `2026-07-01` for `audit.period`, expected a period that ends on or after its start [config]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('refuses a Type II audit without a period, at the `audit` key', async () => {
    const { text, result } = await configWith((t) => t.replace('  period:\n    start: 2026-07-01\n    end: 2026-12-31\n', '  as_of: 2026-09-30\n'));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:7:1 error Missing `audit.period` for a Type II audit (`audit.type: type2`), expected `period:` with `start` and `end` dates under `audit:` [config]',
    ]);
  });

  it('refuses `as_of` beside the period of a Type II audit, at `as_of`', async () => {
    const { text, result } = await configWith((t) => t.replace('  period:\n', '  as_of: 2026-09-30\n  period:\n'));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:9:3 error Unexpected `audit.as_of` beside `audit.period` for a Type II audit (`audit.type: type2`), expected only `period`: a Type II audit covers its period, `as_of` is the date of a Type I audit [config]',
    ]);
  });

  it('refuses a period beside `as_of` of a Type I audit, at `period`', async () => {
    const { text, result } = await configWith((t) => t.replace('type: type2\n  period:\n', 'type: type1\n  as_of: 2026-09-30\n  period:\n'));
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:10:3 error Unexpected `audit.period` beside `audit.as_of` for a Type I audit (`audit.type: type1`), expected only `as_of`: a Type I audit is about one date (set `audit.type: type2` for a period, or preview one with `evident status --period START..END`) [config]',
    ]);
  });

  it('accepts either alone: `as_of` for Type I, `period` for Type II', async () => {
    expect((await configWith((t) => t)).result.configFailed).toBe(false);
    const typeOne = await configWith((t) => t.replace('type: type2\n  period:\n    start: 2026-07-01\n    end: 2026-12-31\n', 'type: type1\n  as_of: 2026-09-30\n'));
    expect(typeOne.result.configFailed).toBe(false);
    expect(typeOne.text).not.toContain('audit');
  });

  it('refuses audit dates before 2000 or more than five years after today', async () => {
    const typeOne = await configWith((t) => t.replace('type: type2\n  period:\n    start: 2026-07-01\n    end: 2026-12-31\n', 'type: type1\n  as_of: 2032-01-01\n'));
    const typeTwo = await configWith((t) => t.replace('start: 2026-07-01', 'start: 1999-12-31'));
    expect([typeOne.text, typeTwo.text].flatMap((text) => text.split('\n').filter((l) => l.startsWith('  ')))).toEqual([
      '  evident.yaml:9:10 error Unexpected `2032-01-01` for `audit.as_of`, expected a date at most 5 years after today (2031-11-26) [config]',
      '  evident.yaml:10:12 error Unexpected `1999-12-31` for `audit.period.start`, expected a date from 2000-01-01 on [config]',
    ]);
  });

  it('refuses folders that leave the repository', async () => {
    const { text, result } = await configWith((t) => `${t}paths:\n  evidence: ../../x\n  policies: /etc\n  controls: docs/../controls\n`);
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:24:13 error Unexpected `../../x` for `paths.evidence`, expected a path inside the repository (without `..` leading out of it) [config]',
      '  evident.yaml:25:13 error Unexpected `/etc` for `paths.policies`, expected a path inside the repository (relative, not absolute) [config]',
    ]);
  });

  it('refuses unknown categories through the schema', async () => {
    const { text } = await configWith((t) => t.replace('categories: [security]', 'categories: [security, integrity]'));
    expect(text).toContain('Unexpected `integrity` for `frameworks[0].categories[1]`, expected one of `security`, `availability`, `confidentiality`, `processing-integrity`, `privacy` [config]');
  });

  it('tells paths inside the repository from paths that leave it', () => {
    expect(['evidence', './evidence', 'a/../b', 'a/b/../../c', '.'].map(pathProblem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(['..', '../x', 'a/../../x', '/abs', 'C:/x', 'a\\b'].map((p) => pathProblem(p) !== undefined)).toEqual([true, true, true, true, true, true]);
  });
});
