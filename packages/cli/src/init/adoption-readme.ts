import { PACKAGE_NAME } from '../build-info.js';
import type { ActionSource } from './point-actions.js';

function actionsParagraph(actions: ActionSource): string {
  if (actions.kind === 'pinned') {
    return `The workflows in \`.github/workflows/\` use the Evident actions of \`${actions.repository}\`, pinned to
commit \`${actions.commit}\`${actions.tag ? ` (${actions.tag})` : ''}. To upgrade, change that SHA (and its comment) in every
workflow together, in one reviewed pull request.`;
  }
  return `The workflows in \`.github/workflows/\` use the Evident actions copied into \`.github/actions/evident-*/\`
(their bundled \`dist/index.js\` is the code that runs; the \`package.json\` beside it tells Node that it is an ES
module, whatever the repository's own \`package.json\` says). To upgrade, run \`evident init --actions vendored\` of the new
release into an empty folder and copy \`.github/actions/\` over, in one reviewed pull request.`;
}

/** The README an adopting company gets from `evident init`. */
export function adoptionReadme(categories: readonly string[], actions: ActionSource): string {
  return `# Our SOC 2 program

This repository holds our SOC 2 program as code, checked by Evident: policies and controls
as Markdown with YAML frontmatter, our people roster, and the evidence that the controls operate.
In scope: ${categories.join(', ')}.

Everything here starts as a **draft**: the policies say \`status: draft\`, the roster and
\`evident.yaml\` hold example data marked \`REPLACE\`, and \`evident check\` warns about each
placeholder (\`evident check --strict\` fails on them, and so does the release bundle) until it is
replaced with the truth about this company.

## Edit these first

1. \`evident.yaml\`: organisation name, security officer, systems, commitments, the audit (it starts
   as a Type I dated a quarter ahead), teams. Every value marked \`REPLACE\` needs your data.
2. \`people.yaml\`: everyone who owns, approves or acknowledges a policy, with GitHub logins
   (approvals are matched to them). Never delete a leaver: set \`end_date\`.
3. \`policies/\`: read each policy, make every statement true for what you really do, set \`owner\`,
   \`approvers\` and \`acknowledgment\`. A policy becomes \`status: approved\` by a pull request that its
   approvers approve: that approval is the evidence.
4. \`controls/\`: set each control's \`owner\`, and its \`status\` as it becomes \`implemented\`
   and then \`operating\`. Nothing is satisfied by default.
5. \`.github/CODEOWNERS\`: the people or teams who must review changes to policies, controls and workflows.

Then run \`evident check\` (findings at file and line; each rule is explained in \`docs/rules/\`, and
\`--format json\` gives each finding's page as its \`url\`) and \`evident coverage\` (criteria and their
controls). The \`evident\` command is the npm package \`${PACKAGE_NAME}\`, which is not on the npm
registry: download \`${PACKAGE_NAME}-<version>.tgz\` from the release page of the Evident repository
and run \`npm install --global ./${PACKAGE_NAME}-<version>.tgz\` (never \`npm install ${PACKAGE_NAME}\`
by the bare name, which could be anyone's package). Node.js 20.19 or later.

## Workflows

${actionsParagraph(actions)}

Set up the rulesets and the evidence branch as \`docs/github-setup.md\` describes: the PR gate must be a
required status check, and the evidence branch must refuse force pushes and deletion.
\`metadata-cache.yml\` keeps the evidence metadata of the default branch in GitHub Actions' cache, so that
the PR gate stays fast as evidence accumulates; it needs no setup, and the gate trusts nothing in it.

## How changes work

- Every change arrives by pull request; the PR gate annotates mistakes and shows the coverage delta.
- The policy's \`approvers\` approve; on merge the approvals are recorded on the \`evidence\` branch.
- Employees acknowledge policies by approving acknowledgment PRs (\`evident ack request --all\`).
- \`evident status\` shows what evidence is due and missing; a release tag builds the auditor bundle.
`;
}
