import { createValidators, formatDiagnosticsJson, loadConfig, planRename, readRepository, RENAME_KINDS, toDiagnostics, type RenameKind, type RenamePlan, type RepositorySnapshot } from '@evident/core';
import { lstat, mkdir, readdir, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, resolveRoot, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { printConfigFault } from '../load-checked-repository.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

const what: Record<RenameKind, { example: string; details: string }> = {
  policy: {
    example: 'evident rename policy access-control identity-and-access',
    details: "Renames the policy's `id` and its file (policies/OLD.md to policies/NEW.md, under paths.policies), the controls' `policies` entries, Markdown links to the file, and the id in management responses (exceptions/) and their file names.",
  },
  person: {
    example: 'evident rename person dana-whitfield your-id',
    details: "Renames the roster entry's `id` and every reference: `manager`, evident.yaml's organization.security_officer, system owners and team members, policies' owner, approvers and acknowledgment audience, controls' owner, evidence metadata's collected_by, management responses' owner and the id in them.",
  },
  control: {
    example: 'evident rename control AC-01 IAM-01',
    details: "Renames the control's `id` and its file (controls/OLD.md to controls/NEW.md, under paths.controls), evidence metadata's `controls`, access.review_control in evident.yaml, Markdown links to the file, the id in management responses and their file names, and moves the evidence folder evidence/OLD/ to evidence/NEW/.",
  },
};

/** Paths as printed: the move when there is one. */
function describeChanges(plan: RenamePlan, dryRun: boolean): string {
  const lines = [`${dryRun ? 'Would rename' : 'Renamed'} ${plan.kind} \`${plan.from}\` to \`${plan.to}\` in ${plan.files.length} ${plan.files.length === 1 ? 'file' : 'files'}${plan.folders.length > 0 ? ` and moved ${plan.folders.length === 1 ? 'a folder' : `${plan.folders.length} folders`}` : ''}:`];
  for (const folder of plan.folders) lines.push(`  ${folder.path}/ -> ${folder.to}/`);
  for (const file of plan.files) lines.push(`  ${file.to && file.to !== file.path ? `${file.path} -> ${file.to}` : file.path}${file.edits.length > 0 ? ` (${file.edits.length} ${file.edits.length === 1 ? 'reference' : 'references'})` : ''}`);
  lines.push('', dryRun ? 'Nothing was written (--dry-run).' : 'Run `evident check`, review the diff and open a pull request. Evidence records on the evidence branch still name the old id: they are history.');
  return `${lines.join('\n')}\n`;
}

/** The plan as JSON: every edit with its line, the replaced text and the new one. */
function planJson(plan: RenamePlan, dryRun: boolean, texts: Map<string, string>) {
  return {
    version: 1,
    dry_run: dryRun,
    kind: plan.kind,
    from: plan.from,
    to: plan.to,
    problems: plan.problems,
    folders: plan.folders,
    files: plan.files.map((file) => ({
      path: file.path,
      ...(file.to && file.to !== file.path ? { to: file.to } : {}),
      edits: file.edits.map((edit) => {
        const text = texts.get(file.path)!;
        return { line: text.slice(0, edit.start).split('\n').length, start: edit.start, end: edit.end, old: text.slice(edit.start, edit.end), new: edit.text };
      }),
    })),
  };
}

/**
 * Write the plan: every new text to a temporary file beside the file first, then the folders
 * move, then each temporary file takes the file's (new) place and a moved file's old path goes.
 */
async function applyPlan(root: string, plan: RenamePlan): Promise<void> {
  const abs = (file: string) => path.join(root, ...file.split('/'));
  const afterFolders = (file: string) => {
    const folder = plan.folders.find((f) => file.startsWith(`${f.path}/`));
    return folder ? `${folder.to}/${file.slice(folder.path.length + 1)}` : file;
  };
  const temporary = (file: string) => path.posix.join(path.posix.dirname(file), `.${path.posix.basename(file)}.evident-rename-${process.pid}.tmp`);
  for (const file of plan.files) if (file.text !== undefined) await writeFile(abs(temporary(file.path)), file.text, { flag: 'wx' });
  for (const folder of plan.folders) {
    await mkdir(path.dirname(abs(folder.to)), { recursive: true });
    await rename(abs(folder.path), abs(folder.to));
  }
  for (const file of plan.files) {
    const current = afterFolders(file.path);
    const target = file.to ?? file.path;
    await mkdir(path.dirname(abs(target)), { recursive: true });
    if (file.text !== undefined) {
      await rename(abs(afterFolders(temporary(file.path))), abs(target));
      if (target !== current) await unlink(abs(current));
    } else if (target !== current) {
      await rename(abs(current), abs(target));
    }
  }
  // A file moved out of a folder of its own may leave it empty.
  for (const file of plan.files) if (file.to && file.to !== file.path) await removeIfEmpty(path.dirname(abs(afterFolders(file.path))));
}

/** New paths of the plan that something already occupies on disk. */
async function takenPaths(root: string, plan: RenamePlan): Promise<string[]> {
  const targets = [...plan.folders.map((f) => f.to), ...plan.files.filter((f) => f.to && f.to !== f.path && !plan.folders.some((d) => f.to!.startsWith(`${d.to}/`))).map((f) => f.to!)];
  const taken: string[] = [];
  for (const target of targets) {
    const exists = await lstat(path.join(root, ...target.split('/'))).then(() => true, () => false);
    if (exists) taken.push(`Unexpected \`${target}\` that already exists, expected the new path to be free`);
  }
  return taken;
}

async function removeIfEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => undefined);
  if (entries && entries.length === 0) await rmdir(dir).catch(() => undefined);
}

function renameCommand(kind: RenameKind): Command {
  return {
    name: `rename ${kind}`,
    summary: `Rename a ${kind} id and rewrite every reference to it, keeping all else byte for byte.`,
    usage: `evident rename ${kind} OLD NEW [--dry-run] [--root DIR] [--format text|json]`,
    maxPositionals: 2,
    options: {
      'dry-run': { type: 'boolean', description: 'List the files that would change without writing anything.' },
      root: rootOption,
      format: formatOption(formats),
    },
    details: [
      what[kind].details,
      'Only the characters of each reference change: comments, quotes, flow lists and everything else stay as written. History on the evidence branch (records, acknowledgment manifests) is never rewritten.',
      `Refused, with nothing written, when NEW is not a valid ${kind} id, NEW already exists, OLD does not exist, or a file that may refer to OLD cannot be parsed.`,
      `Example: ${what[kind].example}`,
      'Exit codes: 0 renamed (or would be, with --dry-run), 1 refused, 2 usage or configuration error.',
    ].join('\n'),
    async run({ values, positionals }, io) {
      const format = pickFormat(values.format, formats);
      if (positionals.length !== 2) throw new UsageError(`Unexpected ${positionals.length} ${positionals.length === 1 ? 'argument' : 'arguments'}, expected OLD and NEW ${kind} ids`);
      const [from, to] = positionals as [string, string];
      const dryRun = values['dry-run'] === true;
      const root = resolveRoot(values, io);
      const validators = createValidators();
      let snapshot: RepositorySnapshot;
      try {
        snapshot = await readRepository(root, { validators });
      } catch (error) {
        // evident.yaml missing or unreadable: with --format json, a JSON document of why on stdout too.
        if (format !== 'json') throw error;
        printConfigFault(error, io);
        return ExitCode.usage;
      }
      const loaded = loadConfig(snapshot.config, validators);
      if (!loaded.config) {
        io.stderr(loaded.findings.map((f) => `${io.errStyle.red('error')} ${f.file}${f.line ? `:${f.line}` : ''} ${f.message}\n`).join(''));
        if (format === 'json') io.stdout(formatDiagnosticsJson(toDiagnostics(loaded.findings, {})));
        return ExitCode.usage;
      }
      const plan = planRename({ ...snapshot, paths: loaded.config.paths }, { kind, from, to });
      // The plan knows the files Evident lists; a new path may still be taken by one it skips (a dot-folder, a link).
      if (plan.problems.length === 0) plan.problems.push(...(await takenPaths(root, plan)));
      if (plan.problems.length === 0 && !dryRun) await applyPlan(root, plan);
      if (format === 'json') {
        const texts = new Map([snapshot.config, ...(snapshot.people ? [snapshot.people] : []), ...snapshot.policies, ...snapshot.controls, ...snapshot.evidence, ...snapshot.exceptions].map((s) => [s.path, s.text]));
        writeJson(io, planJson(plan, dryRun, texts));
      } else if (plan.problems.length > 0) {
        io.stderr(plan.problems.map((p) => `${io.errStyle.red('error')} ${p}\n`).join('') + 'Nothing was written.\n');
      } else {
        io.stdout(describeChanges(plan, dryRun));
      }
      return plan.problems.length > 0 ? ExitCode.findings : ExitCode.ok;
    },
  };
}

/** `evident rename policy|person|control OLD NEW`. */
export const renameCommands: readonly Command[] = RENAME_KINDS.map(renameCommand);
