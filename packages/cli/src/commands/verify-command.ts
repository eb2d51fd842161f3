import type { AttestationCheck, AttestationCheckOptions, BundleVerification, VerifyProgress } from '@evident/bundle';
import { printable as safe, printableJson } from '@evident/core';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption, trustedRootOption } from '../common-options.js';
import { counted } from '../counted.js';
import { ExitCode, UsageError, type ExitCodeValue } from '../exit-codes.js';
import { runEvidenceVerification } from '../run-evidence-verification.js';
import { formatSignatureReport, signaturesWorthSaying } from '../format-signature-report.js';
import { trustedRootFiles } from '../trusted-root-files.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify an auditor bundle (every file against manifest.json and SHA256SUMS, and the evidence chain), or without one the evidence branch.',
  usage: 'evident verify [BUNDLE.zip] [--attestation FILE] [--repo OWNER/NAME] [--release-workflow FILE] [--trusted-root FILE]... [--format text|json] [--root DIR] [--remote NAME]',
  options: {
    attestation: { type: 'string', value: 'FILE', description: 'The release attestation of the bundle (default: BUNDLE.zip.sigstore.json beside it, when there is one).' },
    repo: { type: 'string', value: 'OWNER/NAME', description: 'The repository whose release workflow must have attested the bundle: without an attestation the verification then fails (without --repo, the repository the attestation names is reported, not compared).' },
    'release-workflow': { type: 'string', value: 'FILE', description: 'The workflow that attests releases (default: .github/workflows/release.yml).' },
    'trusted-root': trustedRootOption,
    format: formatOption(formats),
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Without a bundle: the remote holding the evidence branch (default: origin).' },
  },
  details: [
    'With BUNDLE.zip: recomputes the SHA-256 of every file, compares with manifest.json and SHA256SUMS, names each file that differs, is missing or extra, and re-checks the evidence record chain.',
    'It checks the records\' own chain, not the evidence branch\'s history: it reports the history walk the build recorded (manifest.json `evidence_chain.history`: tip, commits, verdict)',
    'and the command that redoes it in a clone of the repository, `evident evidence verify --ref TIP --anchor HEAD`.',
    'Each evidence record\'s signature (evidence-records/records/*.sig.json) is checked offline against the keys in the bundle\'s evident.yaml',
    '(`evidence.signing`): a bad signature, an unknown, revoked or not yet valid key, or an unsigned record after `required_from` is a finding.',
    'The zip is read as hostile input, within fixed limits on entries, sizes and expansion (docs/bundle.md): links, directories, paths leaving the bundle, names macOS or Windows cannot write or keep apart (letter case, Unicode form) and malformed manifests are findings, and text from the bundle is printed with control characters escaped.',
    'Progress goes to stderr: redrawn in place on a terminal, every tenth of the zip otherwise.',
    'Keyless (Sigstore) record signatures are verified against the public-good trusted root shipped with Evident and --trusted-root,',
    'and their signing workflow against the bundle\'s evident.yaml `evidence.signing.keyless`.',
    'Provenance, offline: a release attestation (BUNDLE.zip.sigstore.json beside it, or --attestation) must name the zip\'s SHA-256, its',
    'signature must verify against a trusted root (GitHub\'s own instance, which signs private repositories\' attestations, needs',
    '--trusted-root with the output of `gh attestation trusted-root`), and its signer must be the release workflow at a tag, of --repo',
    'when given; its commit and tag must be those manifest.json names (and its repository the one it records, if any); else the verification fails.',
    'Without an attestation the bundle is reported as not attested, which fails only with --repo.',
    'The zip\'s structure is checked too: every entry\'s CRC-32, local headers against the directory, and no bytes outside the entries, the directory and its end records.',
    'What manifest.json admits (uncommitted changes, starter placeholders, unconfirmed records) is printed as NOTE lines (`notes` in JSON).',
    'Without it: fetches the evidence branch named in evident.yaml and verifies its record chain.',
    'Exit codes: 0 intact, 1 a mismatch, a broken chain or failed provenance, 2 usage error, a file that is not a readable zip, or an evidence branch that cannot be read.',
  ].join('\n'),
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    if (positionals.length > 1) throw new UsageError(`Unexpected arguments \`${positionals.slice(1).join(' ')}\`, expected one bundle`);
    if (positionals.length === 0) return verifyEvidenceBranchOnly(values, format, io);
    const file = path.resolve(io.cwd, positionals[0]!);
    const repo = typeof values.repo === 'string' ? values.repo : undefined;
    if (repo !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) throw new UsageError(`Unexpected --repo \`${repo}\`, expected OWNER/NAME`);
    const workflow = typeof values['release-workflow'] === 'string' ? values['release-workflow'] : undefined;
    if (workflow !== undefined && !/^\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/.test(workflow)) throw new UsageError(`Unexpected --release-workflow \`${workflow}\`, expected .github/workflows/NAME.yml`);
    const trustedRoots = await trustedRootFiles(values, io);
    const bundle = await import('@evident/bundle');
    let result;
    try {
      result = await bundle.verifyBundle(file, { onProgress: progressReporter(io, bundle), trustedRoots });
    } catch (error) {
      if (error instanceof bundle.BundleOpenError) throw new UsageError(safe(error.message));
      throw error;
    } finally {
      if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    }
    const m = result.manifest;
    const source = m ? { commit: m.source?.commit ?? null, release: m.release, ...(typeof m.github_cross_check?.repository === 'string' ? { repository: m.github_cross_check.repository } : {}) } : undefined;
    const attestation = typeof values.attestation === 'string' ? path.resolve(io.cwd, values.attestation) : undefined;
    const provenance = await checkProvenance(file, attestation, bundle, { trustedRoots, signer: { repository: repo, workflow }, ...(source ? { source } : {}) });
    // With --repo the auditor requires provenance from that repository: no attestation is then a failure.
    const required = repo !== undefined;
    const provenanceOk = provenance.state === 'verified' || (provenance.state === 'not-attested' && !required);
    const ok = result.ok && provenanceOk;
    const notes = m ? manifestNotes(m) : [];
    const provenanceLine = describeProvenance(provenance, required ? { repository: repo, workflow: workflow ?? '.github/workflows/release.yml' } : undefined);
    // Every name and message below may come from the zip: printed only through `printable`, so none can steer the terminal.
    if (format === 'json') {
      io.stdout(`${printableJson({ bundle: file, ok, files: result.files, entries: result.entries, problems: result.problems, chain: result.chain, history: { recorded: result.history, summary: describeRecordedHistory(result.history, result.chain.head) }, signatures: result.signatures, manifest: result.manifest, notes, provenance: { ...provenance, ok: provenanceOk, required, summary: provenanceLine } })}\n`);
      return ok ? ExitCode.ok : ExitCode.findings;
    }
    const content = `${counted(result.files, 'file')} match manifest.json and SHA256SUMS; evidence chain intact (${counted(result.chain.records, 'record')})`;
    if (ok) io.stdout(`${io.style.green('OK')} ${content}.\n`);
    else if (result.ok) io.stdout(`${io.style.red('FAILED')} provenance: ${content}, but the provenance check failed (below).\n`);
    else for (const p of result.problems) io.stdout(`${io.style.red(p.problem.padEnd(10))} ${safe(p.file)}  ${safe(p.message)}\n`);
    if (result.ok && signaturesWorthSaying(result.signatures)) io.stdout(formatSignatureReport(result.signatures, io));
    if (m && result.ok) io.stdout(`${safe(`Built by Evident ${m.tool.version} from ${m.source ? `commit ${m.source.commit}` : 'a directory outside git'}${m.release ? ` for ${m.release}` : ''}, period ${m.period.start} to ${m.period.end}.`)}\n`);
    if (m && result.ok) io.stdout(`${safe(describeRecordedHistory(result.history, result.chain.head))}\n`);
    if (!result.ok) {
      const count = result.problems.length;
      io.stdout(`\n${io.style.red('FAILED')} ${counted(count, 'problem')} in ${counted(result.entries, 'file')}${provenanceOk ? '' : ', and the provenance check failed'}.\n`);
    }
    for (const note of notes) io.stdout(`${io.style.yellow('NOTE')} ${safe(note.message)}\n`);
    io.stdout(`${safe(provenanceLine)}\n`);
    return ok ? ExitCode.ok : ExitCode.findings;
  },
};

/**
 * What the bundle says of the evidence branch's history, and that this command does not walk it: the
 * records' own chain is re-checked here, the history walk only as the build recorded it. Pure.
 */
function describeRecordedHistory(history: BundleVerification['history'], head: string | null): string {
  const recheck = (tip: string) => `To re-check it against the repository, in a clone: \`git fetch origin <evidence branch>\`, then \`evident evidence verify --ref ${tip}${head ? ` --anchor ${head}` : ''}\`.`;
  if (!history) return `History: not recorded (no evidence branch, or a bundle built before Evident recorded its history walk); this command checks the records' own chain only.${head ? ` To check the branch still holds them: \`evident evidence verify --anchor ${head}\` in a clone of the repository.` : ''}`;
  const walked = history.first_record_commit ? `from the first record commit ${history.first_record_commit} to ${history.tip}` : `to ${history.tip}`;
  return `History: recorded by the build as walked ${walked} (${counted(history.commits, 'commit')}), ${history.result}; this command checks the records' own chain and reports that recorded verdict, it does not walk git. ${recheck(history.tip)}`;
}

/** What the manifest admits about the build that an auditor must see: uncommitted changes, starter placeholders, unconfirmed records. */
function manifestNotes(m: NonNullable<BundleVerification['manifest']>): { kind: 'uncommitted-changes' | 'placeholders' | 'unconfirmed-records'; message: string }[] {
  const notes: { kind: 'uncommitted-changes' | 'placeholders' | 'unconfirmed-records'; message: string }[] = [];
  if (m.source?.dirty === true) notes.push({ kind: 'uncommitted-changes', message: `Built from a working tree with uncommitted changes: the bundle's files may differ from commit ${m.source.commit}.` });
  // The manifest comes from the zip: fields read-manifest does not check are read defensively.
  const placeholders = m.placeholders as { allowed?: unknown; count?: unknown } | undefined;
  if (placeholders?.allowed === true) {
    const count = typeof placeholders.count === 'number' ? placeholders.count : 0;
    notes.push({ kind: 'placeholders', message: `Built with --allow-placeholders: ${count} starter placeholder${count === 1 ? '' : 's'} (example data, not the organization's) remain in the program.` });
  }
  const cross = m.github_cross_check as { allowed_unconfirmed?: unknown; not_confirmed?: unknown; repository?: unknown } | undefined;
  if (cross?.allowed_unconfirmed === true) {
    const count = Array.isArray(cross.not_confirmed) ? cross.not_confirmed.length : 0;
    notes.push({ kind: 'unconfirmed-records', message: `Built allowing evidence records GitHub did not confirm: ${count} not confirmed by ${typeof cross.repository === 'string' ? cross.repository : 'GitHub'}.` });
  }
  return notes;
}

/** The attestation named, or the one beside the zip, verified offline for the zip. */
async function checkProvenance(zip: string, named: string | undefined, bundle: Pick<typeof import('@evident/bundle'), 'checkAttestation' | 'ATTESTATION_MAX_BYTES'>, options: AttestationCheckOptions): Promise<AttestationCheck> {
  const file = named ?? `${zip}.sigstore.json`;
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > bundle.ATTESTATION_MAX_BYTES) return { state: 'unreadable', attestation: file, reason: `it is not a regular file of at most ${bundle.ATTESTATION_MAX_BYTES} bytes` };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return { state: 'not-attested', reason: `no ${path.basename(file)} beside the bundle` };
    if (code === 'ENOENT') throw new UsageError(`No attestation at \`${file}\`, expected the release's .sigstore.json`);
    return { state: 'unreadable', attestation: file, reason: `it cannot be read (${code ?? 'error'})` };
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(zip, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return bundle.checkAttestation(file, text, hash.digest('hex'), options);
}

/** The provenance result in one line; `required`: --repo was given, so an attestation must be there. */
function describeProvenance(check: AttestationCheck, required?: { repository: string; workflow: string }): string {
  switch (check.state) {
    case 'not-attested':
      return required
        ? `Provenance FAILED: not attested (${check.reason}): expected an attestation signed by ${required.repository}'s release workflow (${required.workflow} at a tag), as --repo requires. Pass --attestation FILE when it is elsewhere.`
        : `Provenance: not attested (${check.reason}). Integrity rests on the SHA-256 published with the release.`;
    case 'verified': {
      const by = `${check.signer ?? 'an unnamed workflow'}${check.run ? ` (run ${check.run})` : ''}`;
      const source = `${check.repository ?? 'no repository named'} at ${check.ref ?? 'no ref'}, commit ${check.commit ?? 'none named'}`;
      const repo = check.repository_checked ? '' : ` Its repository was not compared with one you expect: pass --repo OWNER/NAME.`;
      return `Provenance: ${path.basename(check.attestation)} attests this zip's SHA-256 (${check.predicateType}), signed by ${by} (${source})${check.signed_at ? ` at ${check.signed_at}` : ''}, verified offline against ${check.trusted_root}.${repo}`;
    }
    case 'source-differs':
      return `Provenance FAILED: ${path.basename(check.attestation)} was signed by ${check.signer ?? 'an unnamed workflow'}, for another source than the manifest names: ${check.reason}.`;
    case 'subject-differs':
      return `Provenance FAILED: ${path.basename(check.attestation)} attests ${check.subjects.join(', ') || 'no SHA-256'}, not this zip.`;
    case 'identity-mismatch':
      return `Provenance FAILED: ${path.basename(check.attestation)} was signed by ${check.signer ?? 'an unnamed workflow'}, expected ${check.expected}: ${check.reason}.`;
    case 'untrusted':
      return `Provenance FAILED: ${path.basename(check.attestation)} is not vouched for by a trusted root: ${check.reason}. An attestation of a private repository is signed by GitHub's own instance: pass --trusted-root with the output of \`gh attestation trusted-root\`.`;
    case 'bad-signature':
      return `Provenance FAILED: ${path.basename(check.attestation)} does not verify: ${check.reason}.`;
    case 'unreadable':
      return `Provenance FAILED: ${path.basename(check.attestation)} is not a Sigstore attestation: ${check.reason}.`;
  }
}

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
  const { code, verification: result, signatures, remote, branch } = await runEvidenceVerification(values, io);
  if (!result) return code;
  if (format === 'json') writeJson(io, { ...result, ok: code === ExitCode.ok, signatures });
  else if (result.problems.length === 0) io.stdout(`${io.style.green('OK')} evidence branch \`${remote}/${branch}\` at ${result.commit.slice(0, 12)}: ${counted(result.records, 'record')}, chain intact.\n`);
  else {
    for (const p of result.problems) io.stdout(`${io.style.red(p.problem.padEnd(10))} ${p.file}  ${p.message}\n`);
    io.stdout(`\n${io.style.red('FAILED')} ${counted(result.problems.length, 'problem')} in ${counted(result.records, 'record')} of \`${remote}/${branch}\`.\n`);
  }
  if (format === 'text' && signatures && signaturesWorthSaying(signatures)) io.stdout(formatSignatureReport(signatures, io));
  return code;
}
