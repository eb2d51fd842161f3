import type { WriteProgress } from '@evident/bundle';
import { formatDiagnosticsText, parsePeriod } from '@evident/core';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { parallelParsing } from '../load-checked-repository.js';
import { VERSION } from '../version.js';

const formats = ['text', 'json'] as const;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'Build the auditor bundle: one zip with the offline portal, policies, control matrix, records, evidence, exceptions and manifest.',
  usage: 'evident bundle [--out DIR] [--release TAG] [--period START..END] [--root DIR] [--now DATE] [--format text|json]',
  options: {
    out: { type: 'string', value: 'DIR', default: 'out', description: 'Folder the zip is written to (default: out/).' },
    release: { type: 'string', value: 'TAG', description: 'Release the bundle is for, such as v1.2.0: named in the manifest and the file name.' },
    period: { type: 'string', value: 'PERIOD', description: 'Audit period (default: evident.yaml `audit.period`): START..END, 2026-Q3, 2026-07..2026-12.' },
    root: rootOption,
    now: { ...nowOption, description: 'Assess gaps as of this date, YYYY-MM-DD (default: the date of the source commit).' },
    format: formatOption(formats),
  },
  details: [
    'Prints the path and SHA-256 of the zip on stdout; progress goes to stderr. The same commit gives the same bytes.',
    'Evidence records are read from the evidence branch (evident.yaml `evidence.branch`, local or origin/); without it the bundle has none.',
    'Exit codes: 0 written, 1 written but the evidence record chain has problems, 2 usage, configuration or environment error.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const root = resolveRoot(values, io);
    const period = typeof values.period === 'string' ? parsePeriod(values.period) : undefined;
    if (typeof values.period === 'string' && !period) throw new UsageError(`Unexpected --period \`${values.period}\`, expected START..END or a period such as 2026-Q3`);
    const today = typeof values.now === 'string' ? resolveToday(values, io) : undefined;
    const out = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : 'out');
    // Loaded here, not at the top: every other command would pay for the bundle's libraries.
    const bundle = await import('@evident/bundle');
    const { bodyContext, buildBundleView, BundleScopeError, defaultRenderWorker, EvidenceChangedError, planBundle, readBundleInputs, renderBodiesInWorkers, writeBundle } = bundle;
    let inputs;
    try {
      inputs = await readBundleInputs({
        root,
        outDir: out,
        toolVersion: VERSION,
        now: () => io.now(),
        ...(today ? { today } : {}),
        ...(period ? { period: { start: period.start, end: period.end } } : {}),
        ...(typeof values.release === 'string' ? { release: values.release } : {}),
        parallel: parallelParsing(),
      });
    } catch (error) {
      if (!(error instanceof BundleScopeError)) throw error;
      if (error.diagnostics.length) io.stderr(formatDiagnosticsText(error.diagnostics, io.errStyle));
      throw new UsageError(error.message);
    }
    const view = buildBundleView(inputs);
    // Policy and control bodies render on worker threads when the compiled worker is there; the HTML is the same.
    const renderWorker = defaultRenderWorker();
    const renderer = renderWorker ? renderBodiesInWorkers(bodyContext(view), Math.max(1, availableParallelism() - 1), renderWorker) : undefined;
    const plan = planBundle(inputs, view, renderer ? { renderBody: renderer.render } : {});
    const included = view.evidence.filter((e) => e.included);
    io.stderr(`Bundling ${plan.entries.length} files, ${included.length} of them evidence (${mib(included.reduce((n, e) => n + (e.size ?? 0), 0))})\n`);
    let written;
    try {
      written = await writeBundle(plan, path.join(out, plan.fileName), { onProgress: progressReporter(io, bundle), afterPages: () => renderer?.close() });
    } catch (error) {
      if (error instanceof EvidenceChangedError) throw new UsageError(error.message);
      throw error;
    } finally {
      await renderer?.close();
    }
    if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    const shown = path.relative(io.cwd, written.path).startsWith('..') ? written.path : path.relative(io.cwd, written.path);
    const chain = view.chain;
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            path: written.path,
            sha256: written.sha256,
            size: written.size,
            files: written.entries,
            period: inputs.period,
            assessed_on: inputs.today,
            evidence: { included: included.length, listed_not_included: view.evidence.length - included.length },
            exceptions: view.exceptions.length,
            readiness: view.readiness.readiness.percent,
            chain: { records: chain.records, head: chain.head, problems: chain.problems },
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
          `${s.bold('SHA-256')}     ${written.sha256}`,
          `Files       ${written.entries} (${included.length} evidence files), ${mib(written.size)}`,
          `Period      ${inputs.period.start} to ${inputs.period.end}, gaps assessed as of ${inputs.today}`,
          `Exceptions  ${view.exceptions.length} (exceptions.csv), readiness ${view.readiness.readiness.percent}%`,
          `Records     ${chain.records}, chain ${chain.problems.length === 0 ? s.green('intact') : s.red(`${chain.problems.length} problems`)}`,
          ...chain.problems.map((p) => `  ${s.red(p.problem)} ${p.message}`),
          '',
        ].join('\n'),
      );
    }
    return chain.problems.length > 0 ? ExitCode.findings : ExitCode.ok;
  },
};

/** Progress on stderr: redrawn in place on a terminal (at most every 100 ms), every tenth of each phase otherwise. */
function progressReporter(io: CliIo, bundle: Pick<typeof import('@evident/bundle'), 'describeProgress' | 'progressEveryTenth'>): (p: WriteProgress) => void {
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
