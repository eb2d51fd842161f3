import { existsSync } from 'node:fs';
import path from 'node:path';
import { readBuildInfo } from '../build-info.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveToday } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { optionalCategories, planInit } from '../init/plan-init.js';
import { actionsUsed, type ActionSource } from '../init/point-actions.js';
import { findActionsRoot, findStarterRoot, readActionBundles, readStarter } from '../init/read-starter.js';
import { writePlannedFiles } from '../init/write-planned-files.js';
import { writeJson } from '../write-json.js';
import { counted } from '../counted.js';

const formats = ['text', 'json'] as const;
const actionModes = ['pinned', 'vendored'] as const;

/** Where the scaffold takes the Evident actions from: --actions-ref, --actions, else this CLI's own release. */
function chooseActions(ref: unknown, mode: unknown): ActionSource {
  if (mode !== undefined && !(actionModes as readonly unknown[]).includes(mode)) throw new UsageError(`Unexpected --actions \`${String(mode)}\`, expected \`pinned\` or \`vendored\``);
  if (typeof ref === 'string') {
    const match = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})$/.exec(ref);
    if (!match) throw new UsageError(`Unexpected --actions-ref \`${ref}\`, expected OWNER/REPO@ and a full 40-character commit SHA`);
    if (mode === 'vendored') throw new UsageError('Unexpected --actions-ref with --actions vendored, expected one of them');
    return { kind: 'pinned', repository: match[1]!, commit: match[2]! };
  }
  const build = readBuildInfo();
  if (mode === 'vendored') return { kind: 'vendored' };
  if (build.repository && build.commit) return { kind: 'pinned', repository: build.repository, commit: build.commit, ...(build.tag ? { tag: build.tag } : {}) };
  if (mode === 'pinned') throw new UsageError('This copy of Evident names no release to pin (it was not built by a release): pass --actions-ref OWNER/REPO@SHA, or --actions vendored');
  return { kind: 'vendored' };
}

export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold a SOC 2 program (policies, controls, config, roster, workflows) into a directory.',
  usage: 'evident init [DIR] [--categories LIST] [--actions pinned|vendored] [--actions-ref OWNER/REPO@SHA] [--dry-run]',
  maxPositionals: 1,
  options: {
    categories: { type: 'string', value: 'LIST', description: `Optional categories in scope besides security, comma-separated: ${optionalCategories.join(', ')}.` },
    actions: {
      type: 'string',
      value: 'MODE',
      description: '`pinned`: workflows use the Evident actions of the release this CLI came from, by full commit SHA (the default when it came from a release); `vendored`: the action bundles are copied into .github/actions/ (the default otherwise).',
    },
    'actions-ref': { type: 'string', value: 'REF', description: 'Pin the workflows to these Evident actions instead: OWNER/REPO@FULL_COMMIT_SHA.' },
    'dry-run': { type: 'boolean', description: 'List what would be written, write nothing.' },
    from: { type: 'string', value: 'DIR', description: 'Evident checkout to take the starter program from (default: the one this CLI carries).' },
    now: nowOption,
    format: formatOption(formats),
  },
  details: [
    'Policies are written as drafts, evident.yaml starts as a Type I dated 90 days ahead, and example data stays marked',
    '`REPLACE` until you replace it (`evident check` warns about each placeholder). Existing files are never overwritten:',
    'they are reported as conflicts and the others are written.',
    'Exit codes: 0 written, 1 some files already existed (conflicts), 2 usage error.',
  ].join('\n'),
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    const target = path.resolve(io.cwd, positionals[0] ?? '.');
    const categories = typeof values.categories === 'string' ? values.categories.split(',').map((c) => c.trim()).filter(Boolean) : [];
    for (const category of categories) {
      if (category !== 'security' && !(optionalCategories as readonly string[]).includes(category)) {
        throw new UsageError(`Unexpected category \`${category}\`, expected some of ${optionalCategories.join(', ')}`);
      }
    }
    const actions = chooseActions(values['actions-ref'], values.actions);
    const from = typeof values.from === 'string' ? path.resolve(io.cwd, values.from) : findStarterRoot();
    if (!from) throw new UsageError('No Evident starter program found: pass --from with an Evident checkout');
    // A folder without the starter program would scaffold only the files planned without it (and exit 0).
    if (typeof values.from === 'string' && !(existsSync(path.join(from, 'frameworks/soc2/criteria.yaml')) && existsSync(path.join(from, 'policies')))) {
      throw new UsageError(`Unexpected --from \`${values.from}\`, expected an Evident checkout holding the starter program (frameworks/soc2/criteria.yaml and policies/)`);
    }
    const starter = await readStarter(from);
    let bundles;
    if (actions.kind === 'vendored') {
      const actionsRoot = findActionsRoot(from);
      if (!actionsRoot) throw new UsageError(`No Evident action bundles found beside \`${from}\`: pass --actions-ref OWNER/REPO@SHA`);
      const used = [...starter].filter(([p]) => p.startsWith('.github/workflows/')).flatMap(([, text]) => actionsUsed(text));
      bundles = await readActionBundles(actionsRoot, used);
    }
    const build = readBuildInfo();
    const docs = build.repository && build.commit ? { repository: build.repository, commit: build.commit } : undefined;
    const plan = planInit(starter, { categories: categories.filter((c) => c !== 'security'), actions, ...(bundles ? { bundles } : {}), ...(docs ? { docs } : {}), today: resolveToday(values, io) });
    const planned = plan.map((f) => f.path);
    const result = values['dry-run'] === true ? { written: [], conflicts: [], planned } : { ...(await writePlannedFiles(target, plan)), planned };
    if (format === 'json') {
      writeJson(io, { target, actions, ...result });
    } else {
      if (values['dry-run'] === true) io.stdout(`Would write ${counted(planned.length, 'file')} into ${target}:\n${planned.map((f) => `  ${f}`).join('\n')}\n`);
      else io.stdout(`Wrote ${counted(result.written.length, 'file')} into ${target}.\n`);
      if (result.conflicts.length) io.stdout(`${io.style.yellow(`${counted(result.conflicts.length, 'file')} already ${result.conflicts.length === 1 ? 'exists and was' : 'exist and were'} left untouched:`)}\n${result.conflicts.map((f) => `  ${f}`).join('\n')}\n`);
      io.stdout(
        actions.kind === 'pinned'
          ? `Workflows use ${actions.repository}/packages/actions/*@${actions.commit}${actions.tag ? ` (${actions.tag})` : ''}.\n`
          : 'Workflows use the Evident actions copied into .github/actions/evident-*/.\n',
      );
      io.stdout('Next: edit evident.yaml and people.yaml, replace every `REPLACE`, then run `evident check` (see README.md).\n');
    }
    return result.conflicts.length > 0 ? ExitCode.findings : ExitCode.ok;
  },
};
