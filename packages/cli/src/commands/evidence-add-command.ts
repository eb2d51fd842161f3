import { addEvidenceItem, EvidenceExistsError, evidenceItemPath, isIsoDate, isLfsTracked, LFS_POINTER_MAX_BYTES, readLfsPointer, type EvidenceMetadata, type RepositoryModel } from '@evident/core';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, periodOption, pickFormat, resolveRoot, resolveToday, rootOption, stringList } from '../common-options.js';
import { ExitCode, UsageError, type ExitCodeValue } from '../exit-codes.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

/** The roster person adding evidence: --by, else the person whose GitHub login is GITHUB_ACTOR. */
function collector(model: RepositoryModel, values: Record<string, unknown>, io: CliIo): string {
  if (typeof values.by === 'string') {
    if (!model.people.some((p) => p.id === values.by)) throw new UsageError(`Unexpected person \`${values.by}\` for --by, expected a person id from \`${model.peopleFile}\``);
    return values.by;
  }
  const actor = io.env.GITHUB_ACTOR?.toLowerCase();
  const person = actor ? model.people.find((p) => p.github.toLowerCase() === actor) : undefined;
  if (!person) throw new UsageError('Missing --by PERSON, expected the roster id of who collected the evidence');
  return person.id;
}

/**
 * FILE must be a regular file reached without a symbolic link (the link, not what it points to,
 * would be what a reviewer sees) and outside any `.git` folder (git's own objects are not evidence).
 */
/** Said after adding a file .gitattributes hands to Git LFS. */
const LFS_NOTE = 'The file is tracked by Git LFS (.gitattributes): `git add` stores its content in LFS and a pointer in Git (run `git lfs install` once per machine).\n';

/** A Git LFS pointer is not evidence: its content was never fetched. */
async function refuseLfsPointer(source: string, given: string): Promise<void> {
  const info = await stat(source).catch(() => undefined);
  if (!info || info.size >= LFS_POINTER_MAX_BYTES) return;
  if (readLfsPointer(await readFile(source))) throw new UsageError(`Unexpected FILE \`${given}\`: it is a Git LFS pointer, expected the content it points to (run \`git lfs pull\` first)`);
}

async function refuseOutOfLane(source: string, given: string): Promise<void> {
  const link = await lstat(source).catch(() => undefined);
  if (link?.isSymbolicLink()) throw new UsageError(`Unexpected symbolic link \`${given}\` as FILE, expected the regular file itself (add the file it points to)`);
  const info = await stat(source).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`Unexpected FILE \`${given}\`, expected a readable regular file`);
  const real = await realpath(source).catch(() => source);
  if ([...source.split(path.sep), ...real.split(path.sep)].includes('.git')) throw new UsageError(`Unexpected FILE \`${given}\` inside a \`.git\` folder, expected a file of your own (git's objects and settings are not evidence)`);
}

export const evidenceAddCommand: Command = {
  name: 'evidence add',
  summary: 'Add an evidence file under evidence/<CONTROL>/<PERIOD>/ with its metadata and SHA-256; never overwrites.',
  usage: 'evident evidence add FILE --control ID [--control ID...] --covers PERIOD [--by PERSON] [--source TEXT] [--name NAME] [--event ID | --events ID=DATE...] [--root DIR]',
  maxPositionals: 1,
  options: {
    control: { type: 'string', multiple: true, value: 'ID', description: 'Control the file evidences (repeat for several; the first names the folder).' },
    covers: { type: 'string', value: 'PERIOD', description: 'Period or date the evidence is about: 2026-Q3, 2026-07, 2026, 2026-W27, 2026-07-14 or START..END.' },
    by: { type: 'string', value: 'PERSON', description: 'Roster id of who collected it (default: the person whose GitHub login is $GITHUB_ACTOR).' },
    source: { type: 'string', value: 'TEXT', description: "System or process it comes from (default: the control's first evidence source)." },
    name: { type: 'string', value: 'NAME', description: 'File name in the evidence folder (default: the name of FILE).' },
    event: { type: 'string', value: 'ID', description: 'Population event it evidences, for event-driven controls.' },
    events: { type: 'string', multiple: true, value: 'ID=DATE', description: 'One event of the population this file lists, for event-driven controls (repeat for each: --events hire-014=2026-08-03).' },
    description: { type: 'string', value: 'TEXT', description: 'What the file shows.' },
    root: rootOption,
    now: nowOption,
    format: formatOption(formats),
  },
  details: 'FILE must be a regular file: a symbolic link or a file inside a `.git` folder is refused.\nThe file is recorded as collected today (--now, or the clock): --covers must name a period that has started by then, and with --events one that is over.\nExit codes: 0 added, 1 the file or its metadata already exists (nothing is changed), 2 usage or configuration error (including `paths.evidence` leading out of the repository).\nCommit both files in a pull request: reviewers approve the evidence before it counts on the main branch.',
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    try {
      return await addEvidence(values, positionals, format, io);
    } catch (error) {
      // With --format json a machine gets the reason on stdout too; the line on stderr stays for people.
      if (format === 'json' && error instanceof UsageError) writeJsonError(io, error.message);
      throw error;
    }
  },
};

/** The JSON document of an `evidence add` that added nothing: `added` null and why. */
const writeJsonError = (io: CliIo, message: string) => writeJson(io, { version: 1, added: null, error: { message } });

/** Add FILE as the options say: the exit code, or a UsageError for a mistake. */
async function addEvidence(values: Record<string, unknown>, positionals: readonly string[], format: (typeof formats)[number], io: CliIo): Promise<ExitCodeValue> {
  if (positionals.length !== 1) throw new UsageError(`Unexpected ${positionals.length === 0 ? 'missing FILE' : `${positionals.length} files`}, expected exactly one FILE to add`);
  const source = path.resolve(io.cwd, positionals[0]!);
  await refuseOutOfLane(source, positionals[0]!);
  const controls = stringList(values.control);
  if (controls.length === 0) throw new UsageError('Missing --control ID, expected the control the evidence is for');
  const covers = periodOption(values.covers, '--covers');
  if (!covers) throw new UsageError('Missing --covers PERIOD, expected the period the evidence is about (e.g. 2026-Q3)');
  const today = resolveToday(values, io);
  // The metadata says the file is collected today: before a period that has not started, it could not show the control operating in it (evidence/metadata).
  if (covers.start > today) throw new UsageError(`Unexpected --covers \`${covers.label}\` starting on ${covers.start}, after today (${today}), expected a period that has started: evidence is collected during or after the period it covers`);

  const root = resolveRoot(values, io);
  const result = await loadRepositoryModel(root, today, io, { json: format === 'json' });
  if (!result) return ExitCode.usage;
  const model = result.model;
  for (const id of controls) {
    if (!model.controls.some((c) => c.id === id)) throw new UsageError(`Unexpected control \`${id}\`, expected an id from \`${model.config.paths.controls}/\``);
  }
  const first = model.controls.find((c) => c.id === controls[0])!;
  const sourceText = typeof values.source === 'string' ? values.source : (first.evidence.find((e) => e.collection === 'manual' && e.source) ?? first.evidence.find((e) => e.source))?.source;
  if (!sourceText) throw new UsageError(`Missing --source TEXT, expected where the evidence comes from (control \`${first.id}\` names no source)`);
  if (typeof values.event === 'string' && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(values.event)) throw new UsageError(`Unexpected --event \`${values.event}\`, expected letters, digits, dots, dashes and underscores`);
  const events = populationEvents(stringList(values.events), covers);
  if (events.length > 0 && typeof values.event === 'string') throw new UsageError('Unexpected --event with --events, expected one of them: a file either lists a population (--events) or evidences one of its events (--event)');
  // Events belong to event-driven controls: on a scheduled one they are a mistake (evidence/metadata says so too).
  if (typeof values.event === 'string' || events.length > 0) {
    const named = controls.map((id) => model.controls.find((c) => c.id === id)!);
    if (!named.some((c) => c.frequency === 'event')) {
      const flag = typeof values.event === 'string' ? `--event \`${values.event}\`` : '--events';
      const which = `${named.length === 1 ? 'control' : 'controls'} ${named.map((c) => `${c.id} (frequency ${c.frequency})`).join(', ')}`;
      throw new UsageError(`Unexpected ${flag} for ${which}, expected ${typeof values.event === 'string' ? '--event' : '--events'} only for event-driven controls (\`frequency: event\`)`);
    }
  }
  // A population says it lists every event of its period: before the period is over it cannot (evidence/metadata).
  if (events.length > 0 && covers.end > today) throw new UsageError(`Unexpected --events with --covers \`${covers.label}\` ending on ${covers.end}, after today (${today}), expected a population listed once its period is over: events after today could be missing from it`);

  const name = typeof values.name === 'string' ? values.name : path.basename(source);
  let target: string;
  try {
    target = evidenceItemPath(model.config.paths.evidence, first.id, covers.label, name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const relative = path.relative(root, path.resolve(root, target));
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`Unexpected evidence path \`${target}\`, expected a path inside the repository (check \`paths.evidence\`)`);
  const metadata: Omit<EvidenceMetadata, 'sha256'> = {
    controls,
    covers: covers.label,
    ...(typeof values.event === 'string' ? { event: values.event } : {}),
    ...(events.length > 0 ? { events } : {}),
    collected_at: typeof values.now === 'string' ? today : io.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    collected_by: collector(model, values, io),
    source: sourceText,
    ...(typeof values.description === 'string' ? { description: values.description } : {}),
  };
  await refuseLfsPointer(source, positionals[0]!);
  const lfs = isLfsTracked(await readFile(path.join(root, '.gitattributes'), 'utf8').catch(() => ''), relative.split(path.sep).join('/'));
  try {
    const added = await addEvidenceItem({ root, source, target, metadata });
    if (format === 'json') writeJson(io, { version: 1, added: { path: added.path, metadata_path: added.metadataPath, sha256: added.sha256, bytes: added.bytes, ...(lfs ? { lfs: true } : {}) } });
    else io.stdout(`Added ${added.path} (${added.bytes} bytes, SHA-256 ${added.sha256})\nand its metadata ${added.metadataPath}.\n${lfs ? LFS_NOTE : ''}Commit both in a pull request.\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof EvidenceExistsError)) throw error;
    io.stderr(`${io.errStyle.red('error')} ${error.message}\n`);
    if (format === 'json') writeJsonError(io, error.message);
    return ExitCode.findings;
  }
}

/** `--events ID=DATE` values as metadata `events`: each id once, each date a real day inside the covered period. */
function populationEvents(values: readonly string[], covers: { label: string; start: string; end: string }): { id: string; date: string }[] {
  const seen = new Set<string>();
  return values.map((value) => {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(\d{4}-\d{2}-\d{2})$/.exec(value);
    if (!match || !isIsoDate(match[2]!)) throw new UsageError(`Unexpected --events \`${value}\`, expected ID=DATE: an id of letters, digits, dots, dashes and underscores, and a day as YYYY-MM-DD`);
    const [, id, date] = match as unknown as [string, string, string];
    if (seen.has(id)) throw new UsageError(`Unexpected --events \`${value}\`: event \`${id}\` is listed twice, expected each event once`);
    if (date < covers.start || date > covers.end) throw new UsageError(`Unexpected --events \`${value}\`: ${date} is outside --covers ${covers.label} (${covers.start} to ${covers.end}), expected the events of the covered period`);
    seen.add(id);
    return { id, date };
  });
}
