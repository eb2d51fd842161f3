import { afterEach, describe, expect, it } from '@jest/globals';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

const NOW = ['--now', '2026-11-26'];
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A copy of this repository's own starter program: what a company renames when it adopts Evident. */
async function starter(): Promise<string> {
  const root = path.join(await temporaryDirectory(), 'repo');
  for (const entry of ['policies', 'controls', 'frameworks', 'people.yaml', 'evident.yaml']) await cp(path.join(checkout, entry), path.join(root, entry), { recursive: true });
  return root;
}

/** Every file under root, by repository path, with its bytes. */
async function tree(root: string, dir = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const file = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of await tree(root, file)) files.set(k, v);
    else files.set(file, await readFile(path.join(root, file)));
  }
  return files;
}

interface Diagnostic {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  endColumn?: number;
}

async function check(root: string) {
  const run = await capture(['check', '--format', 'json', ...NOW], { cwd: root });
  return JSON.parse(run.stdout) as { summary: { errors: number; warnings: number }; diagnostics: Diagnostic[] };
}

/** The diagnostics as they would read had the old id never changed: messages and files with the new id put back (columns move with a longer or shorter id). */
const asBefore = (diagnostics: Diagnostic[], from: string, to: string, moves: Record<string, string>) =>
  diagnostics.map(({ column, endColumn, ...d }) => ({ ...d, file: moves[d.file] ?? d.file, message: d.message.split(to).join(from) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

interface JsonPlan {
  problems: string[];
  files: { path: string; to?: string; edits: { line: number; old: string; new: string }[] }[];
  folders: { path: string; to: string }[];
}

describe('evident rename', () => {
  it.each([
    ['policy', 'access-control', 'identity-and-access'],
    ['person', 'dana-whitfield', 'morgan-ito'],
    ['control', 'AC-08', 'SCM-08'],
  ])('renames %s %s on the starter: check is as clean after, only the references change, other files keep their bytes', async (kind, from, to) => {
    const root = await starter();
    const original = await tree(root);
    const checkedBefore = await check(root);
    for (const [file, bytes] of original) expect(bytes.toString('utf8').includes(to)).toBe(false);

    const dry = await capture(['rename', kind, from, to, '--dry-run', '--format', 'json', '--root', root], { cwd: root });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as JsonPlan;
    expect(plan.problems).toEqual([]);
    expect(await tree(root)).toEqual(original);

    const run = await capture(['rename', kind, from, to], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Renamed ${kind} \`${from}\` to \`${to}\` in ${plan.files.length} files`);
    for (const file of plan.files) expect(run.stdout).toContain(file.to ? `${file.path} -> ${file.to}` : file.path);

    const renamed = await tree(root);
    const moves = Object.fromEntries(plan.files.filter((f) => f.to).map((f) => [f.to!, f.path]));
    const changed = new Set(plan.files.map((f) => f.path));
    expect([...renamed.keys()].map((f) => moves[f] ?? f).sort()).toEqual([...original.keys()].sort());
    for (const [file, bytes] of renamed) {
      const was = moves[file] ?? file;
      const before = original.get(was)!.toString('utf8');
      const after = bytes.toString('utf8');
      if (!changed.has(was)) {
        expect(bytes.equals(original.get(was)!)).toBe(true);
        continue;
      }
      // Line by line, the only difference is the new id where the old one was.
      const edits = plan.files.find((f) => f.path === was)!.edits;
      expect(after.split('\n').length).toBe(before.split('\n').length);
      const differing = after.split('\n').flatMap((line, i) => (line === before.split('\n')[i] ? [] : [i + 1]));
      expect(differing).toEqual([...new Set(edits.map((e) => e.line))]);
      expect(after.split('\n').map((line) => line.split(to).join(from))).toEqual(before.split('\n'));
      for (const edit of edits) expect([edit.old, edit.new]).toEqual(edit.old.endsWith('.md') ? [`${from}.md`, `${to}.md`] : [from, to]);
    }

    const checkedAfter = await check(root);
    expect(checkedAfter.summary).toEqual(checkedBefore.summary);
    expect(asBefore(checkedAfter.diagnostics, from, to, moves)).toEqual(asBefore(checkedBefore.diagnostics, from, to, {}));
    expect(checkedAfter.diagnostics.filter((d) => /unknown/.test(d.ruleId)).length).toBe(checkedBefore.diagnostics.filter((d) => /unknown/.test(d.ruleId)).length);
  });

  it('moves a control\'s evidence folder and rewrites its metadata and the management responses naming it', async () => {
    const root = await starter();
    const metadata = 'controls: [AC-08, "AC-01"]   # both\ncovers: 2026-Q3\ncollected_at: 2026-10-01\ncollected_by: dana-whitfield\nsource: Access review sheet\nsha256: 0000000000000000000000000000000000000000000000000000000000000000\n';
    await mkdir(path.join(root, 'evidence/AC-08/2026-Q3'), { recursive: true });
    await writeFile(path.join(root, 'evidence/AC-08/2026-Q3/review.csv'), 'login,decision\n');
    await writeFile(path.join(root, 'evidence/AC-08/2026-Q3/review.csv.evidence.yaml'), metadata);
    await mkdir(path.join(root, 'exceptions'));
    await writeFile(path.join(root, 'exceptions/missing-evidence_AC-08_2026-Q3.yaml'), 'owner: security # team\nresponse: The review happened; its record was lost.\n');
    const run = await capture(['rename', 'control', 'AC-08', 'SCM-08', '--root', root], { cwd: checkout });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('evidence/AC-08/ -> evidence/SCM-08/');
    const after = await tree(root);
    expect([...after.keys()].filter((f) => /^(evidence|exceptions)\//.test(f))).toEqual(['evidence/SCM-08/2026-Q3/review.csv', 'evidence/SCM-08/2026-Q3/review.csv.evidence.yaml', 'exceptions/missing-evidence_SCM-08_2026-Q3.yaml']);
    expect(after.get('evidence/SCM-08/2026-Q3/review.csv.evidence.yaml')!.toString()).toBe(metadata.replace('AC-08', 'SCM-08'));
    expect(after.get('evidence/SCM-08/2026-Q3/review.csv')!.toString()).toBe('login,decision\n');
    expect(after.get('exceptions/missing-evidence_SCM-08_2026-Q3.yaml')!.toString()).toBe('owner: security # team\nresponse: The review happened; its record was lost.\n');
  });

  it('refuses when the new path is taken by something the repository listing does not show (an empty folder)', async () => {
    const root = await starter();
    await mkdir(path.join(root, 'evidence/AC-08'), { recursive: true });
    await writeFile(path.join(root, 'evidence/AC-08/review.csv'), 'x\n');
    await mkdir(path.join(root, 'evidence/SCM-08'));
    const original = await tree(root);
    const run = await capture(['rename', 'control', 'AC-08', 'SCM-08'], { cwd: root });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error Unexpected `evidence/SCM-08` that already exists, expected the new path to be free\nNothing was written.\n' });
    expect(await tree(root)).toEqual(original);
  });

  it.each([
    [['person', 'dana-whitfield', 'Dana'], 'Unexpected person id `Dana`, expected an id matching `^[a-z0-9]+(-[a-z0-9]+)*$`'],
    [['person', 'dana-whitfield', 'priya-raman'], 'Unexpected new id `priya-raman`: a person already has it, expected an unused id'],
    [['person', 'nobody-here', 'someone'], 'Unexpected person `nobody-here`, expected an id from `people.yaml`'],
    [['policy', 'access-control', 'encryption'], 'Unexpected new id `encryption`: a policy already has it, expected an unused id'],
    [['policy', 'no-such-policy', 'fine'], 'Unexpected policy `no-such-policy`, expected an id from `policies/`'],
    [['control', 'AC-08', 'AC-8'], 'Unexpected control id `AC-8`, expected an id matching `^[A-Z]{2,5}-[0-9]{2,3}$`'],
    [['control', 'AC-08', 'AC-01'], 'Unexpected new id `AC-01`: a control already has it, expected an unused id'],
    [['control', 'ZZ-99', 'ZZ-98'], 'Unexpected control `ZZ-99`, expected an id from `controls/`'],
  ])('refuses %j with exit 1 and writes nothing', async (args, problem) => {
    const root = await starter();
    const original = await tree(root);
    const run = await capture(['rename', ...args], { cwd: root });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `error ${problem}\nNothing was written.\n` });
    expect(await tree(root)).toEqual(original);
  });

  it('is a usage error without exactly OLD and NEW; a refusal in JSON lists the problems and no files', async () => {
    const root = await starter();
    const json = await capture(['rename', 'person', 'dana-whitfield', 'security', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, dry_run: false, kind: 'person', from: 'dana-whitfield', to: 'security', problems: ['Unexpected new id `security`: a team already has it, expected an unused id'], folders: [], files: [] });
    const run = await capture(['rename', 'policy', 'access-control'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected 1 argument, expected OLD and NEW policy ids');
  });
});
