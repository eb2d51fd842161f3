import type { VerifyProgress } from '@evident/bundle';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption } from '../common-options.js';
import { ExitCode, UsageError, type ExitCodeValue } from '../exit-codes.js';
import { runEvidenceVerification } from '../run-evidence-verification.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify an auditor bundle (every file against manifest.json and SHA256SUMS, and the evidence chain), or without one the evidence branch.',
  usage: 'evident verify [BUNDLE.zip] [--format text|json] [--root DIR] [--remote NAME]',
  options: {
    format: formatOption(formats),
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Without a bundle: the remote holding the evidence branch (default: origin).' },
  },
  details: [
    'With BUNDLE.zip: recomputes the SHA-256 of every file, compares with manifest.json and SHA256SUMS, names each file that differs, is missing or extra, and re-checks the evidence record chain.',
    'The zip is read as hostile input, within fixed limits on entries, sizes and expansion (docs/bundle.md): links, directories, paths leaving the bundle and malformed manifests are findings, and text from the bundle is printed with control characters escaped.',
    'Progress goes to stderr: redrawn in place on a terminal, every tenth of the zip otherwise.',
    'Without it: fetches the evidence branch named in evident.yaml and verifies its record chain.',
    'Exit codes: 0 intact, 1 a mismatch or a broken chain, 2 usage error, a file that is not a readable zip, or an evidence branch that cannot be read.',
  ].join('\n'),
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    if (positionals.length > 1) throw new UsageError(`Unexpected arguments \`${positionals.slice(1).join(' ')}\`, expected one bundle`);
    if (positionals.length === 0) return verifyEvidenceBranchOnly(values, format, io);
    const file = path.resolve(io.cwd, positionals[0]!);
    const bundle = await import('@evident/bundle');
    const { printable: safe } = bundle;
    let result;
    try {
      result = await bundle.verifyBundle(file, { onProgress: progressReporter(io, bundle) });
    } catch (error) {
      if (error instanceof bundle.BundleOpenError) throw new UsageError(safe(error.message));
      throw error;
    } finally {
      if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    }
    // Every name and message below may come from the zip: printed only through `printable`, so none can steer the terminal.
    if (format === 'json') {
      io.stdout(`${bundle.printableJson({ bundle: file, ok: result.ok, files: result.files, problems: result.problems, chain: result.chain, manifest: result.manifest })}\n`);
    } else if (result.ok) {
      const m = result.manifest;
      io.stdout(
        `${io.style.green('OK')} ${result.files} files match manifest.json and SHA256SUMS; evidence chain intact (${result.chain.records} records).\n` +
          (m ? safe(`Built by Evident ${m.tool.version} from ${m.source ? `commit ${m.source.commit}` : 'a directory outside git'}${m.release ? ` for ${m.release}` : ''}, period ${m.period.start} to ${m.period.end}.`) + '\n' : ''),
      );
    } else {
      for (const p of result.problems) io.stdout(`${io.style.red(p.problem.padEnd(10))} ${safe(p.file)}  ${safe(p.message)}\n`);
      io.stdout(`\n${io.style.red('FAILED')} ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.files} files.\n`);
    }
    return result.ok ? ExitCode.ok : ExitCode.findings;
  },
};

/** Progress on stderr: redrawn in place on a terminal (at most every 100 ms), every tenth of the zip otherwise. */
function progressReporter(io: CliIo, bundle: Pick<typeof import('@evident/bundle'), 'describeVerifyProgress' | 'progressEveryTenth'>): (p: VerifyProgress) => void {
  if (!io.stderrIsTTY) return bundle.progressEveryTenth((line) => io.stderr(`${line}\n`), bundle.describeVerifyProgress);
  let last = 0;
  return (p) => {
    const now = io.now().getTime();
    if (now - last < 100 && p.entries < p.totalEntries) return;
    last = now;
    io.stderr(`\r\x1b[K${bundle.describeVerifyProgress(p).line}`);
  };
}

/** A bare `evident verify`: the record chain of the evidence branch named in evident.yaml. */
async function verifyEvidenceBranchOnly(values: Record<string, unknown>, format: (typeof formats)[number], io: CliIo): Promise<ExitCodeValue> {
  const { code, verification: result, remote, branch } = await runEvidenceVerification(values, io);
  if (!result) return code;
  if (format === 'json') writeJson(io, { ...result, ok: result.problems.length === 0 });
  else if (result.problems.length === 0) io.stdout(`${io.style.green('OK')} evidence branch \`${remote}/${branch}\` at ${result.commit.slice(0, 12)}: ${result.records} records, chain intact.\n`);
  else {
    for (const p of result.problems) io.stdout(`${io.style.red(p.problem.padEnd(10))} ${p.file}  ${p.message}\n`);
    io.stdout(`\n${io.style.red('FAILED')} ${result.problems.length} problems in ${result.records} records of \`${remote}/${branch}\`.\n`);
  }
  return code;
}
