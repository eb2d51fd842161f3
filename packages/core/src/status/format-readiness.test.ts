import { describe, expect, it } from '@jest/globals';
import type { Style } from '../format/style.js';
import { NOTHING_DUE_YET, readinessLabel, TYPE2_RULE } from './readiness-figure.js';
import { countOccurrences, formatExceptionsCsv, formatReadinessJson, formatReadinessMarkdown, formatReadinessText, NOT_ASSESSED, openOccurrences, READINESS_JSON_VERSION } from './format-readiness.js';
import type { ReadinessReport } from './readiness-report.js';

const report: ReadinessReport = {
  audit: { type: 'type2', start: '2026-07-01', end: '2026-12-31' },
  today: '2026-10-20',
  assessed: { records: true },
  criteria: [
    { id: 'CC6.1', topic: 'Logical access security', state: 'operating', controls: ['LOG-01'], missing: 1 },
    { id: 'CC6.2', topic: 'User registration | authorization', state: 'uncovered', controls: [], missing: 0 },
  ],
  controls: [
    {
      id: 'LOG-01',
      title: 'Monthly log review',
      owner: 'security',
      status: 'operating',
      frequency: 'monthly',
      criteria: ['CC6.1'],
      occurrences: [
        { control: 'LOG-01', label: '2026-08', start: '2026-08-01', end: '2026-08-31', due: '2026-09-07', state: 'met', evidence: ['evidence/LOG-01/2026-08/review.txt'] },
        { control: 'LOG-01', label: '2026-09', start: '2026-09-01', end: '2026-09-30', due: '2026-10-07', state: 'missing', evidence: [] },
        { control: 'LOG-01', label: '2026-10', start: '2026-10-01', end: '2026-10-31', due: '2026-11-07', state: 'due', evidence: [] },
        { control: 'LOG-01', label: '2026-11', start: '2026-11-01', end: '2026-11-30', due: '2026-12-07', state: 'not-yet-due', evidence: [] },
      ],
    },
  ],
  exceptions: [
    { id: 'missing-evidence:LOG-01:2026-09', kind: 'missing-evidence', subject: 'LOG-01', owner: 'ada-lovelace', detail: 'No evidence of control LOG-01 (monthly) covers 2026-09.', file: 'controls/LOG-01.md', management_response: 'The review happened; its record was lost.', response_owner: 'ada-lovelace', target_date: '2026-11-15', response_file: 'exceptions/log.yaml' },
    { id: 'uncovered-criterion:CC6.2', kind: 'uncovered-criterion', subject: 'CC6.2', owner: 'ada-lovelace', detail: 'No control maps criterion CC6.2.', file: 'evident.yaml' },
  ],
  readiness: { percent: 33, rule: TYPE2_RULE, met: 1, total: 3 },
};

describe('status formats', () => {
  it('prints text with the figure, its rule, criteria, occurrences and exceptions', () => {
    expect(formatReadinessText(report)).toBe(
      [
        'Type II readiness, 2026-07-01 to 2026-12-31, on 2026-10-20',
        '',
        'Readiness 33% (1 of 3)',
        TYPE2_RULE,
        '',
        'Criteria',
        '  CC6.1  operating   LOG-01  1 missing',
        '  CC6.2  uncovered   -',
        '',
        'Controls',
        '  LOG-01  monthly    operating   Monthly log review (owner security)',
        '          2026-08 met · 2026-09 missing · 2026-10 due · 2026-11 not yet due',
        '',
        'Exceptions (2)',
        '  missing-evidence:LOG-01:2026-09 owner ada-lovelace',
        '    No evidence of control LOG-01 (monthly) covers 2026-09.',
        '    Response: The review happened; its record was lost. (target 2026-11-15)',
        '  uncovered-criterion:CC6.2 owner ada-lovelace',
        '    No control maps criterion CC6.2.',
        '    No management response (exceptions/uncovered-criterion_CC6.2.yaml)',
        '',
        '1 met, 1 missing, 1 due, 1 not yet due; 2 exceptions',
        '',
      ].join('\n'),
    );
  });

  it('colours states when given a style', () => {
    const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
    const style = Object.fromEntries(['red', 'yellow', 'blue', 'green', 'dim', 'bold', 'underline'].map((n) => [n, tag(n)])) as unknown as Style;
    expect(formatReadinessText(report, style)).toContain('<green>2026-08 met</green> · <red>2026-09 missing</red> · <yellow>2026-10 due</yellow> · <dim>2026-11 not yet due</dim>');
  });

  it('prints Markdown tables with escaped cells', () => {
    expect(formatReadinessMarkdown(report)).toBe(
      [
        '## Type II readiness, 2026-07-01 to 2026-12-31',
        '',
        `**33%** ready (1 of 3) on 2026-10-20. ${TYPE2_RULE}`,
        '',
        'Occurrences: 1 met, 1 missing, 1 due, 1 not yet due; 2 exceptions.',
        '',
        '### Criteria',
        '',
        '| Criterion | Topic | State | Controls | Missing |',
        '| --- | --- | --- | --- | --- |',
        '| CC6.1 | Logical access security | operating | LOG-01 | 1 |',
        '| CC6.2 | User registration \\| authorization | uncovered | — | 0 |',
        '',
        '### Controls',
        '',
        '| Control | Frequency | Status | Owner | Occurrences |',
        '| --- | --- | --- | --- | --- |',
        '| LOG-01 | monthly | operating | security | 2026-08: met, 2026-09: missing, 2026-10: due, 2026-11: not yet due |',
        '',
        '### Exceptions (2)',
        '',
        '| Exception | Owner | Detail | Management response |',
        '| --- | --- | --- | --- |',
        '| missing-evidence:LOG-01:2026-09 | ada-lovelace | No evidence of control LOG-01 (monthly) covers 2026-09. | The review happened; its record was lost. |',
        '| uncovered-criterion:CC6.2 | ada-lovelace | No control maps criterion CC6.2. | — (exceptions/uncovered-criterion_CC6.2.yaml) |',
        '',
      ].join('\n'),
    );
  });

  it('prints the report as versioned JSON with occurrence counts', () => {
    const parsed = JSON.parse(formatReadinessJson(report));
    expect(parsed).toEqual({ version: READINESS_JSON_VERSION, ...report, counts: { met: 1, missing: 1, due: 1, 'not-yet-due': 1 } });
  });

  it('writes exceptions.csv with the responses', () => {
    expect(formatExceptionsCsv(report.exceptions)).toBe(
      'id,kind,subject,owner,detail,file,management_response,target_date\r\n' +
        'missing-evidence:LOG-01:2026-09,missing-evidence,LOG-01,ada-lovelace,No evidence of control LOG-01 (monthly) covers 2026-09.,controls/LOG-01.md,The review happened; its record was lost.,2026-11-15\r\n' +
        'uncovered-criterion:CC6.2,uncovered-criterion,CC6.2,ada-lovelace,No control maps criterion CC6.2.,evident.yaml,,\r\n',
    );
  });

  it('says nothing is due yet instead of a figure, in text, Markdown and JSON, and when records were not read', () => {
    const early: ReadinessReport = {
      ...report,
      today: '2026-06-15',
      assessed: { records: false },
      criteria: [report.criteria[0]!],
      controls: [{ ...report.controls[0]!, occurrences: report.controls[0]!.occurrences.map((o) => ({ ...o, state: 'not-yet-due' as const, evidence: [] })) }],
      exceptions: [],
      readiness: { percent: null, reason: NOTHING_DUE_YET, rule: TYPE2_RULE, met: 0, total: 0 },
    };
    const text = formatReadinessText(early);
    expect(text).toContain(`\n\nReadiness: nothing due yet\n${NOTHING_DUE_YET}\n${TYPE2_RULE}\n${NOT_ASSESSED}\n\n`);
    expect(text).not.toContain('%');
    expect(formatReadinessMarkdown(early)).toContain(`**Readiness: nothing due yet** on 2026-06-15. ${NOTHING_DUE_YET} ${TYPE2_RULE}\n\n${NOT_ASSESSED}\n`);
    const json = JSON.parse(formatReadinessJson(early));
    expect(json.version).toBe(2);
    expect(json.readiness).toEqual({ percent: null, reason: NOTHING_DUE_YET, rule: TYPE2_RULE, met: 0, total: 0 });
    expect(readinessLabel(early.readiness)).toBe('nothing due yet');
    expect(readinessLabel(report.readiness)).toBe('33% (1 of 3)');
  });

  it('lists the responses that answer no exception at their file and line, in text, Markdown and JSON, and nothing of them when there are none', () => {
    const message = 'Unexpected management response for `missing-evidence:LOG-01:2026-9`, expected the id of an exception `evident status` lists';
    const stray: ReadinessReport = { ...report, stray_responses: [{ file: 'exceptions/log-review.yaml', line: 2, column: 5, message }] };
    const text = formatReadinessText(stray);
    expect(text).toContain(`    No management response (exceptions/uncovered-criterion_CC6.2.yaml)\n\nManagement responses that answer no exception (1)\n  exceptions/log-review.yaml:2:5 ${message}\n\n1 met,`);
    expect(formatReadinessMarkdown(stray)).toContain(
      ['### Management responses that answer no exception (1)', '', '| File | Line | Problem |', '| --- | --- | --- |', `| exceptions/log-review.yaml | 2 | ${message.replaceAll('`', '\\`')} |`, ''].join('\n'),
    );
    expect(JSON.parse(formatReadinessJson(stray)).stray_responses).toEqual([{ file: 'exceptions/log-review.yaml', line: 2, column: 5, message }]);
    const none: ReadinessReport = { ...report, stray_responses: [] };
    expect(formatReadinessText(none)).toBe(formatReadinessText(report));
    expect(formatReadinessMarkdown(none)).toBe(formatReadinessMarkdown(report));
    expect(JSON.parse(formatReadinessJson(none)).stray_responses).toEqual([]);
  });

  it('counts occurrences and lists the open ones', () => {
    expect(countOccurrences(report)).toEqual({ met: 1, missing: 1, due: 1, 'not-yet-due': 1 });
    expect(openOccurrences(report).map((o) => o.label)).toEqual(['2026-09', '2026-10']);
  });
});
