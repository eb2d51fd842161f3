import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRoot, copyFixture, fixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { formatDiagnosticsText } from '../format/format-diagnostics-text.js';
import { computeReadiness, MissingAuditPeriodError, type ReadinessOptions } from './compute-readiness.js';
import { NOTHING_DUE_YET, readinessFails, TYPE1_RULE, TYPE2_RULE } from './readiness-figure.js';

async function readiness(root: string, options: ReadinessOptions) {
  const result = await checkRoot(root, options.today);
  return { report: computeReadiness(result.model!, options), text: formatDiagnosticsText(result.diagnostics) };
}

const missing = (report: Awaited<ReturnType<typeof readiness>>['report']) => report.controls.flatMap((c) => c.occurrences.filter((o) => o.state === 'missing'));

describe('computeReadiness on a Type II repository', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  async function copy(variant: 'ok' | 'not-ok', changes: Record<string, string | null> = {}): Promise<string> {
    const c = await copyFixture('type2-readiness', variant);
    cleanup = c.cleanup;
    for (const [file, text] of Object.entries(changes)) {
      const absolute = path.join(c.root, file);
      if (text === null) await rm(absolute);
      else {
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFile(absolute, text);
      }
    }
    return c.root;
  }

  it('reports exactly the one monthly occurrence without evidence', async () => {
    const { report, text } = await readiness(fixture('type2-readiness', 'not-ok'), { today: '2027-01-20' });
    expect(text).toBe(NO_FINDINGS);
    expect(missing(report)).toEqual([{ control: 'LOG-01', label: '2026-09', start: '2026-09-01', end: '2026-09-30', due: '2026-10-07', state: 'missing', evidence: [] }]);
    expect(report.exceptions).toEqual([
      {
        id: 'missing-evidence:LOG-01:2026-09',
        kind: 'missing-evidence',
        subject: 'LOG-01',
        owner: 'security',
        detail: 'No evidence of control LOG-01 (monthly) covers 2026-09 (2026-09-01 to 2026-09-30), due 2026-10-07.',
        file: 'controls/LOG-01.md',
      },
    ]);
    expect(report.readiness).toEqual({ percent: 87, rule: TYPE2_RULE, met: 7, total: 8 });
    expect(report.audit).toEqual({ type: 'type2', start: '2026-07-01', end: '2026-12-31' });
    expect(report.criteria.map((c) => [c.id, c.state, c.controls, c.missing])).toEqual([
      ['CC6.1', 'operating', ['AC-01', 'LOG-01'], 1],
      ['CC6.2', 'implemented', ['AC-01'], 0],
      ['CC6.3', 'implemented', ['AC-01'], 0],
    ]);
  });

  it('reads 100% with evidence for every occurrence', async () => {
    const { report } = await readiness(fixture('type2-readiness', 'ok'), { today: '2027-01-20' });
    expect(report.exceptions).toEqual([]);
    expect(report.readiness).toMatchObject({ percent: 100, met: 8, total: 8 });
    expect(report.controls.find((c) => c.id === 'LOG-01')!.occurrences.map((o) => o.evidence)).toEqual(
      [7, 8, 9, 10, 11, 12].map((m) => [`evidence/LOG-01/2026-${String(m).padStart(2, '0')}/log-review.txt`]),
    );
  });

  it('keeps an occurrence due until its grace period ends, then reports it missing', async () => {
    const state = async (today: string) => (await readiness(fixture('type2-readiness', 'not-ok'), { today })).report.controls.find((c) => c.id === 'LOG-01')!.occurrences.find((o) => o.label === '2026-09')!.state;
    expect(await state('2026-08-31')).toBe('not-yet-due');
    expect(await state('2026-09-01')).toBe('due');
    expect(await state('2026-10-07')).toBe('due');
    expect(await state('2026-10-08')).toBe('missing');
  });

  /** A fixture item's metadata with another `collected_at`: the evidence file, and so its SHA-256, stay as they are. */
  const collectedOn = async (metadataPath: string, collectedAt: string) =>
    (await readFile(path.join(fixture('type2-readiness', 'ok'), metadataPath), 'utf8')).replace(/^collected_at: .*$/m, `collected_at: ${collectedAt}`);

  it('counts only what is met or past due', async () => {
    // As of 2026-12-02, the Q4 review and November's log review were collected the day before.
    const root = await copy('ok', {
      'evidence/LOG-01/2026-12/log-review.txt': null,
      'evidence/LOG-01/2026-12/log-review.txt.evidence.yaml': null,
      'evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml': await collectedOn('evidence/AC-01/2026-Q4/access-review.csv.evidence.yaml', '2026-12-01'),
      'evidence/LOG-01/2026-11/log-review.txt.evidence.yaml': await collectedOn('evidence/LOG-01/2026-11/log-review.txt.evidence.yaml', '2026-12-01'),
    });
    const mid = (await readiness(root, { today: '2026-12-02' })).report;
    expect(mid.controls.find((c) => c.id === 'LOG-01')!.occurrences.at(-1)!.state).toBe('due');
    expect(mid.readiness).toMatchObject({ percent: 100, met: 7, total: 7 });
    const before = (await readiness(root, { today: '2026-06-15' })).report;
    expect(before.controls.find((c) => c.id === 'LOG-01')!.occurrences.at(-1)!.state).toBe('not-yet-due');
  });

  it('does not count evidence collected before the period it covers started', async () => {
    const root = await copy('ok', { 'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml': await collectedOn('evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml', '2026-01-05') });
    const { report, text } = await readiness(root, { today: '2027-01-20' });
    expect(text).toBe(
      [
        'evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml',
        '  evidence/AC-01/2026-Q3/access-review.csv.evidence.yaml:3:15 error Unexpected `collected_at` `2026-01-05` before the covered period (2026-07-01 to 2026-09-30), expected evidence collected during or after the period it covers [evidence/metadata]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(missing(report)).toEqual([{ control: 'AC-01', label: '2026-Q3', start: '2026-07-01', end: '2026-09-30', due: '2026-10-07', state: 'missing', evidence: [] }]);
    expect(report.readiness).toMatchObject({ percent: 87, met: 7, total: 8 });
  });

  it('does not count evidence collected after today, and counts it once today reaches its date', async () => {
    const november = async (today: string) => {
      const { report, text } = await readiness(fixture('type2-readiness', 'ok'), { today });
      return { text, occurrence: report.controls.find((c) => c.id === 'LOG-01')!.occurrences.find((o) => o.label === '2026-11')! };
    };
    const early = await november('2026-12-02');
    expect(early.occurrence).toMatchObject({ state: 'due', evidence: [] });
    expect(early.text).toContain(
      'evidence/LOG-01/2026-11/log-review.txt.evidence.yaml:3:15 error Unexpected `collected_at` `2026-12-03` after today (2026-12-02), expected the date the evidence was collected, which cannot be later than today [evidence/metadata]',
    );
    const onTheDay = await november('2026-12-03');
    expect(onTheDay.occurrence).toMatchObject({ state: 'met', evidence: ['evidence/LOG-01/2026-11/log-review.txt'] });
    expect(onTheDay.text).not.toContain('2026-11/log-review.txt.evidence.yaml');
  });

  it('gives no figure, and says nothing is due yet, before anything is met, past due or an exception', async () => {
    const { report } = await readiness(fixture('type2-readiness', 'not-ok'), { today: '2026-06-15', period: { start: '2027-01-01', end: '2027-06-30' } });
    expect(report.exceptions).toEqual([]);
    expect(report.controls.flatMap((c) => c.occurrences).every((o) => o.state === 'not-yet-due')).toBe(true);
    expect(report.readiness).toEqual({ percent: null, reason: NOTHING_DUE_YET, rule: TYPE2_RULE, met: 0, total: 0 });
    expect(readinessFails(report)).toBe(false);
  });

  it('counts every exception it lists, those read from evidence records included, so no figure reads 100% next to an exception', async () => {
    const { report } = await readiness(fixture('type2-readiness', 'ok'), { today: '2027-01-20', records: [] });
    expect(report.assessed).toEqual({ records: true });
    expect(report.exceptions.map((e) => e.kind)).toEqual(['missing-acknowledgment', 'missing-acknowledgment', 'missing-approval']);
    expect(report.readiness).toMatchObject({ percent: 72, met: 8, total: 11 });
    const without = (await readiness(fixture('type2-readiness', 'ok'), { today: '2027-01-20' })).report;
    expect(without.assessed).toEqual({ records: false });
    expect(without.readiness).toMatchObject({ percent: 100, met: 8, total: 8 });
  });

  it('fails a Type II assessment on an occurrence missing without a management response, not on one that has one', async () => {
    const notOk = (await readiness(fixture('type2-readiness', 'not-ok'), { today: '2027-01-20' })).report;
    expect(readinessFails(notOk)).toBe(true);
    const answered = await copy('not-ok', { 'exceptions/missing-evidence_LOG-01_2026-09.yaml': 'owner: ada-lovelace\nresponse: The September review was performed but its record was lost.\n' });
    const report = (await readiness(answered, { today: '2027-01-20' })).report;
    expect(report.readiness).toMatchObject({ percent: 87, met: 7, total: 8 });
    expect(readinessFails(report)).toBe(false);
  });

  it('does not count an item whose file no longer matches its SHA-256', async () => {
    const root = await copy('ok', { 'evidence/LOG-01/2026-09/log-review.txt': 'Edited after review.' });
    const { report, text } = await readiness(root, { today: '2027-01-20' });
    expect(text).toContain('[evidence/hash-mismatch]');
    expect(missing(report).map((o) => `${o.control} ${o.label}`)).toEqual(['LOG-01 2026-09']);
  });

  it("does not count evidence of an event whose covers leaves the event's day out: the occurrence stays missing", async () => {
    const event = async (variant: 'ok' | 'not-ok', label: string) =>
      (await readiness(fixture('evidence-event-outside-covers', variant), { today: '2026-11-26' })).report.controls.find((c) => c.id === 'HR-01')!.occurrences.find((o) => o.label === label)!;
    // August's evidence for a hire of 2026-09-14 (evidence/event-outside-covers).
    expect(await event('not-ok', 'hire-002')).toEqual({ control: 'HR-01', label: 'hire-002', start: '2026-09-14', end: '2026-09-14', due: '2026-09-21', state: 'missing', evidence: [] });
    const notOk = (await readiness(fixture('evidence-event-outside-covers', 'not-ok'), { today: '2026-11-26' })).report;
    expect(notOk.exceptions.map((e) => e.id)).toEqual(['missing-evidence:HR-01:hire-002']);
    expect(notOk.readiness).toMatchObject({ met: 2, total: 3 });
    // September's evidence, collected four days before the hire (a control that acts before the event).
    expect(await event('ok', 'hire-002')).toMatchObject({ state: 'met', evidence: ['evidence/HR-01/2026-09/access-request.txt'] });
    expect(await event('not-ok', 'hire-001')).toMatchObject({ state: 'met', evidence: ['evidence/HR-01/2026-08-03/access-request.txt'] });
    expect(await event('ok', 'hire-001')).toMatchObject({ state: 'met', evidence: ['evidence/HR-01/2026-08-03/access-request.txt'] });
  });

  it('does not count an item naming a control that does not exist', async () => {
    const sidecar = 'evidence/LOG-01/2026-09/log-review.txt.evidence.yaml';
    const text = await readFile(path.join(fixture('type2-readiness', 'ok'), sidecar), 'utf8');
    const root = await copy('ok', { [sidecar]: text.replace('controls: [LOG-01]', 'controls: [LOG-01, ZZ-99]') });
    const { report, text: diagnostics } = await readiness(root, { today: '2027-01-20' });
    expect(diagnostics).toContain('[evidence/unknown-control]');
    expect(missing(report).map((o) => `${o.control} ${o.label}`)).toEqual(['LOG-01 2026-09']);
  });

  it('attaches the management response named after the exception, or naming it by id', async () => {
    const response = 'owner: ada-lovelace\nresponse: The September review was performed but its record was lost; October onwards the record is filed the same day.\ntarget_date: 2027-02-15\n';
    const byName = await copy('not-ok', { 'exceptions/missing-evidence_LOG-01_2026-09.yaml': response });
    const [exception] = (await readiness(byName, { today: '2027-01-20' })).report.exceptions;
    expect(exception).toMatchObject({
      id: 'missing-evidence:LOG-01:2026-09',
      owner: 'ada-lovelace',
      management_response: 'The September review was performed but its record was lost; October onwards the record is filed the same day.',
      response_owner: 'ada-lovelace',
      target_date: '2027-02-15',
      response_file: 'exceptions/missing-evidence_LOG-01_2026-09.yaml',
    });
    await cleanup?.();
    const byId = await copy('not-ok', { 'exceptions/log-01-september.yaml': `id: missing-evidence:LOG-01:2026-09\n${response}` });
    expect((await readiness(byId, { today: '2027-01-20' })).report.exceptions[0]!.response_file).toBe('exceptions/log-01-september.yaml');
  });

  it('lists a response that answers no exception at its `id` line, and none when every response answers one', async () => {
    const response = 'owner: ada-lovelace\nresponse: The September review was performed but its record was lost.\n';
    const typo = await copy('not-ok', { 'exceptions/log-review.yaml': `${response}id: missing-evidence:LOG-01:2026-9\n` });
    const { report } = await readiness(typo, { today: '2027-01-20' });
    expect(report.exceptions.map((e) => [e.id, e.response_file])).toEqual([['missing-evidence:LOG-01:2026-09', undefined]]);
    expect(report.stray_responses).toEqual([
      {
        file: 'exceptions/log-review.yaml',
        line: 3,
        column: 5,
        message: 'Unexpected management response for `missing-evidence:LOG-01:2026-9`, expected the id of an exception `evident status` lists: the exception it was meant for has no response (or, closed since, this one can be removed)',
      },
    ]);
    await cleanup?.();
    const answered = await copy('not-ok', { 'exceptions/missing-evidence_LOG-01_2026-09.yaml': response });
    expect((await readiness(answered, { today: '2027-01-20' })).report.stray_responses).toEqual([]);
  });

  it('reports uncovered criteria and overdue reviews, each counted as stated', async () => {
    const config = await readFile(path.join(fixture('type2-readiness', 'ok'), 'evident.yaml'), 'utf8');
    const policy = await readFile(path.join(fixture('type2-readiness', 'ok'), 'policies/access-control.md'), 'utf8');
    const root = await copy('ok', { 'evident.yaml': config.replace('categories: [security]', 'categories: [security, availability]'), 'policies/access-control.md': policy.replace('last_reviewed: 2026-06-15', 'last_reviewed: 2025-06-15') });
    const { report } = await readiness(root, { today: '2027-01-20' });
    expect(report.exceptions.map((e) => [e.id, e.owner, e.file])).toEqual([
      ['overdue-review:access-control', 'ada-lovelace', 'policies/access-control.md'],
      ['uncovered-criterion:A1.1', 'ada-lovelace', 'evident.yaml'],
    ]);
    expect(report.readiness).toMatchObject({ met: 8, total: 10, percent: 80 });
  });

  it('assesses design only for a Type I audit', async () => {
    const config = await readFile(path.join(fixture('type2-readiness', 'ok'), 'evident.yaml'), 'utf8');
    const root = await copy('not-ok', { 'evident.yaml': config.replace(/audit:[\s\S]*?end: 2026-12-31\n/, 'audit:\n  type: type1\n  as_of: 2026-09-30\n') });
    const { report } = await readiness(root, { today: '2027-01-20' });
    expect(report.audit).toEqual({ type: 'type1', start: '2026-09-30', end: '2026-09-30' });
    expect(report.controls.every((c) => c.occurrences.length === 0)).toBe(true);
    expect(report.readiness).toEqual({ percent: 100, rule: TYPE1_RULE, met: 3, total: 3 });
    expect(readinessFails(report)).toBe(false);
    const preview = computeReadiness((await checkRoot(root, '2027-01-20')).model!, { today: '2027-01-20', period: { start: '2026-07-01', end: '2026-12-31' } });
    expect(missing(preview).map((o) => o.label)).toEqual(['2026-09']);
  });

  it('fails a Type I assessment at 0%: criteria whose controls are all planned are not ready, though none is uncovered', async () => {
    const config = await readFile(path.join(fixture('type2-readiness', 'ok'), 'evident.yaml'), 'utf8');
    const changes: Record<string, string> = { 'evident.yaml': config.replace(/audit:[\s\S]*?end: 2026-12-31\n/, 'audit:\n  type: type1\n  as_of: 2026-09-30\n') };
    for (const id of ['AC-01', 'LOG-01']) {
      const text = await readFile(path.join(fixture('type2-readiness', 'ok'), `controls/${id}.md`), 'utf8');
      changes[`controls/${id}.md`] = text.replace(/^status: \w+$/m, 'status: planned');
    }
    const { report } = await readiness(await copy('ok', changes), { today: '2027-01-20' });
    expect(report.exceptions).toEqual([]);
    expect(report.readiness).toEqual({ percent: 0, rule: TYPE1_RULE, met: 0, total: 3 });
    expect(readinessFails(report)).toBe(true);
  });

  it('refuses a Type II audit without a period', async () => {
    const config = await readFile(path.join(fixture('type2-readiness', 'ok'), 'evident.yaml'), 'utf8');
    const root = await copy('ok', { 'evident.yaml': config.replace(/  period:\n.*\n.*\n/, '') });
    // `evident check` refuses the configuration, at the `audit` key.
    const checked = await checkRoot(root, '2027-01-20');
    expect(checked.configFailed).toBe(true);
    expect(checked.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toContainEqual(expect.stringContaining('evident.yaml:7 Missing `audit.period` for a Type II audit'));
    // A model whose configuration was not checked is refused too.
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), '2027-01-20');
    const { period: _period, ...audit } = model!.config.audit;
    expect(() => computeReadiness({ ...model!, config: { ...model!.config, audit } }, { today: '2027-01-20' })).toThrow(MissingAuditPeriodError);
  });
});
