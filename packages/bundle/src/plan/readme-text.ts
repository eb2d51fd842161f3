import type { ManifestHeader } from './bundle-plan.js';

/** README.txt: for the auditor, what is where and how to check that nothing was altered. Pure. */
export function readmeText(header: ManifestHeader): string {
  const source = header.source ? `commit ${header.source.commit}${header.source.dirty ? ' (with uncommitted changes)' : ''}, committed ${header.source.committed_at}` : 'a directory outside git';
  return `SOC 2 evidence bundle: ${header.organization}
${'='.repeat(Math.min(78, 26 + header.organization.length))}

Audit period:   ${header.period.start} to ${header.period.end}
Release:        ${header.release ?? '(none)'}
Built from:     ${source}
Gaps assessed:  as of ${header.assessed_on}
Built by:       Evident ${header.tool.version}

START HERE
  Open index.html in a browser. It works offline from this folder: it loads
  nothing from the network (no scripts, fonts or images from elsewhere).

WHAT IS WHERE
  index.html              Scope and system description, readiness summary, search,
                          and the criteria table: criterion -> controls -> policies
                          -> evidence.
  criteria/<id>.html      One page per criterion in scope.
  controls/<id>.html/.md  Each control, the evidence it requires and the evidence
                          in the period; the original Markdown beside it.
  policies/<id>.html      Each policy rendered, with version, content SHA-256, the
                          approval record of that exact content, acknowledgments
                          and change history.
  policies/<id>.md        The policy file byte for byte: \`sha256sum policies/<id>.md\`
                          gives the content hash that approvals bind to.
  controls.csv            The control list.
  criteria-matrix.csv     Criterion x control x policies x evidence.
  policies.csv            Policies with content hash and approval.
  acknowledgments.csv     Person, policy, version, content hash, PR, approved_at.
  policy-history.csv/.html  Every commit that changed a policy in the period, with
                          author, date, pull request and approvals (from git).
  policy-versions.csv/.html  Every policy version in force at some time in the
                          period, with dates, content hash, pull request and
                          approvers; policies/<id>/v<version>.html and .md hold
                          each version's text and its Markdown byte for byte.
  workforce.csv/.html     The roster: roles, teams, manager, start and end dates.
  change-population.csv/.html  Every pull request merged in the period (from the
                          change-population records), with approvals before the
                          merge, status checks, bypass and tickets.
  exceptions.csv          Every gap found, its owner and the management response.
  occurrences.csv         Every occurrence of every control: window, due date,
                          state, the files and records that meet it, its exception.
  management-assertion.md/.html  A draft of management's assertion, from the
                          system description, to edit and sign.
  evidence/               Evidence files whose covered period overlaps the audit
                          period, each with its .evidence.yaml metadata.
  evidence-index.csv      Every evidence item (included or not) with control,
                          period, collected_at, source, size and SHA-256.
  evidence-records/       Approval, acknowledgment and exception records from the
                          evidence branch, byte for byte; verification.json holds
                          the result of checking their hash chain and of walking
                          the branch's history from the first record commit to
                          the tip the records were read from.
  evident.yaml            The configuration that scoped this bundle.
  manifest.json           Tool version, source commit, configuration hash, period,
                          and every file with its size and SHA-256.
  SHA256SUMS              SHA-256 of every file, manifest.json included.

HOW TO VERIFY
  1. Integrity and provenance, offline, with the \`evident\` command (the npm
     package evident-soc2, installable offline from the tarball of an Evident
     release), the release attestation <bundle>.zip.sigstore.json beside the zip:
       evident verify <bundle>.zip --repo <owner>/<repo>
     It recomputes every hash against manifest.json and SHA256SUMS, re-checks the
     evidence record chain and signatures, names each file that differs, is
     missing or extra, and verifies the attestation: its digest, its signature,
     and that the repository's release workflow signed it at a tag. For a private
     repository add --trusted-root with the output of \`gh attestation trusted-root\`.
     It does not check that the attested commit is on the default branch: in a
     clone of the repository, \`git merge-base --is-ancestor <commit> origin/main\`
     must succeed. Without an attestation, nothing ties the zip to the repository:
     a SHA-256 on a release page is written by whoever creates the release.
     Keep the chain head of every bundle (manifest.json \`evidence_chain.head\`)
     and pass it with the next one, --anchor <hash>: records deleted since fail.
     Offline it cannot walk the evidence branch's history: it reports the walk the
     build recorded (manifest.json \`evidence_chain.history\`). To redo the walk,
     in a clone of the repository, with the tip and head manifest.json names:
       git fetch origin evidence
       evident evidence verify --ref <evidence_chain.history.tip> --anchor <evidence_chain.head>
  2. Or provenance with GitHub's CLI:
       gh attestation verify <bundle>.zip -R <owner>/<repo>
  3. Or with standard tools, in the unzipped folder:
       sha256sum -c SHA256SUMS
     and compare manifest.json's file list with the folder's content.
`;
}
