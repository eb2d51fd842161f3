import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('id/portable-name', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  /** The ok fixture with its policy renamed to `id` (file and references too, so that only this rule can speak). */
  async function withPolicyId(id: string) {
    const copy = await copyFixture('id-portable-name', 'ok');
    cleanup = copy.cleanup;
    const policies = path.join(copy.root, 'policies');
    const text = await readFile(path.join(policies, 'access-control.md'), 'utf8');
    await writeFile(path.join(policies, `${id}.md`), text.replace('id: access-control', `id: ${id}`));
    await rename(path.join(policies, 'access-control.md'), path.join(copy.root, 'access-control.md.old'));
    const control = path.join(copy.root, 'controls/AC-01.md');
    await writeFile(control, (await readFile(control, 'utf8')).replace('policies: [access-control]', `policies: [${id}]`));
    return checkFor(copy.root, 'id/portable-name');
  }

  it('reports a policy id Windows reserves as a device name, at the id', async () => {
    const { text } = await checkFixture('id-portable-name', 'not-ok', 'id/portable-name');
    expect(text).toBe(
      [
        'policies/aux-devices.md',
        "  policies/aux-devices.md:2:5 error Unexpected id `aux`, a device name Windows reserves, expected an id every operating system can use as a file name: Windows can neither check out `policies/aux.md` nor unzip the bundle's `policies/aux.html` [id/portable-name]",
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it.each(['con', 'prn', 'nul', 'com1', 'com9', 'lpt1', 'lpt9'])('reports `%s`, also in a file named after it', async (id) => {
    const { diagnostics, allText } = await withPolicyId(id);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.message.slice(0, d.message.indexOf(','))])).toEqual([[`policies/${id}.md`, 2, 5, `Unexpected id \`${id}\``]]);
    // The file is named after the id: id/file-name has nothing to say, this rule is what tells.
    expect(allText).not.toContain('[id/file-name]');
  });

  it.each(['console', 'auxiliary', 'nuls', 'com0', 'com10', 'lpt', 'nul-handling', 'prn-1'])('accepts `%s`, which only looks like a device name', async (id) => {
    const { diagnostics, allText } = await withPolicyId(id);
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('finds nothing when every id names a file anywhere', async () => {
    const { diagnostics, allText } = await checkFixture('id-portable-name', 'ok', 'id/portable-name');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
