/** The README an adopting company gets from `evident init`. */
export function adoptionReadme(categories: readonly string[]): string {
  return `# Our SOC 2 program

This repository holds our SOC 2 program as code, checked by Evident: policies and controls
as Markdown with YAML frontmatter, our people roster, and the evidence that the controls operate.
In scope: ${categories.join(', ')}.

## Edit these first

1. \`evident.yaml\`: organisation name, security officer, systems, commitments, audit type and period, teams.
   Every value marked \`REPLACE\` needs your data.
2. \`people.yaml\`: everyone who owns, approves or acknowledges a policy, with GitHub logins.
   Never delete a leaver: set \`end_date\`.
3. \`policies/\`: read each policy, adjust the statements to what you really do, and set \`owner\`,
   \`approvers\` and \`acknowledgment\`. Statements must be true and testable: an auditor tests them.
4. \`controls/\`: set each control's \`owner\`, and its \`status\` as it becomes \`implemented\`
   and then \`operating\`. Nothing is satisfied by default.
5. \`.github/workflows/\`: pin the Evident actions to a full commit SHA (\`uses: OWNER/evident/packages/actions/check@<sha>\`).

Then run \`npx evident check\` (findings at file and line) and \`npx evident coverage\` (criteria and their controls).

## How changes work

- Every change arrives by pull request; the PR gate annotates mistakes and shows the coverage delta.
- The policy's \`approvers\` approve; on merge the approvals are recorded on the \`evidence\` branch.
- Employees acknowledge policies by approving acknowledgment PRs (\`evident ack request --all\`).
- \`evident status\` shows what evidence is due and missing; \`evident bundle\` builds the auditor bundle.
`;
}
