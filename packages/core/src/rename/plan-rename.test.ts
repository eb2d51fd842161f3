import { describe, expect, it } from '@jest/globals';
import { defaultPaths } from '../config/config.js';
import type { SourceFile } from '../source-file.js';
import { planRename, type RenameInput, type RenamePlan } from './plan-rename.js';
import type { RenameRequest } from './rename-request.js';

/** A small repository written the way people write YAML by hand: comments, quotes, flow lists, CRLF. */
const config = `# evident.yaml
organization:
  name: Example
  security_officer: "ada-lovelace"   # the officer
  systems:
    - { name: Prod, description: Production, owner: 'ada-lovelace' }
teams:
  - id: security
    name: Security
    members: [ ada-lovelace ,grace-hopper]   # two people
  - id: ops
    name: Ops
    members:
      - grace-hopper
      - ada-lovelace # last
access:
  review_control: "AC-01" # the review
`;
const people = `people:
  - id: ada-lovelace   # first
    name: Ada
  - id: grace-hopper
    name: Grace
    manager: 'ada-lovelace'
`;
const policy = `---\n# comment\nid: 'access-control' # id\ntitle: Access\nowner: ada-lovelace\napprovers: [security, "ada-lovelace"]\nacknowledgment:\n  audience:\n    - ada-lovelace\n  within_days: 30\n---\n\n# Access\n\nSee [itself](access-control.md#scope), [ref][r] and [other](other.md).\n\n\`\`\`\n[code](access-control.md)\n\`\`\`\n\n[r]: ./access-control.md\n`;
const other = `\ufeff---\r\nid: other\r\nowner: security\r\napprovers: [security]\r\n---\r\nBack to [access](access-control.md) and [AC](../controls/AC-01.md).\r\n`;
const control = `---\nid: AC-01\nowner: ada-lovelace  # owner\npolicies:\n  - "access-control"   # main\n  - other\n---\n\nPolicy: [access](../policies/access-control.md), not [lookalike](../policies/xaccess-control.md).\n`;
const evidence = `controls: [ "AC-01", AC-02 ]\ncollected_by: ada-lovelace # who\nsha256: x\n`;
const response = `owner: ada-lovelace\nresponse: Lost the record of the review.\n`;
const namedResponse = `id: "missing-acknowledgment:access-control:ada-lovelace" # by id\nowner: grace-hopper\nresponse: Ada was on leave.\n`;

const input: RenameInput = {
  config: { path: 'evident.yaml', text: config },
  people: { path: 'people.yaml', text: people },
  policies: [
    { path: 'policies/access-control.md', text: policy },
    { path: 'policies/other.md', text: other },
  ],
  controls: [{ path: 'controls/AC-01.md', text: control }],
  evidence: [{ path: 'evidence/AC-01/2026-Q3/review.csv.evidence.yaml', text: evidence }],
  exceptions: [
    { path: 'exceptions/missing-evidence_AC-01_2026-Q3.yaml', text: response },
    { path: 'exceptions/leave.yaml', text: namedResponse },
  ],
  files: ['evident.yaml', 'people.yaml', 'policies/access-control.md', 'policies/other.md', 'controls/AC-01.md', 'evidence/AC-01/2026-Q3/review.csv', 'evidence/AC-01/2026-Q3/review.csv.evidence.yaml', 'exceptions/missing-evidence_AC-01_2026-Q3.yaml', 'exceptions/leave.yaml'],
  paths: defaultPaths,
};

const sources: SourceFile[] = [input.config, input.people!, ...input.policies, ...input.controls, ...input.evidence, ...input.exceptions];
const before = (file: string) => sources.find((s) => s.path === file)!.text;
const run = (request: RenameRequest, over: Partial<RenameInput> = {}) => planRename({ ...input, ...over }, request);
const texts = (plan: RenamePlan) => Object.fromEntries(plan.files.map((f) => [f.to ?? f.path, f.text ?? '(moved)']));

/** Every change is the new id where the old one was: putting the old id back at each edit gives the file as read. */
function expectOnlyReferencesChanged(plan: RenamePlan): void {
  for (const file of plan.files) {
    if (file.text === undefined) continue;
    let restored = '';
    let at = 0;
    let shift = 0;
    for (const edit of file.edits) {
      const start = edit.start + shift;
      restored += file.text.slice(at, start) + before(file.path).slice(edit.start, edit.end);
      at = start + edit.text.length;
      shift += edit.text.length - (edit.end - edit.start);
      expect([before(file.path).slice(edit.start, edit.end), edit.text]).toEqual(edit.text.endsWith('.md') ? [`${plan.from}.md`, `${plan.to}.md`] : [plan.from, plan.to]);
    }
    restored += file.text.slice(at);
    expect(restored).toBe(before(file.path));
  }
}

describe('planRename', () => {
  it('renames a person everywhere, keeping quotes, comments and flow lists', () => {
    const plan = run({ kind: 'person', from: 'ada-lovelace', to: 'ada-byron' });
    expect(plan.problems).toEqual([]);
    expectOnlyReferencesChanged(plan);
    const out = texts(plan);
    expect(Object.keys(out)).toEqual(['controls/AC-01.md', 'evidence/AC-01/2026-Q3/review.csv.evidence.yaml', 'evident.yaml', 'exceptions/leave.yaml', 'exceptions/missing-evidence_AC-01_2026-Q3.yaml', 'people.yaml', 'policies/access-control.md']);
    expect(out['evident.yaml']).toBe(config.replace(/ada-lovelace/g, 'ada-byron'));
    expect(out['people.yaml']).toBe(people.replace(/ada-lovelace/g, 'ada-byron'));
    expect(out['policies/access-control.md']).toBe(policy.replace(/ada-lovelace/g, 'ada-byron'));
    expect(out['exceptions/leave.yaml']).toBe(namedResponse.replace('ada-lovelace', 'ada-byron'));
    expect(plan.folders).toEqual([]);
  });

  it('renames a policy: its id and file, controls, links outside code blocks, responses', () => {
    const plan = run({ kind: 'policy', from: 'access-control', to: 'identity' });
    expect(plan.problems).toEqual([]);
    expectOnlyReferencesChanged(plan);
    expect(plan.files.map((f) => [f.path, f.to])).toEqual([
      ['controls/AC-01.md', undefined],
      ['exceptions/leave.yaml', undefined],
      ['policies/access-control.md', 'policies/identity.md'],
      ['policies/other.md', undefined],
    ]);
    const out = texts(plan);
    expect(out['policies/identity.md']).toBe(policy.replace("id: 'access-control'", "id: 'identity'").replace('(access-control.md#scope)', '(identity.md#scope)').replace('[r]: ./access-control.md', '[r]: ./identity.md'));
    expect(out['policies/other.md']).toBe(other.replace('(access-control.md)', '(identity.md)'));
    expect(out['controls/AC-01.md']).toBe(control.replace('"access-control"', '"identity"').replace('policies/access-control.md', 'policies/identity.md'));
    expect(out['exceptions/leave.yaml']).toBe(namedResponse.replace('access-control', 'identity'));
  });

  it('renames a control: its id and file, evidence metadata and folder, evident.yaml, links, responses and their names', () => {
    const plan = run({ kind: 'control', from: 'AC-01', to: 'IAM-01' });
    expect(plan.problems).toEqual([]);
    expectOnlyReferencesChanged(plan);
    expect(plan.folders).toEqual([{ path: 'evidence/AC-01', to: 'evidence/IAM-01' }]);
    expect(plan.files.map((f) => [f.path, f.to])).toEqual([
      ['controls/AC-01.md', 'controls/IAM-01.md'],
      ['evidence/AC-01/2026-Q3/review.csv.evidence.yaml', 'evidence/IAM-01/2026-Q3/review.csv.evidence.yaml'],
      ['evident.yaml', undefined],
      ['exceptions/missing-evidence_AC-01_2026-Q3.yaml', 'exceptions/missing-evidence_IAM-01_2026-Q3.yaml'],
      ['policies/other.md', undefined],
    ]);
    const out = texts(plan);
    expect(out['evidence/IAM-01/2026-Q3/review.csv.evidence.yaml']).toBe(evidence.replace('"AC-01"', '"IAM-01"'));
    expect(out['evident.yaml']).toBe(config.replace('"AC-01"', '"IAM-01"'));
    expect(out['exceptions/missing-evidence_IAM-01_2026-Q3.yaml']).toBe('(moved)');
    expect(out['policies/other.md']).toBe(other.replace('AC-01.md', 'IAM-01.md'));
  });

  it.each([
    [{ kind: 'person', from: 'ada-lovelace', to: 'Ada' }, 'Unexpected person id `Ada`, expected an id matching `^[a-z0-9]+(-[a-z0-9]+)*$`'],
    [{ kind: 'person', from: 'ada-lovelace', to: 'grace-hopper' }, 'Unexpected new id `grace-hopper`: a person already has it, expected an unused id'],
    [{ kind: 'person', from: 'ada-lovelace', to: 'ops' }, 'Unexpected new id `ops`: a team already has it, expected an unused id'],
    [{ kind: 'person', from: 'alan-turing', to: 'alan' }, 'Unexpected person `alan-turing`, expected an id from `people.yaml`'],
    [{ kind: 'policy', from: 'access-control', to: 'other' }, 'Unexpected new id `other`: a policy already has it, expected an unused id'],
    [{ kind: 'policy', from: 'nope', to: 'fine' }, 'Unexpected policy `nope`, expected an id from `policies/`'],
    [{ kind: 'policy', from: 'other', to: 'other' }, 'Unexpected new id `other`, expected an id other than `other`'],
    [{ kind: 'control', from: 'AC-01', to: 'ac-02' }, 'Unexpected control id `ac-02`, expected an id matching `^[A-Z]{2,5}-[0-9]{2,3}$`'],
  ] as [RenameRequest, string][])('refuses %j', (request, problem) => {
    const plan = run(request);
    expect(plan.problems).toEqual([problem]);
    expect(plan.files).toEqual([]);
  });

  it('refuses when a new path is taken, a reference cannot be rewritten in place, or a file that may refer to the id cannot be parsed', () => {
    expect(run({ kind: 'control', from: 'AC-01', to: 'AC-02' }, { files: [...input.files, 'evidence/AC-02/x.csv'] }).problems).toEqual(['Unexpected folder `evidence/AC-02/` that already exists, expected the evidence folder\'s new path to be free']);
    expect(run({ kind: 'policy', from: 'other', to: 'taken' }, { files: [...input.files, 'policies/taken.md'] }).problems).toEqual(['Unexpected `policies/taken.md` that already exists, expected the renamed file\'s new path to be free']);
    const escaped = { ...input.controls[0]!, text: control.replace('owner: ada-lovelace', 'owner: "ada\\x2dlovelace"') };
    expect(run({ kind: 'person', from: 'ada-lovelace', to: 'ada' }, { controls: [escaped] }).problems).toEqual(['Unexpected `"ada\\x2dlovelace"` at `owner` in `controls/AC-01.md`, expected `ada-lovelace` written plainly or in quotes (rewrite it by hand, then rename)']);
    const broken = { path: 'evidence/x.evidence.yaml', text: 'collected_by: [ada-lovelace\n' };
    expect(run({ kind: 'person', from: 'ada-lovelace', to: 'ada' }, { evidence: [broken] }).problems).toEqual(['Unexpected `evidence/x.evidence.yaml` that cannot be parsed while it may refer to `ada-lovelace`, expected valid YAML (fix it, then rename)']);
  });
});
