import { describe, expect, it } from '@jest/globals';
import { withDefaults } from '../config/config.js';
import { code } from '../diagnostic.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { planImport } from './plan-import.js';

const config = withDefaults({ organization: { name: 'Example Co', security_officer: 'ada-lovelace' }, teams: [{ id: 'security', members: ['ada-lovelace', 'grace-hopper'] }] });
const context = { config, criteria: new Set(['CC6.1']), people: [], existingIds: new Set<string>(), existingFiles: new Set<string>(), today: '2026-11-26' };

/** Import one document: the title written in its frontmatter, what the report says of it, and the body written. */
function imported(name: string, text: string) {
  const plan = planImport([{ name, text }], context);
  const written = plan.writes[0]!.text;
  const frontmatter = written.slice(4, written.indexOf('\n---\n', 4) + 1);
  const parsed = parseYaml(frontmatter, 'frontmatter');
  const title = parsed.ok ? (parsed.data as { title: string }).title : undefined;
  const item = plan.items[0]!;
  return { title, mapped: item.mapped.find((m) => m.startsWith('title ')), needs: item.needs.filter((n) => n.startsWith('confirm the title')), body: written.slice(written.indexOf('\n---\n\n', 4) + 6) };
}

describe('planImport titles', () => {
  it('keeps a title of two characters and a period as it is found elsewhere, never padding it with dots', () => {
    const result = imported('access.md', '---\ntitle: "A."\n---\n# Access Control\n\nText.\n');
    expect(result.title).toBe('Access Control');
    expect(result.mapped).toBe('title `Access Control` from the first heading');
    expect(result.needs).toEqual(['confirm the title `Access Control`, taken from the first heading: the frontmatter gives `A.`, shorter than 3 characters']);
  });

  it('takes the file name, followed by "Policy" when it is short, when the heading is a numbered sentence end such as "1."', () => {
    const result = imported('hr.md', '# 1.\n\nText.\n');
    expect(result.title).toBe('Hr Policy');
    expect(result.needs).toEqual(['confirm the title `Hr Policy`, taken from the file name: the first heading gives `1.`, shorter than 3 characters']);
  });

  it('passes over an empty heading and one of punctuation only, for the file name', () => {
    expect(imported('incident-response.md', '#\n\nText.\n')).toMatchObject({ title: 'Incident Response', needs: ['confirm the title `Incident Response`, taken from the file name: the first heading is empty'] });
    expect(imported('incident-response.md', '# ...\n\nText.\n')).toMatchObject({ title: 'Incident Response', needs: ['confirm the title `Incident Response`, taken from the file name: the first heading gives `...`, with no letter or digit'] });
    expect(imported('incident-response.md', '---\ntitle: "?!"\n---\n# —\n\nText.\n').needs).toEqual([
      'confirm the title `Incident Response`, taken from the file name: the frontmatter gives `?!`, with no letter or digit; the first heading gives `—`, with no letter or digit',
    ]);
  });

  it('keeps a title that ends with a period or an ellipsis as written, with no period added', () => {
    expect(imported('a.md', '# Access Control Policy.\n').title).toBe('Access Control Policy.');
    expect(imported('a.md', '---\ntitle: Access and more...\n---\nText.\n').title).toBe('Access and more...');
    expect(imported('a.md', '# Access\n').needs).toEqual([]);
  });

  it('collapses line breaks and runs of spaces, and leaves no whitespace at either end', () => {
    expect(imported('a.md', '---\ntitle: "  Access\\n\\tControl   Policy  "\n---\nText.\n').title).toBe('Access Control Policy');
    expect(imported('a.md', 'Access\nControl Policy\n===\n\nText.\n').title).toBe('Access Control Policy');
  });

  it('cuts a title past 200 characters at a word, with one ellipsis and no trailing space or dots, and says so', () => {
    const long = `${'Word '.repeat(36)}Sentence ends here. ${'More words follow. '.repeat(5)}`;
    const result = imported('long.md', `# ${long}\n`);
    expect([...result.title!].length).toBeLessThanOrEqual(200);
    expect(result.title).toBe(`${'Word '.repeat(36)}Sentence ends here…`);
    expect(imported('long.md', `# ${'Word '.repeat(38)}Sentences-run-on-past-the-cut and beyond it\n`).title).toBe(`${'Word '.repeat(37)}Word…`);
    expect(result.needs).toEqual([`confirm the title ${code(result.title)}, taken from the first heading: the first heading gives ${[...long.trim()].length} characters, more than 200: shortened`]);
  });

  it('writes every awkward title in the range the policy schema accepts, with no trailing whitespace, no ".." and a letter or digit', () => {
    const awkward = ['# A.', '# ..', '#', '# . . .', `# ${'x'.repeat(300)}`, `# ${'Ab. '.repeat(80)}`, '---\ntitle: "Q."\n---\nText.', '# I.\n', `# ${'é'.repeat(150)} ${'e\u0301'.repeat(100)}`];
    for (const text of awkward) {
      const { title } = imported('p.md', text);
      expect({ text, length: [...title!].length >= 3 && [...title!].length <= 200, trimmed: title === title!.trim(), dots: /\.\.$/.test(title!), letter: /[\p{L}\p{N}]/u.test(title!) }).toEqual({ text, length: true, trimmed: true, dots: false, letter: true });
    }
  });

  it('writes the title as the first heading only when the document has none', () => {
    expect(imported('incident-response.md', 'Text.\n').body).toBe('# Incident Response\n\nText.\n');
    expect(imported('incident-response.md', '# ...\n\nText.\n').body).toBe('# ...\n\nText.\n');
  });
});

describe('planImport ids and titles from accented file names', () => {
  const plan = (names: string[]) => planImport(names.map((name) => ({ name, text: 'Text.\n' })), context);

  it('spells the id in ASCII and keeps the title as the file name writes it', () => {
    const { writes, items } = plan(['in/Política de acceso.md', 'in/política-de-contraseñas.md']);
    expect(items.map((i) => [i.target, i.id, i.mapped[0]])).toEqual([
      ['policies/politica-de-acceso.md', 'politica-de-acceso', 'title `Política de acceso` from the file name'],
      ['policies/politica-de-contrasenas.md', 'politica-de-contrasenas', 'title `Política De Contraseñas` from the file name'],
    ]);
    expect(writes[0]!.text).toMatch(/^---\nid: politica-de-acceso\ntitle: Política de acceso\n/);
    expect(writes[0]!.text).toContain('\n---\n\n# Política de acceso\n\nText.\n');
    expect(items.flatMap((i) => i.needs.filter((n) => n.includes('the id')))).toEqual([]);
  });

  it('asks a human to confirm an id that left letters out, was made from a hash, or was a Windows device name', () => {
    const { items } = plan(['数据 backup.md', '数据.md', 'aux.md']);
    expect(items.map((i) => [i.id, i.needs[0]])).toEqual([
      ['backup', 'confirm the id `backup`: `数`, `据` in the file name have no ASCII spelling and were left out'],
      ['policy-5440f742', 'confirm the id `policy-5440f742`: the file name has no letter or digit with an ASCII spelling, so the id was made from a hash of it (to choose another, `evident rename policy policy-5440f742 NEW`)'],
      ['aux-policy', 'confirm the id `aux-policy`: the file name gives `aux`, a device name Windows reserves, so `-policy` was added'],
    ]);
    expect(items[1]!.mapped[0]).toBe('title `数据 Policy` from the file name');
  });

  it('refuses a second file whose name gives the same id, whatever its accents', () => {
    const { writes, items } = plan(['Política.md', 'Politica.md']);
    expect(writes.map((w) => w.path)).toEqual(['policies/politica.md']);
    expect(items[1]!.problem).toBe('`policies/politica.md` or the id `politica` already exists: not overwritten (rename the source file to import it under another id)');
  });
});
