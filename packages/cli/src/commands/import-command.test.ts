import { afterEach, describe, expect, it } from '@jest/globals';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capture, copyOfFixture, coreFixture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

const NOW = ['--now', '2026-11-26'];
const set = (name: string) => path.join(coreFixture('import', 'ok'), '..', name);

interface Item {
  source: string;
  target?: string;
  mapped: string[];
  needs: string[];
  problem?: string;
}

async function importSet(name: string, extra: string[] = []) {
  const root = await copyOfFixture('schema', 'ok');
  const run = await capture(['import', set(name), '--format', 'json', ...NOW, ...extra], { cwd: root });
  const report = JSON.parse(run.stdout) as { dry_run: boolean; items: Item[] };
  return { root, run, report };
}

/** Make exactly the changes the report asks for, and nothing else. */
async function applyNamedFixes(root: string, items: Item[]): Promise<void> {
  for (const item of items.filter((i) => i.target)) {
    const file = path.join(root, item.target!);
    let text = await readFile(file, 'utf8');
    for (const need of item.needs) {
      const section = /^add the section `([^`]+)`/.exec(need)?.[1];
      if (section) text = `${text}\n## ${section}\n\nWritten by the policy owner.\n`;
      if (need.startsWith('add the criteria')) text = text.replace('criteria: []', 'criteria: [CC6.1]');
      const placeholder = /^replace the placeholder `(\{\{[^`]+\}\})`/.exec(need)?.[1];
      if (placeholder) text = text.split(placeholder).join('help@example.com');
      const owner = /^name the owner: `([^`]+)`/.exec(need);
      if (owner) text = text.replace(/^owner: .*$/m, 'owner: grace-hopper');
    }
    await writeFile(file, text);
  }
}

async function checkText(root: string) {
  return (await capture(['check', ...NOW], { cwd: root })).stdout;
}

describe('evident import', () => {
  it('imports plain Markdown: title from the first heading, sections matched, non-Markdown files reported', async () => {
    const { root, run, report } = await importSet('plain');
    expect(run.code).toBe(1);
    expect(report.items.map((i) => [i.source.split('/').pop(), i.target ?? i.problem])).toEqual([
      ['Access Control Policy.md', 'policies/access-control-policy.md'],
      ['incident-response.md', 'policies/incident-response.md'],
      ['notes.txt', 'not a Markdown file (`.md`, `.markdown`): skipped'],
    ]);
    expect(report.items[1]!.needs).toEqual([
      'add the criteria the policy addresses to `criteria` (none could be mapped)',
      'confirm the owner: none was named, so the security officer `ada-lovelace` was set',
      'confirm the approvers: none could be mapped, so `security` was set',
      'add the section `Exceptions` (a heading such as `## Exceptions`)',
    ]);
    expect(await readFile(path.join(root, 'policies/access-control-policy.md'), 'utf8')).toBe(
      [
        '---',
        'id: access-control-policy',
        'title: Access Control Policy',
        'version: "1.0"',
        'status: draft',
        'owner: ada-lovelace',
        'approvers: [security]',
        'effective_date: 2026-11-26',
        'review:',
        '  cadence: annually',
        'criteria: []',
        '---',
        '',
        (await readFile(path.join(set('plain'), 'Access Control Policy.md'), 'utf8')).trimEnd(),
        '',
      ].join('\n'),
    );
    expect(await checkText(root)).not.toBe('0 errors, 0 warnings, 0 info\n');
    await applyNamedFixes(root, report.items);
    expect(await checkText(root)).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it("maps another tool's frontmatter and names the criteria and owners it could not map", async () => {
    const { root, run, report } = await importSet('foreign');
    expect(run.code).toBe(0);
    const [retention, encryption] = report.items;
    expect(retention!.mapped).toEqual([
      'frontmatter fields `name`, `satisfies`, `owner`, `majorRevisions`',
      'title `Data Retention Policy` from the frontmatter',
      'criteria `CC6.3`',
      'owner `grace-hopper`',
      'version `1.2` from the frontmatter',
    ]);
    expect(retention!.needs).toEqual(['map the criterion `CC99.1` by hand: it is not in the framework catalog and was left out', 'confirm the approvers: none could be mapped, so `security` was set']);
    expect(encryption!.needs).toEqual([
      'name the owner: `someone-who-left` is not in the roster or a team, so the security officer `ada-lovelace` was set',
      'add the section `Exceptions` (a heading such as `## Exceptions`)',
    ]);
    const written = await readFile(path.join(root, 'policies/encryption.md'), 'utf8');
    expect(written).toContain('version: "2.0"\nstatus: draft\nowner: ada-lovelace\napprovers: [security]\neffective_date: 2025-05-01\n');
    expect(written).toContain('criteria: [CC6.1, CC6.2]\n');
    await applyNamedFixes(root, report.items);
    expect(await checkText(root)).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it('fills template placeholders from evident.yaml and reports those it cannot fill', async () => {
    const { root, run, report } = await importSet('templates');
    expect(run.code).toBe(0);
    const [acceptable, password] = report.items;
    expect(acceptable!.mapped.slice(0, 2)).toEqual(['placeholder `{{organization.name}}` filled with `Example Co`', 'placeholder `{{company_name}}` filled with `Example Co`']);
    expect(acceptable!.needs[0]).toBe('replace the placeholder `{{support_email}}` (no value of that name in `evident.yaml`)');
    expect(password!.mapped).toContain('title `Example Co Password Policy` from the frontmatter');
    expect(await readFile(path.join(root, 'policies/acceptable-use.md'), 'utf8')).toContain('Everyone who works for Example Co, on every device');
    await applyNamedFixes(root, report.items);
    expect(await checkText(root)).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it('writes nothing with --dry-run and never overwrites', async () => {
    const { root, run, report } = await importSet('templates', ['--dry-run']);
    expect(run.code).toBe(0);
    expect(report.dry_run).toBe(true);
    expect((await readdir(path.join(root, 'policies'))).sort()).toEqual(['access-control.md']);
    const first = await capture(['import', set('templates'), ...NOW], { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported 2 policies as drafts (status: draft).');
    await writeFile(path.join(root, 'policies/password.md'), 'edited\n');
    const again = await capture(['import', set('templates'), ...NOW], { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('Could not import 2 files:');
    expect(again.stdout).toContain('`policies/password.md` or the id `password` already exists: not overwritten');
    expect(await readFile(path.join(root, 'policies/password.md'), 'utf8')).toBe('edited\n');
  });

  it('never pads a short title with dots: a title of a sentence end such as "A." or "1." gives way to the heading or the file name', async () => {
    const root = await copyOfFixture('schema', 'ok');
    const incoming = await temporaryDirectory();
    const sections = '\n## Purpose\n\nWhy.\n\n## Scope\n\nAll.\n\n## Policy\n\nRules.\n\n## Roles and Responsibilities\n\nThe owner.\n\n## Exceptions\n\nNone.\n\n## Enforcement\n\nReview.\n';
    await writeFile(path.join(incoming, 'vendor-management.md'), `---\ntitle: "A."\n---\n# Vendor Management.\n${sections}`);
    await writeFile(path.join(incoming, 'hr.md'), `# 1.\n${sections}`);
    const run = await capture(['import', incoming, '--format', 'json', ...NOW], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { items: Item[] };
    expect(report.items.map((i) => [i.target, i.mapped.find((m) => m.startsWith('title ')), i.needs.filter((n) => n.startsWith('confirm the title'))])).toEqual([
      ['policies/hr.md', 'title `Hr Policy` from the file name', ['confirm the title `Hr Policy`, taken from the file name: the first heading gives `1.`, shorter than 3 characters']],
      ['policies/vendor-management.md', 'title `Vendor Management.` from the first heading', ['confirm the title `Vendor Management.`, taken from the first heading: the frontmatter gives `A.`, shorter than 3 characters']],
    ]);
    expect(await readFile(path.join(root, 'policies/hr.md'), 'utf8')).toContain('\ntitle: Hr Policy\n');
    expect(await readFile(path.join(root, 'policies/vendor-management.md'), 'utf8')).toContain('\ntitle: Vendor Management.\n');
    await applyNamedFixes(root, report.items);
    expect(await checkText(root)).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it('spells ids from accented file names in ASCII and keeps their letters in the titles', async () => {
    const root = await copyOfFixture('schema', 'ok');
    const incoming = await temporaryDirectory();
    // No heading: the title comes from the file name (the sections are added below, as the report asks).
    for (const name of ['Política de acceso.md', 'sécurité-des-données.md', 'Straße und Ærø.md', '数据.md']) await writeFile(path.join(incoming, name), 'Who may access what.\n');
    const run = await capture(['import', incoming, '--format', 'json', ...NOW], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { items: (Item & { id: string })[] };
    const bySource = report.items.map((i) => [path.basename(i.source), i.target, i.id, i.mapped.find((m) => m.startsWith('title '))]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1));
    expect(bySource).toEqual([
      ['数据.md', 'policies/policy-5440f742.md', 'policy-5440f742', 'title `数据 Policy` from the file name'],
      ['Política de acceso.md', 'policies/politica-de-acceso.md', 'politica-de-acceso', 'title `Política de acceso` from the file name'],
      ['sécurité-des-données.md', 'policies/securite-des-donnees.md', 'securite-des-donnees', 'title `Sécurité Des Données` from the file name'],
      ['Straße und Ærø.md', 'policies/strasse-und-aero.md', 'strasse-und-aero', 'title `Straße und Ærø` from the file name'],
    ]);
    expect(report.items.find((i) => i.id === 'policy-5440f742')!.needs[0]).toBe(
      'confirm the id `policy-5440f742`: the file name has no letter or digit with an ASCII spelling, so the id was made from a hash of it (to choose another, `evident rename policy policy-5440f742 NEW`)',
    );
    expect((await readdir(path.join(root, 'policies'))).sort()).toEqual(['access-control.md', 'policy-5440f742.md', 'politica-de-acceso.md', 'securite-des-donnees.md', 'strasse-und-aero.md']);
    expect(await readFile(path.join(root, 'policies/politica-de-acceso.md'), 'utf8')).toMatch(/^---\nid: politica-de-acceso\ntitle: Política de acceso\n[^]*\n---\n\n# Política de acceso\n\nWho may access what.\n$/);
    expect(await readFile(path.join(root, 'policies/strasse-und-aero.md'), 'utf8')).toContain('\ntitle: Straße und Ærø\n');
    await applyNamedFixes(root, report.items);
    expect(await checkText(root)).toBe('0 errors, 0 warnings, 0 info\n');
  });

  it('refuses a call without documents', async () => {
    const run = await capture(['import'], { cwd: await copyOfFixture('schema', 'ok') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Missing DIR or FILE, expected the policy documents to import');
  });
});
