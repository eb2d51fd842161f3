import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, copyOfFixture, removeTemporary } from '../test-support/capture-run.js';

afterEach(removeTemporary);

async function withResponse(text: string) {
  const root = await copyOfFixture('type2-readiness', 'not-ok');
  await mkdir(path.join(root, 'exceptions'), { recursive: true });
  await writeFile(path.join(root, 'exceptions/missing-evidence_LOG-01_2026-09.yaml'), text);
  return root;
}

describe('management responses in status and check', () => {
  it('status names a response file with broken YAML as unreadable, not as missing, and still exits 1', async () => {
    const root = await withResponse('owner: ada-lovelace\nresponse: [The September review was performed\n');
    const run = await capture(['status', '--now', '2027-01-20'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('    Management response unreadable: exceptions/missing-evidence_LOG-01_2026-09.yaml does not parse or breaks its schema (run `evident check`)\n');
    expect(run.stdout).not.toContain('No management response');
    const check = await capture(['check', '--now', '2027-01-20'], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/exceptions\/missing-evidence_LOG-01_2026-09\.yaml:\d+:\d+ error .*\[parse/);
  });

  it('check reports a response owner who is neither on the roster nor a team, at the owner', async () => {
    const root = await withResponse('response: The September review was performed but its record was lost.\nowner: alex-morgn\n');
    const check = await capture(['check', '--now', '2027-01-20'], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'exceptions/missing-evidence_LOG-01_2026-09.yaml:2:8 error Unexpected owner `alex-morgn` of the management response, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
    );
  });
});
