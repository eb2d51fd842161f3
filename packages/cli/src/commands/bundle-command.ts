import type { BundleRequest, BundleSummary, BuildBundleOptions, PlannedBundle, WriteProgress } from '@evident/bundle';
import { formatDiagnosticsJson, formatDiagnosticsText, parsePeriod, printable, readinessLabel } from '@evident/core';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption, trustedRootOption } from '../common-options.js';
import { trustedRootFiles } from '../trusted-root-files.js';
import { counted } from '../counted.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { parallelParsing, printConfigFault } from '../load-checked-repository.js';
import { VERSION } from '../version.js';

const formats = ['text', 'json'] as const;

type BundleWorkerModule = typeof import('@evident/bundle/worker');

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'Build the auditor bundle: one zip with the offline portal, policies, control matrix, records, evidence, exceptions and manifest.',
  usage: 'evident bundle [--out DIR] [--release TAG] [--period START..END] [--allow-placeholders] [--root DIR] [--trusted-root FILE]... [--now DATE] [--format text|json]',
  options: {
    out: { type: 'string', value: 'DIR', default: 'out', description: 'Folder the zip is written to (default: out/).' },
    release: { type: 'string', value: 'TAG', description: 'Release the bundle is for, such as v1.2.0: named in the manifest and the file name.' },
    period: { type: 'string', value: 'PERIOD', description: 'Audit period (default: evident.yaml `audit.period`): START..END, 2026-Q3, 2026-07..2026-12.' },
    'allow-placeholders': { type: 'boolean', description: 'Build even though the program still holds starter placeholders (`content/placeholder`); manifest.json and index.html record it.' },
    root: rootOption,
    'trusted-root': trustedRootOption,
    now: { ...nowOption, description: 'Assess gaps as of this date, YYYY-MM-DD (default: the date of the source commit).' },
    format: formatOption(formats),
  },
  details: [
    'Prints the path and SHA-256 of the zip on stdout; progress goes to stderr. The same commit gives the same bytes.',
    'Evidence records are read from the evidence branch (evident.yaml `evidence.branch`, local or origin/); without it the bundle has none.',
    'Their signatures are verified offline and stated in the bundle; keyless ones against the shipped public-good Sigstore root and --trusted-root.',
    'Policy versions and their history come from the default branch\'s git history: a shallow clone is refused (exit 2), since its oldest commit would seem to add every policy;',
    'run `git fetch --unshallow` first (in a GitHub workflow, check out with `fetch-depth: 0`).',
    'A program that still holds starter placeholders (`REPLACE` markers, the example organisation, people or code owners) is refused, its findings listed at file:line, unless --allow-placeholders is given.',
    'Exit codes: 0 written, 1 refused for starter placeholders or for an evidence branch whose history did more than add records, or written but the evidence record chain has problems or a record fails its signature check, 2 usage, configuration or environment error.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const root = resolveRoot(values, io);
    const period = typeof values.period === 'string' ? parsePeriod(values.period) : undefined;
    if (typeof values.period === 'string' && !period) throw new UsageError(`Unexpected --period \`${values.period}\`, expected START..END or a period such as 2026-Q3`);
    const today = typeof values.now === 'string' ? resolveToday(values, io) : undefined;
    const out = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : 'out');
    if (await fileInTheWay(out)) throw new UsageError(`Unexpected --out \`${printable(path.relative(io.cwd, out) || out)}\`: a file is in the way, expected a folder to write the zip into`);
    const parallel = parallelParsing();
    const trustedRoots = await trustedRootFiles(values, io);
    const request: BundleRequest = {
      root,
      outDir: out,
      toolVersion: VERSION,
      now: io.now().toISOString(),
      ...(today ? { today } : {}),
      ...(period ? { period: { start: period.start, end: period.end } } : {}),
      ...(typeof values.release === 'string' ? { release: values.release } : {}),
      ...(values['allow-placeholders'] === true ? { allowPlaceholders: true } : {}),
      ...(trustedRoots.length ? { trustedRoots } : {}),
      ...(parallel ? { parallel: { ...parallel, worker: parallel.worker.href } } : {}),
      // Policy and control bodies render on worker threads when the compiled worker is there; the HTML is the same.
      renderThreads: Math.max(1, availableParallelism() - 1),
    };
    // Loaded here, not at the top: every other command would pay for it.
    const light = await import('@evident/bundle/worker');
    const hooks = {
      onPlanned: (p: PlannedBundle) => io.stderr(`Bundling ${counted(p.files, 'file')}, ${p.evidence} of them evidence (${light.formatMiB(p.evidenceBytes)})\n`),
      onProgress: progressReporter(io, light),
    };
    let summary: BundleSummary;
    try {
      summary = await build(request, hooks, io, light);
    } catch (error) {
      if (error instanceof light.BundleScopeError) {
        if (error.diagnostics.length) io.stderr(formatDiagnosticsText(error.diagnostics, io.errStyle));
        // An invalid evident.yaml: with --format json, its findings as a JSON document on stdout too.
        if (format === 'json' && error.diagnostics.length > 0 && error.diagnostics.every((d) => d.ruleId === 'config')) io.stdout(formatDiagnosticsJson(error.diagnostics));
        throw new UsageError(error.message);
      }
      if (error instanceof light.PlaceholdersError) {
        io.stderr(formatDiagnosticsText(error.diagnostics, io.errStyle));
        io.stderr(`${io.errStyle.red('error')} No bundle was written. ${error.message}\n`);
        return ExitCode.findings;
      }
      if (error instanceof light.EvidenceHistoryError) {
        // The problems name records and commits of the evidence branch: each line printed through `printable`.
        io.stderr(`${io.errStyle.red('error')} ${error.message.split('\n').map((line) => printable(line)).join('\n')}\n`);
        return ExitCode.findings;
      }
      if (error instanceof light.EvidenceChangedError) throw new UsageError(error.message);
      if (format !== 'json') throw error;
      // evident.yaml missing or unreadable: a JSON document of why (any other error is rethrown).
      printConfigFault(error, io);
      return ExitCode.usage;
    }
    if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    const shown = path.relative(io.cwd, summary.path).startsWith('..') ? summary.path : path.relative(io.cwd, summary.path);
    const { chain } = summary;
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            path: summary.path,
            sha256: summary.sha256,
            size: summary.size,
            files: summary.entries,
            period: summary.period,
            assessed_on: summary.today,
            evidence: { included: summary.evidence.included, listed_not_included: summary.evidence.listedNotIncluded },
            exceptions: summary.exceptions,
            readiness: summary.readiness,
            placeholders: summary.placeholders,
            source: summary.source ?? null,
            chain: { records: chain.records, head: chain.head, problems: chain.problems, signature_findings: chain.signatureFindings },
            history: summary.history,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const s = io.style;
      io.stdout(
        [
          `${s.bold('Bundle')}      ${shown}`,
          `${s.bold('SHA-256')}     ${summary.sha256}`,
          ...(summary.source?.dirty ? [`${s.yellow('Uncommitted')} changes in the working tree are in the bundle: it is not commit ${summary.source.commit} alone (recorded in manifest.json)`] : []),
          `Files       ${summary.entries} (${summary.evidence.included} evidence files), ${light.formatMiB(summary.size)}`,
          `Period      ${summary.period.start} to ${summary.period.end}, gaps assessed as of ${summary.today}`,
          `Exceptions  ${summary.exceptions} (exceptions.csv), readiness ${readinessLabel(summary.readiness)}`,
          ...(summary.placeholders.count > 0 ? [`${s.yellow('Placeholders')} ${summary.placeholders.count} allowed with --allow-placeholders (recorded in manifest.json and index.html)`] : []),
          `Records     ${chain.records}${chain.records === 0 && chain.problems.length === 0 ? '' : `, chain ${chain.problems.length === 0 ? s.green('intact') : s.red(counted(chain.problems.length, 'problem'))}`}${chain.signatureFindings.length ? `, ${s.red(`${counted(chain.signatureFindings.length, 'signature finding')}: counted for nothing`)}` : ''}`,
          ...chain.problems.map((p) => `  ${s.red(p.problem)} ${printable(p.message)}`),
          ...chain.signatureFindings.map((f) => `  ${s.red(f.status)} ${printable(f.file)} ${printable(f.message)}`),
          `History     ${light.describeEvidenceHistory(summary.history)}`,
          '',
        ].join('\n'),
      );
    }
    return chain.problems.length > 0 || chain.signatureFindings.length > 0 ? ExitCode.findings : ExitCode.ok;
  },
};

/** Whether `folder`, or the nearest of its parents that exists, is something other than a folder. Creates nothing. */
async function fileInTheWay(folder: string): Promise<boolean> {
  for (let at = folder; ; at = path.dirname(at)) {
    try {
      return !(await stat(at)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(at) === at) return false;
    }
  }
}

/** Progress on stderr: redrawn in place on a terminal (at most every 100 ms), every tenth of each phase otherwise. */
function progressReporter(io: CliIo, bundle: Pick<BundleWorkerModule, 'describeProgress' | 'progressEveryTenth'>): (p: WriteProgress) => void {
  if (!io.stderrIsTTY) return bundle.progressEveryTenth((line) => io.stderr(`${line}\n`));
  let last = 0;
  return (p) => {
    const step = bundle.describeProgress(p);
    const now = io.now().getTime();
    if (now - last < 100 && step.done < step.total) return;
    last = now;
    io.stderr(`\r\x1b[K${step.line}`);
  };
}

/**
 * Build on a worker thread whose heap is sized for the build (`BUNDLE_HEAP`), when the compiled
 * worker is there; when the build needs more, or runs from sources, build on this thread.
 */
async function build(request: BundleRequest, hooks: Pick<BuildBundleOptions, 'onPlanned' | 'onProgress'>, io: CliIo, light: BundleWorkerModule): Promise<BundleSummary> {
  const worker = light.defaultBundleWorker();
  if (worker) {
    try {
      return await light.buildBundleInWorker(request, { worker, ...hooks });
    } catch (error) {
      if (!(error instanceof light.BundleHeapExceededError)) throw error;
      io.stderr(`${error.message}; building again without that limit\n`);
    }
  }
  const bundle = await import('@evident/bundle');
  return bundle.summarizeBundle(await bundle.buildBundle(bundle.bundleOptions(request, hooks)));
}
