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

  it('passes the token only to the step that syncs the issues, through env', async () => {
    const steps: { name?: string; env?: Record<string, string>; run?: string; uses?: string; with?: Record<string, unknown> }[] = parse(await readFile(file, 'utf8')).jobs.reminders.steps;
    const withToken = steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withToken.map((s) => s.name)).toEqual(['Open, update and close reminder issues']);
    expect(withToken[0]!.env).toMatchObject({ GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
    expect(withToken[0]!.run).toContain('evident reminders sync');
    expect(steps.some((s) => s.run?.includes('evident status'))).toBe(true);
    expect(steps.filter((s) => s.uses?.startsWith('actions/checkout')).every((s) => s.with?.['persist-credentials'] === false)).toBe(true);
    expect(steps.every((s) => !s.run?.includes('${{'))).toBe(true);
  });
});
