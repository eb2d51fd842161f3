import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/portable-name', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  /** Adds an evidence file and its metadata to the ok fixture's AC-01 2026-Q3 folder. */
  async function withEvidence(names: readonly string[]) {
    const copy = await copyFixture('evidence-portable-name', 'ok');
    cleanup = copy.cleanup;
    for (const name of names) {
      const content = `user,role\n${name.length},admin\n`;
      const file = path.join(copy.root, 'evidence/AC-01/2026-Q3', name);
      await writeFile(file, content);
      const sha256 = createHash('sha256').update(content).digest('hex');
      await writeFile(`${file}.evidence.yaml`, `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: 2026-10-02T09:30:00Z\ncollected_by: grace-hopper\nsource: Export\nsha256: ${sha256}\n`);
    }
    return checkFor(copy.root, 'evidence/portable-name');
  }

  it('reports two evidence files whose names differ only in letter case', async () => {
    const { text } = await checkFixture('evidence-portable-name', 'not-ok', 'evidence/portable-name');
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:1:1 error Unexpected evidence path `evidence/AC-01/2026-Q3/access-review.csv` that differs from `evidence/AC-01/2026-Q3/Access-Review.csv` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped [evidence/portable-name]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('reports names that differ only in Unicode form (composed and decomposed accents)', async () => {
    const { diagnostics } = await withEvidence(['caf\u00e9.csv', 'cafe\u0301.csv']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Unexpected evidence path `evidence/AC-01/2026-Q3/caf\u00e9.csv` that differs from `evidence/AC-01/2026-Q3/cafe\u0301.csv` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped',
    ]);
  });

  it.each([
    ['back\\slash.csv', 'the character `\\\\`'],
    ['colon:time.csv', 'the character `:`'],
    ['tab\there.csv', 'the character `\\t`'],
    ['trailing-dot.', 'a name ending in a dot'],
    ['trailing-space.csv ', 'a name ending in a space'],
    ['NUL.csv', '`NUL.csv`, a device name Windows reserves'],
    ['com1', '`com1`, a device name Windows reserves'],
  ])('reports %j, which some operating system cannot write', async (name, problem) => {
    const { diagnostics } = await withEvidence([name]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.file).toBe(`evidence/AC-01/2026-Q3/${name}.evidence.yaml`);
    expect(diagnostics[0]!.message).toContain(`with ${problem}, expected a name every operating system can write`);
  });

  it('finds nothing in names every operating system can write, however unusual', async () => {
    const { diagnostics, allText } = await checkFixture('evidence-portable-name', 'ok', 'evidence/portable-name');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
    expect((await withEvidence(['r\u00e9sum\u00e9 2026 (final).csv', 'console.csv', 'aux-log.txt', '.hidden.csv'])).diagnostics).toEqual([]);
  });
});
