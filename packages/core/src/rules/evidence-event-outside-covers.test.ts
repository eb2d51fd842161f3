import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('evidence/event-outside-covers', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("reports August's access request filed for a hire of September, at its event, naming the population", async () => {
    const { text, diagnostics, allText } = await checkFixture('evidence-event-outside-covers', 'not-ok', 'evidence/event-outside-covers');
    expect(text).toBe(
      [
        'evidence/HR-01/2026-08/access-request.txt.evidence.yaml',
        '  evidence/HR-01/2026-08/access-request.txt.evidence.yaml:7:8 error Unexpected event `hire-002` of 2026-09-14 outside `covers` (2026-08-01 to 2026-08-31), expected evidence of an event to cover the period the event happened in [evidence/event-outside-covers]',
        '    evidence/HR-01/2026-Q3/hires.csv.evidence.yaml:11: `evidence/HR-01/2026-Q3/hires.csv` lists event `hire-002` on 2026-09-14',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(diagnostics[0]).toMatchObject({ line: 7, column: 8, endLine: 7, endColumn: 16 });
    // The item has nothing else wrong: collected during the month it covers, its bytes match.
    expect(allText).toBe(text);
  });

  it('accepts evidence whose covers holds the day of the event, collected before the event or after', async () => {
    const { allText } = await checkFixture('evidence-event-outside-covers', 'ok', 'evidence/event-outside-covers');
    expect(allText).toBe(NO_FINDINGS);
  });

  it('dates an event only by a population of a control the item names', async () => {
    const copy = await copyFixture('evidence-event-outside-covers', 'not-ok');
    cleanup = copy.cleanup;
    const control = await readFile(path.join(copy.root, 'controls/HR-01.md'), 'utf8');
    await writeFile(path.join(copy.root, 'controls/HR-02.md'), control.replace('id: HR-01', 'id: HR-02'));
    const population = path.join(copy.root, 'evidence/HR-01/2026-Q3/hires.csv.evidence.yaml');
    await writeFile(population, (await readFile(population, 'utf8')).replace('controls: [HR-01]', 'controls: [HR-02]'));
    expect((await checkFor(copy.root, 'evidence/event-outside-covers')).text).toBe(NO_FINDINGS);
  });
});
