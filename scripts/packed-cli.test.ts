/**
 * The route a company takes on its first day, end to end: `npm run package` packs the CLI, the
 * tarball is installed into an empty folder with the registry unreachable, and the installed
 * `evident` scaffolds a program and runs check, check --strict, coverage, status, bundle and
 * verify on it. The scaffold's workflows pass the workflow lint and name no placeholder.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let temp: string;
let tarball: string;
let evident: string;
let program: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A process with a plain environment: no registry reachable, no colours, no GitHub token. */
function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}): Run {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: temp,
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_cache: path.join(temp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    GIT_AUTHOR_NAME: 'Dana',
    GIT_AUTHOR_EMAIL: 'dana@company.test',
    GIT_COMMITTER_NAME: 'Dana',
    GIT_COMMITTER_EMAIL: 'dana@company.test',
    ...extra,
  };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cli = (args: string[], cwd = program) => run(process.execPath, [evident, ...args], cwd);

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'evident-packed-'));
  const packed = run(process.execPath, [path.join(root, 'scripts/package-cli.mjs'), '--out', path.join(temp, 'pack')], root);
  expect(packed).toMatchObject({ code: 0 });
  const name = (await readdir(path.join(temp, 'pack'))).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`npm run package wrote no tarball: ${packed.stdout}${packed.stderr}`);
  tarball = path.join(temp, 'pack', name);
  const app = path.join(temp, 'app');
  await rm(app, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(app));
  await writeFile(path.join(app, 'package.json'), '{ "name": "company-tools", "private": true }\n');
  const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], app);
  expect({ code: installed.code, stderr: installed.stderr.replace(/npm warn.*\n/gi, '') }).toEqual({ code: 0, stderr: '' });
  evident = path.join(app, 'node_modules', '.bin', 'evident');
  program = path.join(temp, 'program');
}, 180_000);

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('the packed CLI, installed offline', () => {
  it('carries no runtime dependency and names its version', async () => {
    const manifest = JSON.parse(await readFile(path.join(path.dirname(evident), '..', 'evident-soc2', 'package.json'), 'utf8'));
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest.bin).toEqual({ evident: 'dist/bin.js' });
    const version = cli(['--version'], temp);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^evident-soc2 \d+\.\d+\.\d+ \(/);
  });

  it('scaffolds a program with workflows that run on GitHub as written', async () => {
    const init = cli(['init', program, '--categories', 'availability,confidentiality'], temp);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const workflows = path.join(program, '.github/workflows');
    const files = (await readdir(workflows)).sort();
    const projectOnly = ['ci.yml', 'evident-release.yml'];
    expect(files).toEqual((await readdir(path.join(root, '.github/workflows'))).filter((f) => !projectOnly.includes(f)).sort());
    expect(files).toEqual(expect.arrayContaining(['evidence.yml', 'populations.yml', 'pr-gate.yml', 'release.yml', 'reminders.yml']));
    for (const file of files) {
      const text = await readFile(path.join(workflows, file), 'utf8');
      expect({ file, placeholders: text.match(/uses: .*REPLACE.*/g) }).toEqual({ file, placeholders: null });
      expect({ file, npm: text.match(/npm ci|setup-node|npx /g) }).toEqual({ file, npm: null });
      for (const [, used] of text.matchAll(/uses: \.\/(\S+)/g)) {
        const local = used!.replace(/^\.evident-base\//, '');
        expect({ file, used, exists: existsSync(path.join(program, local, 'action.yml')) }).toEqual({ file, used, exists: true });
      }
    }
    const lint = run(process.execPath, [path.join(root, 'scripts/lint-workflows.mjs'), ...files.map((f) => path.join(workflows, f))], program);
    expect({ code: lint.code, out: lint.stdout + lint.stderr }).toEqual({ code: 0, out: expect.stringContaining('pass') });
  });

  it('warns about every placeholder, and fails on them with --strict, naming file and line', () => {
    const check = cli(['check', '--format', 'json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout);
    expect(report.summary.errors).toBe(0);
    const placeholders = report.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'content/placeholder');
    expect(placeholders.length).toBeGreaterThan(5);
    expect(placeholders.map((d: { file: string }) => d.file)).toEqual(expect.arrayContaining(['evident.yaml', 'people.yaml']));
    for (const d of placeholders) {
      expect(d.line).toBeGreaterThan(0);
      expect(existsSync(path.join(program, d.url))).toBe(true);
    }
    const strict = cli(['check', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^\s*evident\.yaml:\d+:\d+ warning .*\[content\/placeholder\]/m);
  });

  it('runs coverage and status on the scaffold', () => {
    const coverage = cli(['coverage', '--format', 'json']);
    expect(coverage.code).toBe(0);
    expect(JSON.parse(coverage.stdout).totals).toMatchObject({ criteria: 33 + 3 + 2, uncovered: 0 });
    const status = cli(['status', '--format', 'json']);
    expect([0, 1]).toContain(status.code);
    expect(JSON.parse(status.stdout).audit.type).toBe('type1');
  });

  it('refuses to bundle placeholders, and bundles them when told to, recording it', () => {
    expect(run('git', ['init', '-q', '-b', 'main'], program).code).toBe(0);
    expect(run('git', ['add', '-A'], program).code).toBe(0);
    expect(run('git', ['commit', '-q', '-m', 'Scaffold'], program).code).toBe(0);
    const refused = cli(['bundle', '--out', 'out']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/evident\.yaml:\d+/);
    expect(existsSync(path.join(program, 'out'))).toBe(false);
    const built = cli(['bundle', '--out', 'out', '--allow-placeholders']);
    expect(built.code).toBe(0);
    const zip = /out\/\S+\.zip/.exec(built.stdout)?.[0];
    expect(zip).toBeDefined();
    const verify = cli(['verify', zip!]);
    expect(verify.code).toBe(0);
  });
});
