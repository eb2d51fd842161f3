import { describe, expect, it } from '@jest/globals';
import { baseFiles, check, snapshotOf } from '../../test/gate-snapshot.js';
import { computeCoverage } from '../coverage/compute-coverage.js';
import { createValidators } from '../validate/create-validators.js';
import { buildBaseModel } from './build-base-model.js';
import { frontmatterOnly, frontmatterSnapshot } from './frontmatter-snapshot.js';

const validators = createValidators();

describe('frontmatterOnly', () => {
  it('keeps the file up to the closing delimiter', () => {
    expect(frontmatterOnly({ path: 'a.md', text: '---\nid: a\n---\n# A\n\nBody\n' }).text).toBe('---\nid: a\n---\n');
    expect(frontmatterOnly({ path: 'a.md', text: '\ufeff---\r\nid: a\r\n---\r\n# A\r\n' }).text).toBe('\ufeff---\r\nid: a\r\n---\r\n');
  });

  it('leaves files without frontmatter or without a closing delimiter alone', () => {
    for (const text of ['# A\n', '---\nid: a\n', '']) expect(frontmatterOnly({ path: 'a.md', text }).text).toBe(text);
  });
});

describe('frontmatterSnapshot', () => {
  it('reuses the head parse of unchanged valid documents and reduces the others to frontmatter', () => {
    const base = snapshotOf(baseFiles());
    const files = baseFiles();
    files.controls[0] = { path: 'controls/AC-01.md', text: files.controls[0]!.text.replace('status: implemented', 'status: operating') };
    files.controls[1] = { path: 'controls/AC-02.md', text: files.controls[1]!.text.replace('status: planned', 'status: sometimes') };
    const headSnapshot = snapshotOf(files);
    const reduced = frontmatterSnapshot(base, { snapshot: headSnapshot, model: check(headSnapshot).model });
    expect([...reduced.preparsed!.keys()].sort()).toEqual(['controls/IR-01.md', 'policies/access-control.md', 'policies/incident-response.md']);
    expect(reduced.controls.map((f) => f.text.endsWith('---\n'))).toEqual([true, true, false]);
    expect(reduced).toMatchObject({ evidence: [], exceptions: [], files: [], readFindings: [] });
  });
});

describe('buildBaseModel', () => {
  it('gives the coverage and policy data of a full check, with or without a head to reuse', () => {
    const full = check(snapshotOf(baseFiles()));
    expect(full.diagnostics).toEqual([]);
    const headSnapshot = snapshotOf(baseFiles());
    for (const head of [undefined, { snapshot: headSnapshot, model: check(headSnapshot).model }]) {
      const model = buildBaseModel(snapshotOf(baseFiles()), head, validators)!;
      expect(computeCoverage(model)).toEqual(computeCoverage(full.model!));
      expect(model.policies.map(({ id, approvers, title }) => ({ id, approvers, title }))).toEqual(full.model!.policies.map(({ id, approvers, title }) => ({ id, approvers, title })));
    }
  });

  it('has no model when the base evident.yaml is unusable', () => {
    const base = { ...snapshotOf(baseFiles()), config: { path: 'evident.yaml', text: 'organization: [' } };
    expect(buildBaseModel(base, undefined, validators)).toBeUndefined();
  });
});
