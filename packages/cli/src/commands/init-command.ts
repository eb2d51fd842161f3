import path from 'node:path';
import type { Command } from '../command.js';
import { formatOption, pickFormat } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { optionalCategories, planInit } from '../init/plan-init.js';
import { findStarterRoot, readStarter } from '../init/read-starter.js';
import { writePlannedFiles } from '../init/write-planned-files.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold a SOC 2 program (policies, controls, config, roster, workflows) into a directory.',
  usage: 'evident init [DIR] [--categories LIST] [--actions-ref OWNER/REPO@SHA] [--dry-run]',
  options: {
    categories: { type: 'string', value: 'LIST', description: `Optional categories in scope besides security, comma-separated: ${optionalCategories.join(', ')}.` },
    'actions-ref': { type: 'string', value: 'REF', description: 'Evident actions for the workflows, as OWNER/REPO@FULL_COMMIT_SHA (placeholders otherwise).' },
    'dry-run': { type: 'boolean', description: 'List what would be written, write nothing.' },
    from: { type: 'string', value: 'DIR', description: 'Evident checkout to take the starter program from (default: the one this CLI runs from).' },
    format: formatOption(formats),
  },
  details: 'Existing files are never overwritten: they are reported as conflicts and the others are written.\nExit codes: 0 written, 1 some files already existed (conflicts), 2 usage error.',
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    const target = path.resolve(io.cwd, positionals[0] ?? '.');
    const categories = typeof values.categories === 'string' ? values.categories.split(',').map((c) => c.trim()).filter(Boolean) : [];
    for (const category of categories) {
      if (category !== 'security' && !(optionalCategories as readonly string[]).includes(category)) {
        throw new UsageError(`Unexpected category \`${category}\`, expected some of ${optionalCategories.join(', ')}`);
      }
    }
    const actionsRef = values['actions-ref'];
    if (typeof actionsRef === 'string' && !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(actionsRef)) {
      throw new UsageError(`Unexpected --actions-ref \`${actionsRef}\`, expected OWNER/REPO@ and a full 40-character commit SHA`);
    }
    const from = typeof values.from === 'string' ? path.resolve(io.cwd, values.from) : findStarterRoot();
    if (!from) throw new UsageError('No Evident starter program found: pass --from with an Evident checkout');
    const plan = planInit(await readStarter(from), { categories: categories.filter((c) => c !== 'security'), actionsRef: typeof actionsRef === 'string' ? actionsRef : undefined });
    const result = values['dry-run'] === true ? { written: [], conflicts: [], planned: plan.map((f) => f.path) } : { ...(await writePlannedFiles(target, plan)), planned: plan.map((f) => f.path) };
    if (format === 'json') {
      writeJson(io, { target, ...result });
    } else {
      if (values['dry-run'] === true) io.stdout(`Would write ${result.planned.length} files into ${target}:\n${result.planned.map((f) => `  ${f}`).join('\n')}\n`);
      else io.stdout(`Wrote ${result.written.length} files into ${target}.\n`);
      if (result.conflicts.length) io.stdout(`${io.style.yellow(`${result.conflicts.length} files already exist and were left untouched:`)}\n${result.conflicts.map((f) => `  ${f}`).join('\n')}\n`);
      if (!actionsRef) io.stdout('Next: pin the Evident actions in .github/workflows/ (see README.md), then edit evident.yaml and people.yaml and run `evident check`.\n');
    }
    return result.conflicts.length > 0 ? ExitCode.findings : ExitCode.ok;
  },
};
