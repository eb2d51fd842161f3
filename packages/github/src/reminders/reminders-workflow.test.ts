import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { hardeningFindings } from '../../../../scripts/lint-workflows.mjs';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../.github/workflows/reminders.yml');

describe('.github/workflows/reminders.yml', () => {
  it('runs daily and on demand, with issues: write for its one job and nothing more', async () => {
    const text = await readFile(file, 'utf8');
    const workflow = parse(text);
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.on.schedule).toEqual([{ cron: '17 6 * * *' }]);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.jobs)).toEqual(['reminders']);
    expect(workflow.jobs.reminders.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(hardeningFindings(text, 'reminders.yml')).toEqual([]);
  });

  it('runs the reminders action with the default token: no secret, no install step, no event text in run', async () => {
    const steps: { name?: string; env?: Record<string, string>; run?: string; uses?: string; with?: Record<string, unknown> }[] = parse(await readFile(file, 'utf8')).jobs.reminders.steps;
    expect(steps.filter((s) => JSON.stringify(s).includes('secrets.'))).toEqual([]);
    expect(steps.filter((s) => s.run !== undefined)).toEqual([]);
    const reminders = steps.filter((s) => s.uses === './packages/actions/reminders');
    expect(reminders).toHaveLength(1);
    expect(Object.keys(reminders[0]!.with ?? {})).toEqual(['records']);
    expect(steps.filter((s) => s.uses?.startsWith('actions/checkout')).every((s) => s.with?.['persist-credentials'] === false)).toBe(true);
  });
});
