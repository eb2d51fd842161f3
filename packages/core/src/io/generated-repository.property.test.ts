/**
 * Repositories generated at random (frontmatter, bytes, FIFOs, links of every kind, folders named like
 * files) are checked without an exception: every finding names an existing path, no message carries a
 * stack trace or an absolute path, and the JSON report always parses.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { checkRoot, copyFixture } from '../../test/check-fixture.js';
import { assertAsyncProperty } from '../../test/property-seed.js';
import { formatDiagnosticsJson } from '../format/format-diagnostics-json.js';

const folders = ['policies', 'controls', 'evidence/AC-01/2026-Q3', 'exceptions'] as const;

const key = fc.constantFrom('id', 'title', 'status', 'owner', 'criteria', 'approvers', 'policies', 'review', 'version', 'x');
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant('CC6.1'), fc.constant('ada-lovelace'), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`));
const frontmatter = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n')}\n---\n\n# Title\n\n## Purpose\n`);

type Entry =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'fifo' }
  | { kind: 'link'; to: 'sibling' | 'outside' | 'broken' | 'self' | 'folder' }
  | { kind: 'folder' };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  frontmatter.map((text) => ({ kind: 'text' as const, text })),
  fc.string({ maxLength: 80 }).map((text) => ({ kind: 'text' as const, text })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.constant({ kind: 'fifo' as const }),
  fc.constantFrom('sibling', 'outside', 'broken', 'self', 'folder').map((to) => ({ kind: 'link' as const, to: to as 'sibling' | 'outside' | 'broken' | 'self' | 'folder' })),
  fc.constant({ kind: 'folder' as const }),
);
const file = fc.record({ folder: fc.constantFrom(...folders), name: fc.constantFrom('a', 'b', 'c'), ext: fc.constantFrom('.md', '.yaml', '.evidence.yaml', ''), entry });

async function materialise(root: string, files: { folder: string; name: string; ext: string; entry: Entry }[]): Promise<void> {
  for (const { folder, name, ext, entry } of files) {
    const relative = `${folder}/${name}${ext}`;
    const absolute = path.join(root, relative);
    if (await lstat(absolute).then(() => true, () => false)) continue;
    await mkdir(path.dirname(absolute), { recursive: true });
    switch (entry.kind) {
      case 'text':
        await writeFile(absolute, entry.text);
        break;
      case 'bytes':
        await writeFile(absolute, entry.bytes);
        break;
      case 'fifo':
        execFileSync('mkfifo', [absolute]);
        break;
      case 'folder':
        await mkdir(absolute);
        break;
      case 'link': {
        const target = { sibling: 'AC-01.md', outside: '../../../outside.md', broken: 'nowhere.md', self: `${name}${ext}`, folder: '.' }[entry.to];
        await symlink(target, absolute);
        break;
      }
    }
  }
}

describe('checking generated repositories', () => {
  it('never throws, places every finding at an existing path and always gives valid JSON', async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 8 }), async (files) => {
        const copy = await copyFixture('schema', 'ok');
        try {
          await writeFile(path.join(path.dirname(copy.root), 'outside.md'), '---\nid: outside\n---\n');
          await materialise(copy.root, files);
          const result = await checkRoot(copy.root);
          const json = JSON.parse(formatDiagnosticsJson(result.diagnostics)) as { diagnostics: { file: string; message: string; ruleId: string }[] };
          expect(json.diagnostics).toHaveLength(result.diagnostics.length);
          for (const d of result.diagnostics) {
            expect(d.ruleId).not.toBe('internal');
            expect(d.message).not.toMatch(/\n\s+at /);
            expect(d.message).not.toContain(copy.root);
            expect(d.message).not.toMatch(/call stack|EACCES|ELOOP|ENOENT/);
            expect(path.isAbsolute(d.file)).toBe(false);
            expect(await lstat(path.join(copy.root, d.file)).then(() => true, () => false)).toBe(true);
          }
        } finally {
          await copy.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
