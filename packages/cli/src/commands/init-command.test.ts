import { afterEach, describe, expect, it } from '@jest/globals';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLfsTracked, outlineMarkdown } from '@evident/core';
import { findStarterRoot } from '../init/read-starter.js';
import { capture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

const sha = 'a'.repeat(40);

describe('evident init', () => {
  it('scaffolds a program that passes its own check, with every in-scope criterion covered', async () => {
    const dir = await temporaryDirectory();
    const init = await capture(['init', dir, '--categories', 'availability,confidentiality', '--actions-ref', `example/evident@${sha}`], { cwd: dir });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const config = await readFile(path.join(dir, 'evident.yaml'), 'utf8');
    expect(config).toMatch(/categories: \[ security, availability, confidentiality \]/);
    expect((await readdir(path.join(dir, 'policies'))).length).toBeGreaterThanOrEqual(15);
    expect((await readdir(path.join(dir, 'controls'))).length).toBeGreaterThanOrEqual(60);
    const check = await capture(['check', '--format', 'json', '--now', '2026-10-02'], { cwd: dir });
    expect(JSON.parse(check.stdout).summary.errors).toBe(0);
    expect(check.code).toBe(0);
    const coverage = await capture(['coverage', '--format', 'json'], { cwd: dir });
    const totals = JSON.parse(coverage.stdout).totals;
    expect(totals).toMatchObject({ criteria: 33 + 3 + 2, uncovered: 0 });
    expect(coverage.code).toBe(0);
  });

  it('drops controls that only serve categories out of scope', async () => {
    const dir = await temporaryDirectory();
    await capture(['init', dir], { cwd: dir });
    const controls = await readdir(path.join(dir, 'controls'));
    expect(controls.some((c) => c.startsWith('PRV-'))).toBe(false);
    const check = await capture(['check', '--format', 'json', '--now', '2026-10-02'], { cwd: dir });
    expect(JSON.parse(check.stdout).summary.errors).toBe(0);
  });

  it('pins every workflow to the Evident actions named by --actions-ref', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir, '--actions-ref', `example/evident@${sha}`], { cwd: dir })).code).toBe(0);
    const workflows = await readdir(path.join(dir, '.github/workflows'));
    expect(workflows).toEqual(expect.arrayContaining(['evidence.yml', 'populations.yml', 'pr-gate.yml', 'release.yml', 'reminders.yml']));
    expect(workflows).not.toContain('ci.yml');
    expect(workflows).not.toContain('evident-release.yml');
    const used = new Set<string>();
    for (const workflow of workflows) {
      const text = await readFile(path.join(dir, '.github/workflows', workflow), 'utf8');
      expect({ workflow, local: text.match(/uses: \.\/.*packages\/.*/g) }).toEqual({ workflow, local: null });
      // Nothing to take from the base commit: the pinned release is the gate's code.
      expect({ workflow, taken: text.match(/CHECK_ACTION|git archive/g) }).toEqual({ workflow, taken: null });
      for (const [, name] of text.matchAll(/uses: example\/evident\/packages\/actions\/([a-z-]+)@([0-9a-f]{40}) # evident [0-9a-f]{12}$/gm)) used.add(name!);
    }
    expect([...used].sort()).toEqual(['access', 'bundle', 'check', 'collect-evidence', 'populations', 'reminders']);
    await expect(readdir(path.join(dir, '.github/actions'))).rejects.toThrow();
  });

  it('vendors the action bundles when this copy of Evident names no release', async () => {
    const dir = await temporaryDirectory();
    const result = await capture(['init', dir, '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).actions).toEqual({ kind: 'vendored' });
    expect((await readdir(path.join(dir, '.github/actions'))).sort()).toEqual(['evident-access', 'evident-bundle', 'evident-check', 'evident-collect-evidence', 'evident-populations', 'evident-reminders']);
    const gate = await readFile(path.join(dir, '.github/workflows/pr-gate.yml'), 'utf8');
    expect(gate).toMatch(/uses: \.\/\.evident-base\/\.github\/actions\/evident-check$/m);
    // The step that takes the base commit's copy of the check takes the vendored one.
    expect(gate).toMatch(/^ +CHECK_ACTION: \.github\/actions\/evident-check$/m);
    expect(gate).not.toContain('packages/actions');
    for (const name of ['check', 'reminders']) {
      const action = await readFile(path.join(dir, `.github/actions/evident-${name}/action.yml`), 'utf8');
      expect(action).toContain('main: dist/index.js');
      expect((await readFile(path.join(dir, `.github/actions/evident-${name}/dist/index.js`), 'utf8')).length).toBeGreaterThan(100_000);
    }
    expect((await capture(['init', await temporaryDirectory(), '--actions', 'pinned'], { cwd: dir })).code).toBe(2);
  });

  it('writes drafts dated ahead, a Type I audit, the schemas it references and the rule docs', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir], { cwd: dir, now: new Date('2026-12-02T10:00:00Z') })).code).toBe(0);
    const config = await readFile(path.join(dir, 'evident.yaml'), 'utf8');
    expect(config).toMatch(/^ {2}type: type1\n {2}as_of: 2027-03-02\n/m);
    expect(config).not.toMatch(/^ {2}period:/m);
    const roster = await readFile(path.join(dir, 'people.yaml'), 'utf8');
    const names = [...roster.matchAll(/^ {4}name: (.+)$/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(3);
    const policies = await readdir(path.join(dir, 'policies'));
    for (const file of policies) {
      const text = await readFile(path.join(dir, 'policies', file), 'utf8');
      expect({ file, status: /^status: (\w+)/m.exec(text)?.[1] }).toEqual({ file, status: 'draft' });
      expect({ file, reviewed: /last_reviewed|next_review/.test(text) }).toEqual({ file, reviewed: false });
      expect({ file, effective: /^effective_date: (\S+)/m.exec(text)?.[1] }).toEqual({ file, effective: '2027-03-02' });
      expect({ file, people: names.filter((n) => text.includes(n)) }).toEqual({ file, people: [] });
      const schema = /\$schema=(\S+)/.exec(text)?.[1];
      expect(schema).toBe('../schemas/policy.schema.json');
    }
    for (const schema of ['config', 'people', 'policy', 'control']) await readFile(path.join(dir, 'schemas', `${schema}.schema.json`), 'utf8');
    const check = await capture(['check', '--format', 'json', '--now', '2026-12-02'], { cwd: dir });
    const links = new Set<string>(JSON.parse(check.stdout).diagnostics.map((d: { url: string }) => d.url));
    expect(links.size).toBeGreaterThan(0);
    for (const link of links) await readFile(path.join(dir, link), 'utf8');
  });

  it('scaffolds a repository in which every relative link resolves and no step names an Evident developer script', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir, '--categories', 'availability,confidentiality,processing-integrity,privacy'], { cwd: dir })).code).toBe(0);
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    const present = new Set(files);
    const markdown = files.filter((f) => f.endsWith('.md'));
    expect(markdown).toEqual(expect.arrayContaining(['README.md', 'docs/github-setup.md', '.github/pull_request_template.md', 'docs/rules/README.md']));
    const broken: string[] = [];
    let relative = 0;
    for (const file of markdown) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const link of outlineMarkdown(text, 0).links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link.url) || link.url.startsWith('#')) continue;
        relative += 1;
        const target = path.posix.join(path.posix.dirname(file), link.url.replace(/#.*$/, ''));
        if (!present.has(target)) broken.push(`${file}:${link.line}:${link.column} ${link.url}`);
      }
    }
    expect(broken).toEqual([]);
    expect(relative).toBeGreaterThan(50);
    const setup = await readFile(path.join(dir, 'docs/github-setup.md'), 'utf8');
    // No build info in a workspace build: Evident's own documents are named as text.
    expect(setup).toContain("`docs/evidence.md#setting-up-the-evidence-branch` in Evident's documentation");
    expect(setup).not.toMatch(/Add `CI`|require `CI`/);
    // Links to what the scaffold carries stay relative.
    expect(await readFile(path.join(dir, 'docs/rules/evidence-hash-mismatch.md'), 'utf8')).toContain('](../github-setup.md#what-the-gate-does)');
    const developerSteps: string[] = [];
    for (const file of files.filter((f) => !f.startsWith('.github/actions/'))) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const [mention] of text.matchAll(/scripts\/lint-workflows\.mjs|scripts\/build-actions\.mjs|\.ci\/run|(?<![\w.-])ci\.yml|evident-only/g)) developerSteps.push(`${file}: ${mention}`);
      if (!file.endsWith('.md')) {
        for (const [, evidents, doc] of text.matchAll(/(Evident's )?\b(docs\/[\w./-]+?\.md)\b/g)) if (!evidents && !present.has(doc!)) developerSteps.push(`${file}: ${doc}`);
      }
    }
    expect(developerSteps).toEqual([]);
  });

  it("writes a CODEOWNERS for the company's folders, without Evident's own code, scripts and CI", async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir], { cwd: dir })).code).toBe(0);
    const owners = await readFile(path.join(dir, '.github/CODEOWNERS'), 'utf8');
    const patterns = owners.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).map((line) => line.split(/\s+/)[0]);
    expect(patterns).toEqual(['*', '/policies/', '/controls/', '/evident.yaml', '/people.yaml', '/frameworks/', '/evidence/', '.gitattributes', '/exceptions/', '/.github/', '/schemas/']);
    expect(owners).not.toContain('evident-only');
    // Evident's own repository keeps them.
    expect(await readFile(path.join(findStarterRoot()!, '.github/CODEOWNERS'), 'utf8')).toMatch(/^\/packages\/ /m);
  });

  it('writes a .gitattributes that keeps evidence byte for byte and stores its binary types with Git LFS', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir], { cwd: dir, now: new Date('2026-12-02T10:00:00Z') })).code).toBe(0);
    const attributes = await readFile(path.join(dir, '.gitattributes'), 'utf8');
    expect(attributes).toMatch(/^evidence\/\*\* -text$/m);
    for (const file of ['evidence/AC-01/2026-Q3/review.pdf', 'evidence/AC-01/2026-07/screen.png', 'evidence/AC-01/2026-07/photo.jpg', 'evidence/HR-01/2026/logs.zip', 'evidence/AC-01/2026-Q3/access.xlsx']) {
      expect({ file, lfs: isLfsTracked(attributes, file) }).toEqual({ file, lfs: true });
    }
    for (const file of ['evidence/AC-01/2026-Q3/access.csv', 'evidence/AC-01/2026-Q3/access.csv.evidence.yaml', 'docs/diagram.png']) {
      expect({ file, lfs: isLfsTracked(attributes, file) }).toEqual({ file, lfs: false });
    }
  });

  it('never overwrites: existing files are reported as conflicts and kept byte for byte', async () => {
    const dir = await temporaryDirectory();
    await writeFile(path.join(dir, 'evident.yaml'), 'organization: mine\n');
    const result = await capture(['init', dir], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 file already exists and was left untouched:\n  evident.yaml\n');
    expect(await readFile(path.join(dir, 'evident.yaml'), 'utf8')).toBe('organization: mine\n');
    expect((await readdir(path.join(dir, 'policies'))).length).toBeGreaterThanOrEqual(15);
  });

  it('counts files in the singular and the plural: several conflicts, one file written', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir], { cwd: dir })).code).toBe(0);
    await rm(path.join(dir, 'people.yaml'));
    const again = await capture(['init', dir], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^Wrote 1 file into .+\.\n\d+ files already exist and were left untouched:\n/);
  });

  it('rejects an unknown category and a tag instead of a commit SHA', async () => {
    const dir = await temporaryDirectory();
    expect((await capture(['init', dir, '--categories', 'safety'], { cwd: dir })).code).toBe(2);
    expect((await capture(['init', dir, '--actions-ref', 'example/evident@v1'], { cwd: dir })).code).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes the starter program from the checkout named by --from (relative to the working directory)', async () => {
    const work = await temporaryDirectory();
    const starter = findStarterRoot()!;
    for (const entry of ['evident.yaml', 'people.yaml', '.github', 'docs/rules', 'docs/github-setup.md', 'policies', 'controls', 'frameworks', 'schemas']) await cp(path.join(starter, entry), path.join(work, 'fork', entry), { recursive: true });
    const policy = path.join(work, 'fork/policies/access-control.md');
    const original = await readFile(policy, 'utf8');
    expect(original).toMatch(/^title: Access Control Policy$/m);
    await writeFile(policy, original.replace(/^title: Access Control Policy$/m, 'title: Access Control Policy of the Fork'));
    const result = await capture(['init', 'scaffold', '--from', 'fork', '--actions-ref', `example/evident@${sha}`], { cwd: work });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(path.join(work, 'scaffold/policies/access-control.md'), 'utf8')).toMatch(/^title: Access Control Policy of the Fork$/m);
    // Without --from the CLI's own starter is used, which keeps the original title.
    const own = await temporaryDirectory();
    expect((await capture(['init', own, '--actions-ref', `example/evident@${sha}`], { cwd: work })).code).toBe(0);
    expect(await readFile(path.join(own, 'policies/access-control.md'), 'utf8')).toMatch(/^title: Access Control Policy$/m);
    // A directory holding no starter program is a usage error, and nothing is written.
    const empty = await temporaryDirectory();
    const refused = await capture(['init', path.join(work, 'nothing'), '--from', empty, '--actions-ref', `example/evident@${sha}`], { cwd: work });
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain(`Unexpected --from \`${empty}\`, expected an Evident checkout holding the starter program`);
    await expect(readdir(path.join(work, 'nothing'))).rejects.toThrow();
  });

  it('lists the plan without writing on --dry-run', async () => {
    const dir = await temporaryDirectory();
    const result = await capture(['init', dir, '--dry-run', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(result.stdout).planned).toContain('evident.yaml');
    expect(await readdir(dir)).toEqual([]);
  });
});
