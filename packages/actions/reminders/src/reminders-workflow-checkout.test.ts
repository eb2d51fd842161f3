import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { hardeningFindings } from '../../../../scripts/lint-workflows.mjs';
import { capture, removeTemporary, temporaryDirectory } from '../../../cli/src/test-support/capture-run.js';

afterEach(removeTemporary);

const workflow = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../.github/workflows/reminders.yml');

interface Step {
  id?: string;
  uses?: string;
  'continue-on-error'?: boolean;
  with?: Record<string, unknown>;
}

/** The checkouts of a reminders workflow: the program's (no `path:`) and the evidence branch's, and the reminders step. */
function stepsOf(text: string) {
  const steps: Step[] = parse(text).jobs.reminders.steps;
  const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
  const reminders = steps.filter((s) => /(^|\/)(packages\/actions\/reminders|\.github\/actions\/evident-reminders)(@|$)/.test(s.uses ?? ''));
  return { program: checkouts.filter((s) => s.with?.path === undefined), records: checkouts.filter((s) => s.with?.ref === 'evidence'), reminders };
}

/** What the reminders action needs of the workflow: the program with its history, the evidence branch when there is one, and no credentials left behind. */
function expectHistoryAndRecords(text: string, file: string) {
  const { program, records, reminders } = stepsOf(text);
  expect(program).toHaveLength(1);
  // The policies' git history (readPolicyContents walks the default branch's first-parent log from HEAD).
  expect(program[0]!.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
  // Before the first collection the evidence branch does not exist: its checkout fails without failing the job,
  // and the action gets no records (it says so and computes readiness without them).
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ id: 'records', 'continue-on-error': true, with: { 'persist-credentials': false } });
  expect(reminders).toHaveLength(1);
  expect(reminders[0]!.with).toEqual({ records: `\${{ steps.records.outcome == 'success' && '${records[0]!.with!.path}' || '' }}` });
  expect(hardeningFindings(text, file)).toEqual([]);
}

describe('the reminders workflow', () => {
  it('checks out the program with its history, and the evidence branch only when it exists', async () => {
    expectHistoryAndRecords(await readFile(workflow, 'utf8'), 'reminders.yml');
  });

  it('is scaffolded by `evident init` with the same checkouts, pinned or vendored', async () => {
    for (const args of [['--actions-ref', `example/evident@${'a'.repeat(40)}`], []]) {
      const dir = await temporaryDirectory();
      expect((await capture(['init', dir, ...args], { cwd: dir })).code).toBe(0);
      const text = await readFile(path.join(dir, '.github/workflows/reminders.yml'), 'utf8');
      expectHistoryAndRecords(text, 'reminders.yml');
      expect(stepsOf(text).reminders[0]!.uses).toMatch(args.length ? /^example\/evident\/packages\/actions\/reminders@a{40}$/ : /^\.\/\.github\/actions\/evident-reminders$/);
    }
  });
});
