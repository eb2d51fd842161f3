import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRoot, copyFixture } from '../../test/check-fixture.js';
import { createValidators } from '../validate/create-validators.js';
import { computeReadiness } from './compute-readiness.js';
import { loadExceptionResponses, strayResponses } from './exception-response.js';
import { formatReadinessMarkdown, formatReadinessText } from './format-readiness.js';

const validators = createValidators();
const source = (file: string, text: string) => ({ path: `exceptions/${file}`, text });

describe('management responses', () => {
  it('keeps where each owner is, and lists files that do not parse or break the schema as unusable', () => {
    const loaded = loadExceptionResponses(
      [
        source('missing-evidence_AC-01_2026-Q3.yaml', 'response: The review was done late, on 2026-10-20.\nowner: alex-morgan\n'),
        source('broken.yaml', 'response: "unterminated\nowner: ada-lovelace\n'),
        source('short.yaml', 'id: overdue-review:access-control\nresponse: late\nowner: ada-lovelace\n'),
      ],
      validators.exceptionResponse,
    );
    expect(loaded.responses.map((r) => [r.file, r.owner, r.ownerAt?.line, r.ownerAt?.column])).toEqual([['exceptions/missing-evidence_AC-01_2026-Q3.yaml', 'alex-morgan', 2, 8]]);
    expect(loaded.unusable).toEqual([{ file: 'exceptions/broken.yaml' }, { file: 'exceptions/short.yaml', id: 'overdue-review:access-control' }]);
    expect(loaded.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^exceptions\/broken\.yaml parse/), 'exceptions/short.yaml schema']));
  });

  it('names responses that answer no exception listed, at their id or their file, and those only records show only with records', () => {
    const { responses } = loadExceptionResponses(
      [
        source('missing-evidence_LOG-01_2026-09.yaml', 'response: Filed late.\nowner: ada-lovelace\n'),
        source('missing-evidence_LOG-01_2026-9.yaml', 'response: A typo in the file name.\nowner: ada-lovelace\n'),
        source('log.yaml', 'owner: ada-lovelace\nid: missing-evidence:LOG-01:2026-Q3\nresponse: A typo in the id.\n'),
        source('approval.yaml', 'id: missing-approval:access-control\nresponse: Approved on paper.\nowner: ada-lovelace\n'),
        source('missing-evidnce_LOG-01_2026-09.yaml', 'response: A typo in the kind.\nowner: ada-lovelace\n'),
      ],
      validators.exceptionResponse,
    );
    const expected = 'expected the id of an exception `evident status` lists: the exception it was meant for has no response (or, closed since, this one can be removed)';
    expect(strayResponses(responses, ['missing-evidence:LOG-01:2026-09'], false)).toEqual([
      { file: 'exceptions/log.yaml', line: 2, column: 5, message: `Unexpected management response for \`missing-evidence:LOG-01:2026-Q3\`, ${expected}` },
      { file: 'exceptions/missing-evidence_LOG-01_2026-9.yaml', line: 1, column: 1, message: `Unexpected management response named \`missing-evidence_LOG-01_2026-9.yaml\`, which names no exception listed, ${expected} (in \`id\`, or as the file name with \`:\` as \`_\`)` },
      { file: 'exceptions/missing-evidnce_LOG-01_2026-09.yaml', line: 1, column: 1, message: expect.stringContaining('`missing-evidnce_LOG-01_2026-09.yaml`') },
    ]);
    expect(strayResponses(responses, ['missing-evidence:LOG-01:2026-09'], true).map((r) => r.file)).toEqual([
      'exceptions/approval.yaml',
      'exceptions/log.yaml',
      'exceptions/missing-evidence_LOG-01_2026-9.yaml',
      'exceptions/missing-evidnce_LOG-01_2026-09.yaml',
    ]);
    expect(strayResponses(responses, ['missing-evidence:LOG-01:2026-09', 'missing-evidence:LOG-01:2026-Q3', 'missing-approval:access-control', 'missing-evidence:LOG-01:2026-9', 'missing-evidnce:LOG-01:2026-09'], true)).toEqual([]);
  });

  it('names a stray response to a date git history shows false only when the evidence metadata\'s history was read', () => {
    const { responses } = loadExceptionResponses(
      [source('collected-after-commit_evidence_AC-01_2026-Q3_review.csv.yaml', 'response: The metadata was mistyped.\nowner: ada-lovelace\n')],
      validators.exceptionResponse,
    );
    // Without that history (outside git, a shallow clone) the response is not called stray; with it, even without records.
    expect(strayResponses(responses, [], true, true)).toEqual([]);
    expect(strayResponses(responses, [], false, true, true).map((r) => r.file)).toEqual(['exceptions/collected-after-commit_evidence_AC-01_2026-Q3_review.csv.yaml']);
    expect(strayResponses(responses, ['collected-after-commit:evidence/AC-01/2026-Q3/review.csv'], true, true, true)).toEqual([]);
  });

  describe('in status', () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    async function statusWith(file: string, text: string) {
      const copy = await copyFixture('type2-readiness', 'not-ok');
      cleanup = copy.cleanup;
      await mkdir(path.join(copy.root, 'exceptions'), { recursive: true });
      await writeFile(path.join(copy.root, 'exceptions', file), text);
      const checked = await checkRoot(copy.root, '2027-01-20');
      return { checked, report: computeReadiness(checked.model!, { today: '2027-01-20' }) };
    }

    it('names a response file that does not parse instead of calling the response missing', async () => {
      const { checked, report } = await statusWith('missing-evidence_LOG-01_2026-09.yaml', 'owner: ada-lovelace\nresponse: [The September review was performed\n');
      expect(checked.diagnostics.filter((d) => d.file === 'exceptions/missing-evidence_LOG-01_2026-09.yaml').map((d) => d.ruleId)).toEqual([expect.stringMatching(/^parse/)]);
      const [exception] = report.exceptions;
      expect(exception).toMatchObject({ id: 'missing-evidence:LOG-01:2026-09', response_unusable: 'exceptions/missing-evidence_LOG-01_2026-09.yaml' });
      expect(exception!.management_response).toBeUndefined();
      const text = formatReadinessText(report);
      expect(text).toContain('    Management response unreadable: exceptions/missing-evidence_LOG-01_2026-09.yaml does not parse or breaks its schema (run `evident check`)\n');
      expect(text).not.toContain('No management response');
      expect(formatReadinessMarkdown(report)).toContain('Management response unreadable: exceptions/missing-evidence_LOG-01_2026-09.yaml');
    });

    it('names a response file that breaks the schema, found by the id it gives', async () => {
      const { report } = await statusWith('log-review.yaml', 'id: missing-evidence:LOG-01:2026-09\nowner: ada-lovelace\nresponse: lost\n');
      expect(report.exceptions[0]).toMatchObject({ id: 'missing-evidence:LOG-01:2026-09', response_unusable: 'exceptions/log-review.yaml' });
    });

    it('still says "No management response" when there is no file', async () => {
      const { report } = await statusWith('unrelated.yaml', 'id: overdue-review:nothing\nowner: ada-lovelace\nresponse: Nothing to do with September.\n');
      expect(report.exceptions[0]!.response_unusable).toBeUndefined();
      expect(formatReadinessText(report)).toContain('No management response (exceptions/missing-evidence_LOG-01_2026-09.yaml)');
    });
  });
});
