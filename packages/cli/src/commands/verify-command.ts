import type { AttestationCheck, AttestationCheckOptions, BundleVerification, SummaryCheck, VerifyProgress } from '@evident/bundle';
import { printable as safe, printableJson, readinessLabel } from '@evident/core';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
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
  usage: 'evident verify [BUNDLE.zip] [--anchor HASH|ID]... [--attestation FILE] [--repo OWNER/NAME] [--release-workflow FILE] [--trusted-root FILE]... [--format text|json] [--root DIR] [--remote NAME]',
  maxPositionals: 1,
  options: {
    anchor: {
      type: 'string',
      multiple: true,
      value: 'HASH|ID',
      description: 'A record hash (`evidence_chain.head` of an earlier bundle\'s manifest.json) or record id that this bundle\'s chain must still hold, as for `evident evidence verify --anchor` (repeatable).',
    },
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
    'The manifest\'s summary is compared with the files it describes: the period with the bundled evident.yaml (a period other than evident.yaml\'s, as',
    '`evident bundle --period` gives, is a NOTE), `exceptions` with the rows of exceptions.csv, `readiness` with its met and total and the exceptions, and every',
    'evidence file\'s SHA-256 with the one its .evidence.yaml and evidence-index.csv declare. Only checked values are printed as checked; the rest',
    'reads "as stated by manifest.json".',
    'With --anchor (the chain head of every earlier bundle, recorded when it was delivered): each anchor must be a record of this bundle\'s chain, with that hash',
    '(or id); else a finding. Without an anchor, a bundle whose last records were deleted and whose manifest was restated to match verifies.',
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
    'Without an attestation the bundle is reported as not attested (`provenance.ok: false`, `provenance.checked: false` in JSON), which fails only with --repo:',
    'nothing then ties the zip to the repository, and a SHA-256 on a release page is written by whoever creates the release.',
    'Verify does not check that the attested commit is on the default branch: a release workflow run at a tag pushed on another branch attests it too.',
    'Check it in a clone: `git fetch origin && git merge-base --is-ancestor COMMIT origin/main` (exit 0: on main).',
    'The zip\'s structure is checked too: every entry\'s CRC-32, local headers against the directory, and no bytes outside the entries, the directory and its end records.',
    'What manifest.json admits (uncommitted changes, starter placeholders, unconfirmed records) is printed as NOTE lines (`notes` in JSON).',
    'Without it: fetches the evidence branch named in evident.yaml and verifies its record chain.',
    'Exit codes: 0 intact (also when not attested, without --repo), 1 a mismatch, a broken chain, a missing anchor, bytes after the zip\'s end, or failed provenance,',
    '2 usage error (with --format json, a document with `error` on stdout too), no file at BUNDLE.zip or --attestation, a file that is not a readable zip,',
    'or an evidence branch that cannot be read.',
  ].join('\n'),
  async run({ values, positionals }, io) {
    const format = pickFormat(values.format, formats);
    if (positionals.length > 1) throw new UsageError(`Unexpected arguments \`${positionals.slice(1).join(' ')}\`, expected one bundle`);
    if (positionals.length === 0) return verifyEvidenceBranchOnly(values, format, io);
    const file = path.resolve(io.cwd, positionals[0]!);
    try {
      return await verifyBundleFile(file, values, format, io);
    } catch (error) {
      // A usage error (exit 2) still leaves a JSON document on stdout, saying why nothing was verified.
      if (format === 'json' && error instanceof UsageError) writeJson(io, { bundle: file, ok: false, error: { message: error.message } });
      throw error;
    }
  },
};

/** `evident verify BUNDLE.zip`: the zip, its anchors and its provenance. */
async function verifyBundleFile(file: string, values: Record<string, unknown>, format: (typeof formats)[number], io: CliIo): Promise<ExitCodeValue> {
  const anchors = anchorsFrom(values.anchor);
  const repo = typeof values.repo === 'string' ? values.repo : undefined;
  if (repo !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) throw new UsageError(`Unexpected --repo \`${repo}\`, expected OWNER/NAME`);
  const workflow = typeof values['release-workflow'] === 'string' ? values['release-workflow'] : undefined;
  if (workflow !== undefined && !/^\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/.test(workflow)) throw new UsageError(`Unexpected --release-workflow \`${workflow}\`, expected .github/workflows/NAME.yml`);
  const attestation = typeof values.attestation === 'string' ? path.resolve(io.cwd, values.attestation) : undefined;
  // A named attestation that is not there is a usage error: said before the zip is read.
  if (attestation !== undefined && (await stat(attestation).catch(() => undefined)) === undefined) throw new UsageError(`No attestation at \`${attestation}\`, expected the release's .sigstore.json`);
  const trustedRoots = await trustedRootFiles(values, io);
  const bundle = await import('@evident/bundle');
  let result;
  try {
    result = await bundle.verifyBundle(file, { onProgress: progressReporter(io, bundle), trustedRoots, anchors });
  } catch (error) {
    if (error instanceof bundle.BundleOpenError) throw new UsageError(safe(error.message));
    throw error;
  } finally {
    if (io.stderrIsTTY) io.stderr('\r\x1b[K');
  }
  const m = result.manifest;
  const source = m ? { commit: m.source?.commit ?? null, release: m.release, ...(typeof m.github_cross_check?.repository === 'string' ? { repository: m.github_cross_check.repository } : {}) } : undefined;
  const provenance = await checkProvenance(file, attestation, bundle, { trustedRoots, signer: { repository: repo, workflow }, ...(source ? { source } : {}) });
  // With --repo the auditor requires provenance from that repository: no attestation is then a failure.
  const required = repo !== undefined;
  const provenanceOk = provenance.state === 'verified' || (provenance.state === 'not-attested' && !required);
  const ok = result.ok && provenanceOk;
  const notes = m ? manifestNotes(m, result.summary) : [];
  const provenanceLine = describeProvenance(provenance, required ? { repository: repo, workflow: workflow ?? '.github/workflows/release.yml' } : undefined);
  // Every name and message below may come from the zip: printed only through `printable`, so none can steer the terminal.
  if (format === 'json') {
    // `provenance.ok` is true only for a verified attestation: not attested is `checked: false`, and fails only with --repo (`required`).
    const checkedProvenance = { ...provenance, ok: provenance.state === 'verified', checked: provenance.state !== 'not-attested', required, summary: provenanceLine };
    io.stdout(`${printableJson({ bundle: file, ok, files: result.files, entries: result.entries, problems: result.problems, chain: result.chain, anchors: result.anchors, history: { recorded: result.history, summary: describeRecordedHistory(result.history, result.chain.head) }, signatures: result.signatures, manifest: result.manifest, summary: result.summary ?? null, notes, provenance: checkedProvenance })}\n`);
    return ok ? ExitCode.ok : ExitCode.findings;
  }
  const content = `${counted(result.files, 'file')} match manifest.json and SHA256SUMS; evidence chain intact (${counted(result.chain.records, 'record')})`;
  if (ok) io.stdout(`${io.style.green('OK')} ${content}.\n`);
  else if (result.ok) io.stdout(`${io.style.red('FAILED')} provenance: ${content}, but the provenance check failed (below).\n`);
  else for (const p of result.problems) io.stdout(`${io.style.red(p.problem.padEnd(10))} ${safe(p.file)}  ${safe(p.message)}\n`);
  if (result.ok && signaturesWorthSaying(result.signatures)) io.stdout(formatSignatureReport(result.signatures, io));
  if (m && result.ok) io.stdout(`${safe(describeBuild(m, provenance))}\n`);
  if (m && result.ok && result.summary) io.stdout(`${safe(describeChecked(m, result.summary, result.anchors))}\n`);
  if (m && result.ok) io.stdout(`${safe(describeRecordedHistory(result.history, result.chain.head))}\n`);
  if (!result.ok) {
    const count = result.problems.length;
    io.stdout(`\n${io.style.red('FAILED')} ${counted(count, 'problem')} in ${counted(result.entries, 'file')}${provenanceOk ? '' : ', and the provenance check failed'}.\n`);
  }
  for (const note of notes) io.stdout(`${io.style.yellow('NOTE')} ${safe(note.message)}\n`);
  io.stdout(`${safe(provenanceLine)}\n`);
  return ok ? ExitCode.ok : ExitCode.findings;
}

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

/** The `--anchor` values: record hashes (64 hex digits, as `evident evidence verify --anchor` takes them) or record ids. */
function anchorsFrom(value: unknown): string[] {
  const anchors = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).map((a) => String(a).trim());
  return anchors.map((anchor) => {
    if (/^[0-9a-fA-F]{64}$/.test(anchor)) return anchor.toLowerCase();
    if (anchor.length > 0 && anchor.length <= 300 && !/[\s\u0000-\u001f\u007f-\u009f]/.test(anchor)) return anchor;
    throw new UsageError(`Unexpected --anchor \`${safe(anchor)}\`, expected a record hash (64 hex digits, e.g. \`evidence_chain.head\` of an earlier bundle's manifest.json) or a record id`);
  });
}

/** Who built the bundle, from what: as manifest.json states it (the commit is vouched for only by a verified attestation). */
function describeBuild(m: NonNullable<BundleVerification['manifest']>, provenance: AttestationCheck): string {
  const from = m.source ? `commit ${m.source.commit}` : 'a directory outside git';
  const attested = provenance.state === 'verified' && m.source && provenance.commit === m.source.commit ? '; the attestation names the same commit' : '';
  return `Built by Evident ${m.tool.version} from ${from}${m.release ? ` for ${m.release}` : ''} (as stated by manifest.json${attested}).`;
}

/** The manifest's summary as far as the bundle's own files confirm it; what they cannot confirm is said to be as stated. Pure. */
function describeChecked(m: NonNullable<BundleVerification['manifest']>, checked: SummaryCheck, anchors: readonly string[]): string {
  const type = checked.audit ? `, ${checked.audit.type === 'type2' ? 'Type II' : 'Type I'}` : '';
  const period =
    checked.period === 'matches'
      ? `period ${m.period.start} to ${m.period.end} (as in the bundled evident.yaml${type})`
      : checked.period === 'differs'
        ? `period ${m.period.start} to ${m.period.end} as stated by manifest.json (the bundled evident.yaml states ${checked.audit!.period!.start} to ${checked.audit!.period!.end})`
        : `period ${m.period.start} to ${m.period.end} as stated by manifest.json`;
  const r = m.readiness as { percent: number | null; reason?: string; met?: unknown; total?: unknown };
  const figure = typeof r.met === 'number' && typeof r.total === 'number' ? readinessLabel({ ...r, met: r.met, total: r.total }) : r.percent === null ? 'none' : `${r.percent}%`;
  const readiness = checked.readiness
    ? `readiness${r.percent === null ? ':' : ''} ${figure}${checked.audit?.type === 'type2' ? `, its ${m.readiness.total - m.readiness.met} not met being the ${counted(m.exceptions, 'exception')} of exceptions.csv` : ''}`
    : `readiness${r.percent === null ? ':' : ''} ${figure} and ${counted(m.exceptions, 'exception')} as stated by manifest.json`;
  const evidence = `${counted(checked.evidenceDeclared, 'evidence file')} with the SHA-256 ${checked.evidenceDeclared === 1 ? 'its' : 'their'} metadata declares`;
  const anchored = anchors.length > 0 ? `; ${counted(anchors.length, 'anchor')} on the chain` : '';
  return `Checked against the bundle's files: ${period}; ${readiness}; ${evidence}${anchored}.`;
}

/** What the manifest admits about the build that an auditor must see: uncommitted changes, starter placeholders, unconfirmed records. */
function manifestNotes(m: NonNullable<BundleVerification['manifest']>, checked?: SummaryCheck): { kind: 'uncommitted-changes' | 'placeholders' | 'unconfirmed-records' | 'period-differs'; message: string }[] {
  const notes: { kind: 'uncommitted-changes' | 'placeholders' | 'unconfirmed-records' | 'period-differs'; message: string }[] = [];
  const configured = checked?.period === 'differs' ? checked.audit?.period : undefined;
  if (configured) {
    notes.push({
      kind: 'period-differs',
      message: `manifest.json states the period ${m.period.start} to ${m.period.end}, the bundled evident.yaml ${configured.start} to ${configured.end}: built with \`evident bundle --period\`, or manifest.json was edited. Check the period on index.html and with whoever built the bundle.`,
    });
  }
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
        : `Provenance: not attested (${check.reason}): nothing ties this zip to the repository, and a SHA-256 on a release page is written by whoever creates the release. Verify the release's attestation (--attestation FILE; --repo OWNER/NAME requires one), or compare the zip's SHA-256 with the release workflow run's.`;
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
