/** Files refused before parsing: too large, binary, not UTF-8, links that leave the repository. Each is a finding; the rest is still checked. */
import { describe, expect, it } from '@jest/globals';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encryptionPolicy, expectRestChecked, findingsOf, linesOf, useCanaryRepository } from '../../test/canary-repository.js';
import { checkRoot } from '../../test/check-fixture.js';

const repo = useCanaryRepository();

describe('files refused before parsing', () => {
  it('refuses a file over the default limit of 1 MiB', async () => {
    const text = encryptionPolicy({ body: ` ${'x'.repeat(1024 * 1024)}` });
    await repo.write('policies/encryption.md', text);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      `policies/encryption.md:1:1 error Unexpected file of ${Buffer.byteLength(text)} bytes, expected at most 1048576 bytes (\`limits.max_file_bytes\`) [parse/too-large]`,
    ]);
    expect(result.diagnostics.find((d) => d.file === 'policies/encryption.md')?.line).toBeUndefined();
    expectRestChecked(result);
  });

  it('refuses a file over `limits.max_file_bytes`, and accepts one exactly at it', async () => {
    const configFile = path.join(repo.root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}limits:\n  max_file_bytes: 2048\n`);
    const base = encryptionPolicy();
    await repo.write('policies/encryption.md', base.padEnd(2048, '\n'));
    await repo.write('policies/encryption-archive.md', base.replace('id: encryption', 'id: encryption-archive').padEnd(2049, '\n'));
    const result = await checkRoot(repo.root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(linesOf(result, 'policies/encryption-archive.md')).toEqual([
      'policies/encryption-archive.md:1:1 error Unexpected file of 2049 bytes, expected at most 2048 bytes (`limits.max_file_bytes`) [parse/too-large]',
    ]);
    expectRestChecked(result);
  });

  it('refuses binary content', async () => {
    await repo.write('policies/encryption.md', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected binary content, expected UTF-8 text [parse/binary]']);
    expectRestChecked(result);
  });

  it('refuses non-UTF-8 content, naming the line of the first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from(encryptionPolicy().split('\n').slice(0, 2).join('\n') + '\ntitle: Politique de chiffrement (r'), Buffer.from([0xe9]), Buffer.from('vis\u00e9e)\n---\n')]);
    await repo.write('policies/encryption.md', latin1);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:3:1 error Unexpected non-UTF-8 bytes, expected UTF-8 text [parse/encoding]']);
    expect(result.diagnostics.find((d) => d.file === 'policies/encryption.md')?.line).toBe(3);
    expectRestChecked(result);
  });

  it('refuses a symbolic link to a file outside the repository without reading it', async () => {
    await writeFile(path.join(repo.parent, 'outside.md'), encryptionPolicy({ front: 'secret_token: do-not-print-me\n' }));
    await symlink('../../outside.md', path.join(repo.root, 'policies/encryption.md'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:1:1 error Unexpected symbolic link to a path outside the repository, expected a file inside it [parse/symlink]',
    ]);
    expect(JSON.stringify(result.diagnostics)).not.toContain('do-not-print-me');
    expectRestChecked(result);
  });

  it('refuses a broken symbolic link and a link to a directory', async () => {
    await symlink('../nowhere.md', path.join(repo.root, 'policies/encryption.md'));
    await symlink('../controls', path.join(repo.root, 'policies/folder.md'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected broken symbolic link, expected a regular file [parse/symlink]']);
    expect(linesOf(result, 'policies/folder.md')).toEqual(['policies/folder.md:1:1 error Unexpected directory, expected a regular file [parse/not-a-file]']);
    expectRestChecked(result);
  });

  it('follows a symbolic link that stays inside the repository', async () => {
    await repo.write('shared/encryption.md', encryptionPolicy());
    await symlink('../shared/encryption.md', path.join(repo.root, 'policies/encryption.md'));
    const result = await checkRoot(repo.root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(result.model?.policies.map((p) => p.id)).toEqual(['access-control', 'encryption']);
  });
});
