import { idFromFileName, listFiles, planImport, readTextFile, type Finding, type ImportItem, type ImportSource } from '@evident/core';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;
const MAX_BYTES = 1024 * 1024;
const markdown = /\.(md|markdown)$/i;

/** The documents named on the command line: files as given, folders by their Markdown files (others are listed as skipped). */
async function readSources(args: readonly string[], io: CliIo): Promise<ImportSource[]> {
  const sources: ImportSource[] = [];
  for (const arg of args) {
    const absolute = path.resolve(io.cwd, arg);
    const shown = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/') || '.';
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error || !('isDirectory' in info)) {
      sources.push({ name: shown(absolute), problem: (info as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${(info as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const faults: Finding[] = [];
    const files = info.isDirectory() ? await listFiles(absolute, '.', () => true, { faults }) : [path.basename(absolute)];
    const base = info.isDirectory() ? absolute : path.dirname(absolute);
    for (const fault of faults) sources.push({ name: shown(path.join(base, fault.file)), problem: lowerFirst(fault.message) });
    for (const file of files) {
      const name = shown(path.join(base, file));
      if (!markdown.test(file)) {
        sources.push({ name, problem: 'not a Markdown file (`.md`, `.markdown`): skipped' });
        continue;
      }
      const read = await readTextFile(base, file, MAX_BYTES);
      sources.push(read.file ? { name, text: read.file.text } : { name, problem: lowerFirst(read.finding.message) });
    }
  }
  return sources;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function formatReport(items: readonly ImportItem[], dryRun: boolean, io: CliIo): string {
  const done = items.filter((i) => i.target && !i.problem);
  const failed = items.filter((i) => i.problem);
  const lines: string[] = [];
  lines.push(`${dryRun ? 'Would import' : 'Imported'} ${done.length} ${done.length === 1 ? 'policy' : 'policies'} as drafts (status: draft).`);
  for (const item of done) {
    lines.push('', `${item.target} ${io.style.dim(`from ${item.source}`)}`);
    for (const m of item.mapped) lines.push(`  mapped: ${m}`);
    for (const n of item.needs) lines.push(`  ${io.style.yellow('needs a human')}: ${n}`);
  }
  if (failed.length > 0) {
    lines.push('', `Could not import ${failed.length} ${failed.length === 1 ? 'file' : 'files'}:`);
    for (const item of failed) lines.push(`  ${item.source}: ${item.problem}`);
  }
  lines.push('', dryRun ? 'Nothing was written (--dry-run).' : 'Make the changes listed under "needs a human", run `evident check`, and open a pull request.');
  return `${lines.join('\n')}\n`;
}

export const importCommand: Command = {
  name: 'import',
  summary: "Bring existing policy documents (Markdown, another tool's frontmatter, {{placeholder}} templates) in as draft policies.",
  usage: 'evident import DIR|FILE... [--dry-run] [--root DIR] [--format text|json] [--now DATE]',
  maxPositionals: Infinity,
  options: {
    'dry-run': { type: 'boolean', description: 'Report what would be imported without writing anything (by default import writes).' },
    root: rootOption,
    format: formatOption(formats),
    now: nowOption,
  },
  details: [
    'Writes one policy per Markdown file under paths.policies (status: draft), its id from the file name; never overwrites.',
    'Ids are spelled in ASCII: accents dropped (Política de acceso.md: politica-de-acceso), ß as ss, æ as ae, ø as o; other letters left out (reported),',
    'a name with no ASCII letter or digit gives policy-<8 hex digits of its hash>, a Windows device name (aux) gets -policy. A title from the file name keeps its letters.',
    'Maps a title (frontmatter title or name, else the first heading), criteria (criteria, satisfies: {TSC: [CC1.1]}), owner, approvers and version (version or revision history);',
    'fills {{placeholders}} from evident.yaml (e.g. {{organization.name}}) and reports what needs a human: unknown criteria, owners, missing sections, placeholders left.',
    'Writes by default; --dry-run only reports.',
    'Exit codes: 0 every Markdown file imported, 1 some could not be read or already exist (the others are imported), 2 usage or configuration error.',
  ].join('\n'),
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    if (positionals.length === 0) throw new UsageError('Missing DIR or FILE, expected the policy documents to import');
    const dryRun = values['dry-run'] === true;
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const sources = await readSources(positionals, io);
    const loaded = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!loaded) return ExitCode.usage;
    const { model } = loaded;
    const existingIds = new Set(model.documents.map((d) => (typeof d.data?.id === 'string' ? d.data.id : idFromFileName(d.path))));
    const plan = planImport(sources, {
      config: model.config,
      criteria: new Set(model.framework.criteria.map((c) => c.id)),
      people: model.people,
      existingIds,
      existingFiles: model.files,
      today,
    });
    if (!dryRun) {
      for (const write of plan.writes) {
        const absolute = path.join(root, write.path);
        await mkdir(path.dirname(absolute), { recursive: true });
        try {
          await writeFile(absolute, write.text, { flag: 'wx' });
        } catch (error) {
          const item = plan.items.find((i) => i.target === write.path)!;
          item.problem = (error as NodeJS.ErrnoException).code === 'EEXIST' ? `${write.path} already exists: not overwritten` : `${write.path} could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
        }
      }
    }
    if (format === 'json') writeJson(io, { version: 1, dry_run: dryRun, items: plan.items });
    else io.stdout(formatReport(plan.items, dryRun, io));
    return plan.items.some((i) => i.problem) ? ExitCode.findings : ExitCode.ok;
  },
};
