import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/before-event', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('reports an access request collected four days before the hire it evidences, at its collected_at, naming the population', async () => {
    const { text, diagnostics, allText } = await checkFixture('evidence-before-event', 'not-ok', 'evidence/before-event');
    expect(text).toBe(
      [
        'evidence/HR-01/2026-09/access-request.txt.evidence.yaml',
        '  evidence/HR-01/2026-09/access-request.txt.evidence.yaml:3:15 error Unexpected `collected_at` `2026-09-10` before the day of event `hire-002` (2026-09-14), expected evidence of an event collected on or after the day it happened [evidence/before-event]',
        '    evidence/HR-01/2026-Q3/hires.csv.evidence.yaml:11: `evidence/HR-01/2026-Q3/hires.csv` lists event `hire-002` on 2026-09-14',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 15, endLine: 3, endColumn: 25 });
    // The item has nothing else wrong: collected during the month it covers, its bytes match.
    expect(allText).toBe(text);
  });

  it('accepts evidence collected on the day of the event (the date as written, whatever the offset) or later', async () => {
    const { allText } = await checkFixture('evidence-before-event', 'ok', 'evidence/before-event');
    expect(allText).toBe(NO_FINDINGS);
  });

  it('dates an event only by a population of a control the item names', async () => {
    const copy = await copyFixture('evidence-before-event', 'not-ok');
    cleanup = copy.cleanup;
    const control = await readFile(path.join(copy.root, 'controls/HR-01.md'), 'utf8');
    await writeFile(path.join(copy.root, 'controls/HR-02.md'), control.replace('id: HR-01', 'id: HR-02'));
    const population = path.join(copy.root, 'evidence/HR-01/2026-Q3/hires.csv.evidence.yaml');
    await writeFile(population, (await readFile(population, 'utf8')).replace('controls: [HR-01]', 'controls: [HR-02]'));
    expect((await checkFor(copy.root, 'evidence/before-event')).text).toBe(NO_FINDINGS);
  });
});
