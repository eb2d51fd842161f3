import { describe, expect, it } from '@jest/globals';
import { baseFiles, check, policy, snapshotOf } from '../../test/gate-snapshot.js';
import { changedPolicies, type PolicySide } from './changed-policies.js';

function side(files: ReturnType<typeof baseFiles>): PolicySide {
  const snapshot = snapshotOf(files);
  return { files: snapshot.policies, model: check(snapshot).model };
}

describe('changedPolicies', () => {
  it('reports nothing when no policy file changed', () => {
    expect(changedPolicies(side(baseFiles()), side(baseFiles()))).toEqual([]);
  });

  it('reports a modified policy with the approvers of the base version, resolved to GitHub logins', () => {
    const head = baseFiles();
    head.policies[0] = { path: 'policies/access-control.md', text: head.policies[0]!.text.replace('Text.', 'Changed text.') };
    expect(changedPolicies(side(baseFiles()), side(head))).toEqual([
      { id: 'access-control', kind: 'modified', path: 'policies/access-control.md', title: 'access-control policy', requiredApprovers: ['security'], requiredLogins: ['ada-example', 'grace-example'] },
    ]);
  });

  it('keeps the base approvers as required when a change rewrites the approvers', () => {
    const head = baseFiles();
    head.policies[1] = { path: 'policies/incident-response.md', text: policy('incident-response', ['grace-hopper'], ['CC7.3']) };
    const [change] = changedPolicies(side(baseFiles()), side(head));
    expect(change).toMatchObject({ id: 'incident-response', requiredApprovers: ['ada-lovelace', 'alan-turing'], requiredLogins: ['ada-example', 'alan-example'], proposedApprovers: ['grace-hopper'] });
  });

  it('names a policy whose frontmatter no longer parses by its id or file name', () => {
    const head = baseFiles();
    head.policies[0] = { path: 'policies/access-control.md', text: head.policies[0]!.text.replace('status: approved', 'status: [approved') };
    const changes = changedPolicies(side(baseFiles()), side(head));
    expect(changes.map((c) => [c.id, c.kind, c.requiredApprovers])).toEqual([['access-control', 'modified', ['security']]]);
  });

  it('ignores an unvalidated id that does not look like one', () => {
    const head = baseFiles();
    head.policies[0] = { path: 'policies/access-control.md', text: head.policies[0]!.text.replace('id: access-control', 'id: "x\\n::error::injected"') };
    expect(changedPolicies(side(baseFiles()), side(head)).map((c) => c.id)).toEqual(['access-control']);
  });

  it('reports added, removed and renamed policies', () => {
    const head = baseFiles();
    const renamed = { path: 'policies/incident-management.md', text: head.policies[1]!.text };
    head.policies = [{ path: 'policies/encryption.md', text: policy('encryption', ['alan-turing'], ['CC6.1']) }, renamed];
    const changes = changedPolicies(side(baseFiles()), side(head));
    expect(changes.map((c) => ({ id: c.id, kind: c.kind, path: c.path, previousPath: c.previousPath, required: c.requiredApprovers }))).toEqual([
      { id: 'access-control', kind: 'removed', path: 'policies/access-control.md', previousPath: undefined, required: ['security'] },
      { id: 'encryption', kind: 'added', path: 'policies/encryption.md', previousPath: undefined, required: ['alan-turing'] },
      { id: 'incident-response', kind: 'modified', path: 'policies/incident-management.md', previousPath: 'policies/incident-response.md', required: ['ada-lovelace', 'alan-turing'] },
    ]);
  });

  it('works without a model on either side', () => {
    const files = baseFiles();
    const changes = changedPolicies({ files: [], model: undefined }, { files: files.policies, model: undefined });
    expect(changes.map((c) => [c.id, c.kind, c.requiredApprovers, c.requiredLogins])).toEqual([
      ['access-control', 'added', [], []],
      ['incident-response', 'added', [], []],
    ]);
  });
});
