import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/outside-folder', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('reports evidence metadata outside the evidence folder', async () => {
    const { text } = await checkFixture('evidence-outside-folder', 'not-ok', 'evidence/outside-folder');
    expect(text).toBe(
      [
        'docs/access-review.csv.evidence.yaml',
        '  docs/access-review.csv.evidence.yaml:1:1 error Unexpected evidence metadata outside `evidence/`, expected evidence items under `evidence/` (`paths.evidence`) [evidence/outside-folder]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('reports an evidence file that is a link out of the folder, without reading it', async () => {
    const copy = await copyFixture('evidence-outside-folder', 'ok');
    cleanup = copy.cleanup;
    const target = path.join(copy.root, 'evidence/AC-01/2026-Q3/access-review.csv');
    await mkdir(path.join(copy.root, 'private'));
    await writeFile(path.join(copy.root, 'private/secrets.csv'), 'not evidence');
    await rm(target);
    await symlink(path.join(copy.root, 'private/secrets.csv'), target);
    const { text, result } = await checkFor(copy.root, 'evidence/outside-folder');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:1:1 error Unexpected link `evidence/AC-01/2026-Q3/access-review.csv` to a file outside `evidence/`, expected the evidence file itself inside the folder [evidence/outside-folder]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(result.model!.evidence.files.get('evidence/AC-01/2026-Q3/access-review.csv')).toEqual({ outside: true });
  });

  it('finds nothing when evidence stays in the folder (a nested repository with its own evident.yaml is not this one)', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-outside-folder', 'ok', 'evidence/outside-folder');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
