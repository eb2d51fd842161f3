import { describe, expect, it } from '@jest/globals';
import { baseFiles, check, snapshotOf } from '../../test/gate-snapshot.js';
import { compareCoverage } from '../coverage/compare-coverage.js';
import { computeCoverage } from '../coverage/compute-coverage.js';
import type { Diagnostic } from '../diagnostic.js';
import { changedPolicies } from '../gate/changed-policies.js';
import { decideGate } from '../gate/decide-gate.js';
import { formatGateSummary, type GateSummaryInput } from './format-gate-summary.js';

/** The base program, and a change that breaks a policy's frontmatter and removes the last control of CC7.3. */
function pullRequest(): GateSummaryInput {
  const baseSnapshot = snapshotOf(baseFiles());
  const files = baseFiles();
  files.policies[0] = { path: 'policies/access-control.md', text: files.policies[0]!.text.replace('status: approved', 'status: live') };
  files.controls = files.controls.filter((c) => c.path !== 'controls/IR-01.md');
  files.controls[1] = { path: 'controls/AC-02.md', text: files.controls[1]!.text.replace('status: planned', 'status: implemented') };
  const headSnapshot = snapshotOf(files);
  const base = check(baseSnapshot);
  const head = check(headSnapshot);
  const baseCoverage = computeCoverage(base.model!);
  const headCoverage = computeCoverage(head.model!);
  const coverageChanges = compareCoverage(baseCoverage, headCoverage);
  return {
    decision: decideGate({ diagnostics: head.diagnostics, coverageChanges, configFailed: false, strict: false }),
    diagnostics: head.diagnostics,
    base: { label: 'main', sha: '0123456789abcdef0123456789abcdef01234567' },
    coverageChanges,
    totals: { base: baseCoverage.totals, head: headCoverage.totals },
    criteria: head.model!.criteriaInScope,
    changedPolicies: changedPolicies({ files: baseSnapshot.policies, model: base.model }, { files: headSnapshot.policies, model: head.model }),
    link: (file, line) => `https://github.com/example/program/blob/abc/${file}${line ? `#L${line}` : ''}`,
  };
}

describe('formatGateSummary', () => {
  it('shows the verdict, counts, coverage delta, changed policies and every finding', () => {
    const input = pullRequest();
    // Messages belong to their rules; this test pins where they appear and how they are rendered.
    const [uncovered, schema] = input.diagnostics;
    expect(input.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['evident.yaml:6 coverage/uncovered-criterion', 'policies/access-control.md:5 schema']);
    expect(formatGateSummary(input)).toBe(`## Evident check: ❌ failed

**2** errors, **0** warnings, **0** info

- Unexpected 2 errors, expected none
- Unexpected removal of the last control of in-scope criterion \`CC7.3\`, expected at least one control to remain mapped

### Coverage delta

Compared with \`main\` at \`0123456789ab\`: criteria covered 3/3 → 2/3.

| Criterion | Topic | Base | Head | Change |
| --- | --- | --- | --- | --- |
| \`CC6.2\` | User registration and authorization | implemented (2) | implemented (2) | + implemented \`AC-02\` |
| \`CC7.3\` | Security incident evaluation | operating (1) | uncovered | − mapped \`IR-01\`; − implemented \`IR-01\`; **no control left** |

### Changed policies

A policy change needs approving reviews from the approvers of the version it replaces.

| Policy | Change | File | Required approvers |
| --- | --- | --- | --- |
| \`access-control\` access-control policy | modified | [policies/access-control.md](https://github.com/example/program/blob/abc/policies/access-control.md) | \`security\` (@ada-example, @grace-example) |

### Findings

| Severity | Location | Finding | Rule |
| --- | --- | --- | --- |
| error | [evident.yaml:6](https://github.com/example/program/blob/abc/evident.yaml#L6) | ${uncovered!.message} | \`coverage/uncovered-criterion\` |
| error | [policies/access-control.md:5](https://github.com/example/program/blob/abc/policies/access-control.md#L5) | ${schema!.message} | \`schema\` |
`);
  });

  it('says so when there is no base or nothing changed', () => {
    const summary = formatGateSummary({ decision: { passed: true, reasons: [], lostLastControl: [] }, diagnostics: [] });
    expect(summary).toContain('## Evident check: ✅ passed');
    expect(summary).toContain('No base commit to compare with');
    expect(summary).toContain('No findings.');
    const unchanged = formatGateSummary({ decision: { passed: true, reasons: [], lostLastControl: [] }, diagnostics: [], base: { label: 'main', sha: 'abc' }, coverageChanges: [], changedPolicies: [] });
    expect(unchanged).toContain('No criterion gains or loses a mapped or implemented control.');
    expect(unchanged).toContain('No policy changed.');
  });

  it('escapes table cells and cuts the findings table to stay under the size limit', () => {
    const diagnostics: Diagnostic[] = Array.from({ length: 2000 }, (_, i) => ({ ruleId: 'schema', severity: 'error', message: `Unexpected \`a|b\` number ${i}`, file: 'policies/a.md', line: i + 1 }));
    const summary = formatGateSummary({ decision: { passed: false, reasons: [], lostLastControl: [] }, diagnostics, annotationsOmitted: 1990, maxBytes: 20_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(20_000);
    expect(summary).toContain('| error | `policies/a.md:1` | Unexpected `a\\|b` number 0 | `schema` |');
    expect(summary).toMatch(/Showing the first \d+ of 2000 findings/);
    expect(summary).toContain('1990 more findings are listed only here');
    expect(summary).not.toContain('number 1999');
  });

  it('renders a policy title and status from the pull request as inert text, not headings, images, links or HTML', () => {
    const title = 'Access Control Policy <h2>Evident check: ✅ passed</h2> <img src="https://attacker.example/px.png"> [Approved by security](https://attacker.example) <details><summary>ok</summary>';
    const status = 'x`` <b>INJECTED</b> [click](https://attacker.example) ``y';
    const baseSnapshot = snapshotOf(baseFiles());
    const files = baseFiles();
    files.policies[0] = { path: 'policies/access-control.md', text: files.policies[0]!.text.replace('title: access-control policy', `title: '${title}'`).replace('status: approved', `status: '${status}'`) };
    const headSnapshot = snapshotOf(files);
    const base = check(baseSnapshot);
    const head = check(headSnapshot);
    const summary = formatGateSummary({
      decision: decideGate({ diagnostics: head.diagnostics, coverageChanges: [], configFailed: false, strict: false }),
      diagnostics: head.diagnostics,
      base: { label: 'main', sha: '0123456789abcdef' },
      coverageChanges: [],
      changedPolicies: changedPolicies({ files: baseSnapshot.policies, model: base.model }, { files: headSnapshot.policies, model: head.model }),
      link: (file, line) => `https://github.com/example/program/blob/abc/${file}${line ? `#L${line}` : ''}`,
    });
    expect(summary).toContain(
      '| `access-control` Access Control Policy \\<h2\\>Evident check: ✅ passed\\</h2\\> \\<img src="https://attacker.example/px.png"\\> \\[Approved by security\\](https://attacker.example) \\<details\\>\\<summary\\>ok\\</summary\\> | modified |',
    );
    // The status sits in a code span whose fence is longer than any backtick run inside it.
    expect(summary).toContain('| error | [policies/access-control.md:5](https://github.com/example/program/blob/abc/policies/access-control.md#L5) | Unexpected ``` x`` <b>INJECTED</b> [click](https://attacker.example) ``y ``` for `status`, expected one of `draft`, `approved`, `retired` | `schema` |');
    // Outside code spans, nothing of the title or status is left as markup.
    const outsideCode = summary.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<(h2|img|details|summary|b)\b/);
    expect(outsideCode).not.toMatch(/(?<!\\)\[(Approved|click)/);
  });

  it('escapes markup outside the code spans of a message, and a backtick run left open', () => {
    const diagnostics: Diagnostic[] = [{ ruleId: 'schema', severity: 'error', message: 'Unexpected `a|b` then <img src=x> and ` open', file: 'policies/a.md', line: 1 }];
    const summary = formatGateSummary({ decision: { passed: false, reasons: ['Unexpected <b>x</b> `c`'], lostLastControl: [] }, diagnostics });
    expect(summary).toContain('| error | `policies/a.md:1` | Unexpected `a\\|b` then \\<img src=x\\> and \\` open | `schema` |');
    expect(summary).toContain('- Unexpected \\<b\\>x\\</b\\> `c`\n');
  });

  it("opens with the changes that weaken the gate and says whose rules judged the change", () => {
    const weakenings = [
      { kind: 'rule-lowered' as const, subject: 'reference/unknown-person', message: '`reference/unknown-person` lowered from error to off' },
      { kind: 'gate-changed' as const, subject: '.github/workflows/pr-gate.yml', message: "`.github/workflows/pr-gate.yml` changed: the gate that runs is the base's; review the change" },
    ];
    const summary = formatGateSummary({ decision: { passed: true, reasons: [], lostLastControl: [] }, diagnostics: [], base: { label: 'main', sha: '0123456789abcdef' }, weakenings, rulesFrom: 'base' });
    expect(summary.startsWith(`## ⚠️ This pull request weakens the gate (2 changes)

It was judged with the base's rules and the base's copy of the gate; these changes take effect once it merges. Code owners: review each one.

- \`reference/unknown-person\` lowered from error to off
- \`.github/workflows/pr-gate.yml\` changed: the gate that runs is the base's; review the change

## Evident check: ✅ passed

**0** errors, **0** warnings, **0** info

Judged with the base's rules, scope and required sections (\`main\` at \`0123456789ab\`).
`)).toBe(true);
    const own = formatGateSummary({ decision: { passed: true, reasons: [], lostLastControl: [] }, diagnostics: [], weakenings: [], rulesFrom: 'head' });
    expect(own.startsWith('## Evident check: ✅ passed')).toBe(true);
    expect(own).toContain("Judged with the pull request's own rules: the base has no usable `evident.yaml`.");
  });
});
