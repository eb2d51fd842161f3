import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { plainStyle } from '@evident/core';
import { buildBundle } from '@evident/bundle';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { readZipEntries } from '../../../bundle/src/test-support/read-zip-entries.js';
import { restateBundle, rewriteZip } from '../../../bundle/src/test-support/rewrite-zip.js';
import { writeRawZip } from '../../../bundle/src/test-support/write-raw-zip.js';
import { crc32 } from '../../../bundle/src/write/crc32.js';
import { runCli } from '../run-cli.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

/** Characters that steer a terminal: C0 but the newline, DEL, C1, bidirectional overrides. */
const STEERING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORGED = '\u001b[1A\u001b[2K\u001b[32mOK\u001b[0m all good\u009b2J';

let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let count = 0;
const next = () => path.join(dir, `${(count += 1)}.zip`);

/** The fixture bundle with manifest.json edited and SHA256SUMS updated to match it, plus `extra` entries. */
async function edited(edit: (manifest: Record<string, unknown>) => unknown, extra: [string, Buffer][] = []): Promise<string> {
  const entries = await readZipEntries(bundle);
  const bytes = Buffer.from(`${JSON.stringify(edit(JSON.parse(entries.get('manifest.json')!.toString())), null, 2)}\n`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const sums = entries.get('SHA256SUMS')!.toString().replace(/^[0-9a-f]{64}(?=  manifest\.json$)/m, sha);
  const to = next();
  await rewriteZip(bundle, to, (name, b) => (name === 'manifest.json' ? bytes : name === 'SHA256SUMS' ? Buffer.from(sums) : b), extra);
  return to;
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-command-'));
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('evident verify BUNDLE.zip on a hostile bundle', () => {
  it('prints manifest fields full of escape codes as visible escapes', async () => {
    const zip = await edited((m) => ({ ...m, tool: { name: 'evident', version: FORGED }, release: 'v1\u202e' }));
    const run = await capture(['verify', zip], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(STEERING);
    expect(run.stdout).toContain('Built by Evident \\x1b[1A\\x1b[2K\\x1b[32mOK\\x1b[0m all good\\x9b2J from commit ');
    expect(run.stdout).toContain(' for v1\\u202e (as stated by manifest.json).\n');
  });

  it('prints entry names full of escape codes as visible escapes, in text and in JSON', async () => {
    const name = `notes/${FORGED}.txt`;
    const zip = await edited((m) => m, [[name, Buffer.from('x')]]);
    const text = await capture(['verify', zip], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(STEERING);
    // An escape character is also one Windows refuses in a file name: the entry is refused for its name.
    expect(text.stdout).toContain('unsafe     notes/\\x1b[1A\\x1b[2K\\x1b[32mOK\\x1b[0m all good\\x9b2J.txt  Unexpected entry path `notes/\\x1b[1A');
    const json = await capture(['verify', zip, '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toMatch(STEERING);
    expect(JSON.parse(json.stdout).problems).toEqual([
      { file: name, problem: 'unsafe', message: `Unexpected entry path \`${name}\` with the character \`\\u001b\`, expected a name every operating system can write: unzipped on Windows, the file would be refused or written elsewhere` },
    ]);
  });

  it('names a manifest with a null tool as a failed verification, not an internal error', async () => {
    const run = await capture(['verify', await edited((m) => ({ ...m, tool: null }))], { cwd: dir });
    expectNoStackTrace(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^manifest {3}manifest\.json {2}Unexpected null at `tool` in `manifest\.json`, expected an object\n\nFAILED 1 problem in \d+ files\.\nProvenance: not attested [^\n]*\n$/);
  });

  it('names a `../` entry and a symbolic link, and exits 1', async () => {
    const zip = next();
    await writeRawZip(zip, [
      { name: '../x', content: Buffer.from('x') },
      { name: 'evidence/link', content: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    const run = await capture(['verify', zip], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unsafe     ../x  Unexpected entry path `../x`, expected a path inside the bundle\n');
    expect(run.stdout).toContain('unsafe     evidence/link  Unexpected symbolic link `evidence/link`, expected a regular file\n');
  });

  it('names entries whose names differ only in letter case, and a name Windows cannot write, listed in manifest.json and SHA256SUMS, and exits 1', async () => {
    const zip = await consistent((e) => {
      e.set('evidence/AC-01/2026-Q1/Access-Review.csv', Buffer.from('user,role\nmallory,admin\n'));
      e.set('evidence/AC-01/2026-Q1/notes.txt.', Buffer.from('x'));
    }, (m) => void ((m.evidence as { included: number }).included += 2));
    const result = await problemsOf(zip);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      { file: 'evidence/AC-01/2026-Q1/access-review.csv', problem: 'unsafe', message: 'Unexpected entry `evidence/AC-01/2026-Q1/access-review.csv` that differs from `evidence/AC-01/2026-Q1/Access-Review.csv` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped' },
      { file: 'evidence/AC-01/2026-Q1/notes.txt.', problem: 'unsafe', message: 'Unexpected entry path `evidence/AC-01/2026-Q1/notes.txt.` with a name ending in a dot, expected a name every operating system can write: unzipped on Windows, the file would be refused or written elsewhere' },
    ]);
    expect(result.text).toContain('unsafe     evidence/AC-01/2026-Q1/access-review.csv  Unexpected entry `evidence/AC-01/2026-Q1/access-review.csv` that differs from `evidence/AC-01/2026-Q1/Access-Review.csv` only');
    expect(result.text).toMatch(/\nFAILED 2 problems in \d+ files\.\n/);
  });

  it('prints no progress to a log for a small bundle, and redraws it in place on a terminal', async () => {
    const quiet = await capture(['verify', bundle], { cwd: dir });
    expect(quiet.stderr).toBe('');
    let stderr = '';
    let clock = 0;
    // A clock 60 ms further on each call: every other entry is shown (the 2nd, the 4th, …), and the last one.
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), cwd: dir, env: {}, style: plainStyle, errStyle: plainStyle, stderrIsTTY: true, now: () => new Date((clock += 60)) };
    expect(await runCli(['verify', bundle], io)).toBe(0);
    const lines = stderr.split('\r\x1b[K');
    expect(lines[0]).toBe('');
    const total = (await readZipEntries(bundle)).size;
    expect(lines[1]).toMatch(new RegExp(`^Verified 2/${total} files, 0\\.\\d MiB of 0\\.\\d MiB$`));
    expect(lines.at(-2)).toMatch(new RegExp(`^Verified ${total}/${total} files, (0\\.\\d) MiB of \\1 MiB$`));
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + Math.ceil(total / 2) + 1);
  });
});

/** The central directory records of a zip (no zip64): each entry's name, where its record and its local header are. */
function centralRecords(zip: Buffer): { name: string; at: number; local: number }[] {
  const end = zip.length - 22;
  const records: { name: string; at: number; local: number }[] = [];
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < zip.readUInt16LE(end + 10); i += 1) {
    const nameLength = zip.readUInt16LE(at + 28);
    records.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), at, local: zip.readUInt32LE(at + 42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return records;
}

describe('evident verify BUNDLE.zip on the zip structure', () => {
  it('refuses an entry whose CRC-32 its content contradicts, as unzip does, in text and JSON', async () => {
    const zip = Buffer.from(await readFile(bundle));
    const entry = centralRecords(zip).find((r) => r.name === 'controls.csv')!;
    const crc = zip.readUInt32LE(entry.at + 16);
    // The directory, the local header and (when there is one) the data descriptor all state the same wrong CRC.
    zip.writeUInt32LE(0xdeadbeef, entry.at + 16);
    const flags = zip.readUInt16LE(entry.local + 6);
    if (flags & 0x8) zip.writeUInt32LE(0xdeadbeef, entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28) + zip.readUInt32LE(entry.at + 20) + 4);
    else zip.writeUInt32LE(0xdeadbeef, entry.local + 14);
    const file = next();
    await writeFile(file, zip);
    const message = `controls.csv fails its CRC-32 check: its content gives 0x${crc.toString(16).padStart(8, '0')}, the zip's directory states 0xdeadbeef (extractors refuse it)`;
    const text = await capture(['verify', file], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^unreadable controls\\.csv  ${message.replace(/[.()]/g, '\\$&')}\\n\\nFAILED 1 problem in ${centralRecords(zip).length} files\\.\\nProvenance: not attested `));
    const json = await capture(['verify', file, '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: centralRecords(zip).length, problems: [{ file: 'controls.csv', problem: 'unreadable', message }] });
  });

  it('refuses a local entry hidden before the directory, which a front-to-back extractor would write over index.html', async () => {
    const zip = await readFile(bundle);
    const end = zip.length - 22;
    const directory = zip.readUInt32LE(end + 16);
    const name = Buffer.from('index.html');
    const content = Buffer.from('<h1>No exceptions. Everything operated effectively.</h1>');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt32LE(crc32(content), 14);
    header.writeUInt32LE(content.length, 18);
    header.writeUInt32LE(content.length, 22);
    header.writeUInt16LE(name.length, 26);
    const hidden = Buffer.concat([header, name, content]);
    const forged = Buffer.concat([zip.subarray(0, directory), hidden, zip.subarray(directory)]);
    forged.writeUInt32LE(directory + hidden.length, forged.length - 22 + 16);
    const file = next();
    await writeFile(file, forged);
    const message = `Unexpected ${hidden.length} bytes at offset ${directory.toLocaleString('en-US')} before the zip's directory that no entry in the zip's directory accounts for, expected none: an extractor that reads the zip front to back could take them for a file`;
    const text = await capture(['verify', file], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`unsafe     (zip)  ${message}\n\nFAILED 1 problem in ${centralRecords(zip).length} files.\n`);
    const json = await capture(['verify', file, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ file: '(zip)', problem: 'unsafe', message }] });
  });

  it('refuses bytes between two entries that no entry accounts for', async () => {
    const zip = await readFile(bundle);
    const records = centralRecords(zip);
    const second = records[1]!;
    const junk = Buffer.from('hidden data');
    const forged = Buffer.concat([zip.subarray(0, second.local), junk, zip.subarray(second.local)]);
    // Every offset past the insertion moves: the entries' local headers and the directory itself.
    for (const r of records) if (r.local >= second.local) forged.writeUInt32LE(r.local + junk.length, r.at + junk.length + 42);
    forged.writeUInt32LE(zip.readUInt32LE(zip.length - 22 + 16) + junk.length, forged.length - 22 + 16);
    const file = next();
    await writeFile(file, forged);
    const message = `Unexpected ${junk.length} bytes at offset ${second.local.toLocaleString('en-US')} before \`${second.name}\` that no entry in the zip's directory accounts for, expected none: an extractor that reads the zip front to back could take them for a file`;
    const result = await problemsOf(file);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([{ file: '(zip)', problem: 'unsafe', message }]);
    expect(result.text).toContain(`unsafe     (zip)  ${message}\n`);
  });

  it('refuses a local header that states another CRC-32 than the directory', async () => {
    const zip = Buffer.from(await readFile(bundle));
    const entry = centralRecords(zip).find((r) => (zip.readUInt16LE(r.local + 6) & 0x8) === 0 && r.name.endsWith('.html'))!;
    zip.writeUInt32LE(0x12345678, entry.local + 14);
    const file = next();
    await writeFile(file, zip);
    const message = `Unexpected CRC-32 0x12345678 in the local header of \`${entry.name}\`, expected the same as in the zip's directory: an extractor that reads the zip front to back would use it`;
    const result = await problemsOf(file);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([{ file: entry.name, problem: 'unsafe', message }]);
    expect(result.text).toContain(`unsafe     ${entry.name}  ${message}\n`);
  });

  it('counts every entry of the zip in the FAILED line, also those it refused', async () => {
    const zip = Buffer.from(await readFile(bundle));
    const records = centralRecords(zip);
    // controls.csv made a symbolic link in the directory: refused before it is read.
    zip.writeUInt32LE(0o120777 * 0x10000, records.find((r) => r.name === 'controls.csv')!.at + 38);
    const file = next();
    await writeFile(file, zip);
    const text = await capture(['verify', file], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^unsafe {5}controls\\.csv  Unexpected symbolic link \`controls\\.csv\`, expected a regular file\n\nFAILED 1 problem in ${records.length} files\\.\n`));
    const json = JSON.parse((await capture(['verify', file, '--format', 'json'], { cwd: dir })).stdout);
    expect(json).toMatchObject({ ok: false, files: records.length - 1, entries: records.length });
  });
});

describe('evident verify BUNDLE.zip on what the manifest admits', () => {
  it('says prominently, in text and JSON, that the bundle was built from a tree with uncommitted changes, as the bundle summary does', async () => {
    const readme = path.join(fixture.root, 'README.md');
    // A file not committed: the working tree differs from HEAD.
    await writeFile(readme, 'Changed after the last commit.\n');
    try {
      const built = await capture(['bundle', '--out', path.join(dir, 'dirty')], { cwd: fixture.root });
      expect(built.code).toBe(0);
      const commit = (await fixture.git.revparse(['HEAD'])).trim();
      expect(built.stdout).toContain(`\nUncommitted changes in the working tree are in the bundle: it is not commit ${commit} alone (recorded in manifest.json)\n`);
      const summary = JSON.parse((await capture(['bundle', '--out', path.join(dir, 'dirty-json'), '--format', 'json'], { cwd: fixture.root })).stdout);
      expect(summary.source).toMatchObject({ commit, dirty: true });
      const message = `Built from a working tree with uncommitted changes: the bundle's files may differ from commit ${commit}.`;
      const text = await capture(['verify', summary.path], { cwd: dir });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`\nNOTE ${message}\nProvenance: not attested`);
      const json = JSON.parse((await capture(['verify', summary.path, '--format', 'json'], { cwd: dir })).stdout);
      expect(json).toMatchObject({ ok: true, notes: [{ kind: 'uncommitted-changes', message }] });
    } finally {
      await rm(readme, { force: true });
    }
  });

  it('says that the bundle was built with starter placeholders allowed, and none of it for a clean build', async () => {
    const zip = await edited((m) => ({ ...m, placeholders: { allowed: true, count: 41 } }));
    const message = "Built with --allow-placeholders: 41 starter placeholders (example data, not the organization's) remain in the program.";
    const text = await capture(['verify', zip], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`\nNOTE ${message}\n`);
    expect(JSON.parse((await capture(['verify', zip, '--format', 'json'], { cwd: dir })).stdout)).toMatchObject({ ok: true, notes: [{ kind: 'placeholders', message }] });
    const clean = await capture(['verify', bundle, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(clean.stdout).notes).toEqual([]);
    expect((await capture(['verify', bundle], { cwd: dir })).stdout).not.toContain('NOTE');
  });
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The fixture bundle with its entries edited, and manifest.json's file list and SHA256SUMS rewritten to agree with them. */
const consistent = (edit: (entries: Map<string, Buffer>) => void, header?: (manifest: Record<string, unknown>) => void): Promise<string> => restateBundle(bundle, next(), edit, header);

/** Verify in text and JSON: the exit code, the problem lines and the JSON problems must agree. */
async function problemsOf(zip: string) {
  const text = await capture(['verify', zip], { cwd: dir });
  const json = await capture(['verify', zip, '--format', 'json'], { cwd: dir });
  expect(json.code).toBe(text.code);
  return { code: text.code, text: text.stdout, problems: JSON.parse(json.stdout).problems as { file: string; problem: string; message: string }[] };
}

describe('evident verify BUNDLE.zip compares what manifest.json states with the files', () => {
  it('refuses an evident.yaml changed with the file list and SHA256SUMS made to agree, but not config.sha256', async () => {
    const before = (await readZipEntries(bundle)).get('evident.yaml')!;
    const after = Buffer.concat([before, Buffer.from('# signing no longer required\n')]);
    const result = await problemsOf(await consistent((e) => void e.set('evident.yaml', after)));
    const message = `manifest.json states the SHA-256 ${sha(before)} for the configuration (\`config.sha256\`), but the bundled evident.yaml has ${sha(after)}`;
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([{ file: 'manifest.json', problem: 'manifest', message }]);
    expect(result.text).toMatch(/^manifest {3}manifest\.json {2}manifest\.json states the SHA-256 [0-9a-f]{64} for the configuration \(`config\.sha256`\), but the bundled evident\.yaml has [0-9a-f]{64}\n\nFAILED 1 problem in \d+ files\.\n/);
  });

  it('refuses counts of exceptions and of evidence files that the files contradict', async () => {
    const entries = await readZipEntries(bundle);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { exceptions: number; evidence: { included: number } };
    const result = await problemsOf(await consistent(() => {}, (m) => {
      m.exceptions = 0;
      (m.evidence as { included: number }).included = manifest.evidence.included + 1;
    }));
    expect(manifest.exceptions).toBeGreaterThan(0);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      { file: 'manifest.json', problem: 'manifest', message: `manifest.json states 0 exceptions (\`exceptions\`), exceptions.csv lists ${manifest.exceptions}` },
      { file: 'manifest.json', problem: 'manifest', message: `manifest.json states ${manifest.evidence.included + 1} evidence files included (\`evidence.included\`), its file list holds ${manifest.evidence.included} under evidence/` },
    ]);
    expect(result.text).toContain(`manifest   manifest.json  manifest.json states 0 exceptions (\`exceptions\`), exceptions.csv lists ${manifest.exceptions}\n`);
  });

  it('refuses a record file renumbered with the file list and SHA256SUMS made to agree', async () => {
    const entries = await readZipEntries(bundle);
    const last = [...entries.keys()].filter((n) => /^evidence-records\/records\/\d{6}-.*\.json$/.test(n) && !n.endsWith('.sig.json')).sort().at(-1)!;
    const renamed = last.replace(/\/(\d{6})-/, (_m, d: string) => `/${String(Number(d) + 1).padStart(6, '0')}-`);
    const result = await problemsOf(await consistent((e) => {
      e.set(renamed, e.get(last)!);
      e.delete(last);
    }));
    const file = renamed.slice('evidence-records/'.length);
    const sequence = Number(/\/(\d{6})-/.exec(last)![1]);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([{ file: renamed, problem: 'chain', message: `Record ${file} holds sequence ${sequence}, but its file name gives ${sequence + 1}: the record file was renamed or swapped with another` }]);
    expect(result.text).toContain(`chain      ${renamed}  Record ${file} holds sequence ${sequence}`);
  });

  it('names two swapped record files as such, not as missing records', async () => {
    const entries = await readZipEntries(bundle);
    const [first, second] = [...entries.keys()].filter((n) => /^evidence-records\/records\/\d{6}-.*\.json$/.test(n) && !n.endsWith('.sig.json')).sort();
    const result = await problemsOf(await consistent((e) => {
      const a = e.get(first!)!;
      e.set(first!, e.get(second!)!);
      e.set(second!, a);
    }));
    expect(result.code).toBe(1);
    expect(result.problems.map((p) => p.message).join('\n')).not.toContain('missing');
    expect(result.problems).toEqual(expect.arrayContaining([
      { file: first, problem: 'chain', message: `Record ${first!.slice('evidence-records/'.length)} holds sequence 2, but its file name gives 1: the record file was renamed or swapped with another` },
      { file: second, problem: 'chain', message: `Record ${second!.slice('evidence-records/'.length)} holds sequence 1, but its file name gives 2: the record file was renamed or swapped with another` },
    ]));
  });
});

describe('evident verify and bundle wording', () => {
  it('names SHA256SUMS as missing without an empty list of where manifest.json is not listed', async () => {
    const zip = next();
    await rewriteZip(bundle, zip, (name, b) => (name === 'SHA256SUMS' ? null : b));
    const result = await problemsOf(zip);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([{ file: 'SHA256SUMS', problem: 'missing', message: 'SHA256SUMS is missing' }]);
    expect(result.text).toMatch(/^missing {4}SHA256SUMS {2}SHA256SUMS is missing\n\nFAILED 1 problem in \d+ files\.\n/);
  });

  it('names --trusted-root in the usage of bundle and of verify', async () => {
    for (const command of ['bundle', 'verify']) {
      const help = await capture([command, '--help'], { cwd: dir });
      expect(help.stdout.split('\n')[0]).toContain(' [--trusted-root FILE]... ');
    }
  });
});
