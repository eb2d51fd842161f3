import { describe, expect, it } from '@jest/globals';
import { dropEvidentOnly } from './drop-evident-only.js';
import { findStarterRoot, readStarter } from './read-starter.js';
import { planInit } from './plan-init.js';
import { pointDocLinks, pointDocMentions } from './point-doc-links.js';

const sha = 'a'.repeat(40);
const source = { repository: 'example/evident', commit: sha };
const carried = new Set(['docs/github-setup.md', 'docs/rules/README.md', 'docs/rules/config.md']);

describe('pointDocLinks', () => {
  const page = [
    'See [performance](performance.md#long-lived-programs) and [`lfs.md`](lfs.md), the [setup](github-setup.md#inputs),',
    'the [signed',
    '  records](evidence.md#signed-records), [rules](rules/README.md), [ADR 10](adr/0010-gate-from-the-base.md),',
    '[a section](#inputs) and [GitHub](https://docs.github.com/).',
    '',
    '```markdown',
    '[in code](performance.md)',
    '```',
    '',
  ].join('\n');

  it('points links to documents the scaffold does not carry at the Evident commit, and keeps the others', () => {
    expect(pointDocLinks('docs/github-setup.md', page, carried, source)).toBe(
      [
        `See [performance](https://github.com/example/evident/blob/${sha}/docs/performance.md#long-lived-programs) and [\`lfs.md\`](https://github.com/example/evident/blob/${sha}/docs/lfs.md), the [setup](github-setup.md#inputs),`,
        'the [signed',
        `  records](https://github.com/example/evident/blob/${sha}/docs/evidence.md#signed-records), [rules](rules/README.md), [ADR 10](https://github.com/example/evident/blob/${sha}/docs/adr/0010-gate-from-the-base.md),`,
        '[a section](#inputs) and [GitHub](https://docs.github.com/).',
        '',
        '```markdown',
        '[in code](performance.md)',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('names them as plain text when no Evident repository is known, never as a broken link', () => {
    const out = pointDocLinks('docs/github-setup.md', page, carried);
    expect(out).toContain("See performance (`docs/performance.md#long-lived-programs` in Evident's documentation) and `docs/lfs.md` in Evident's documentation, the [setup](github-setup.md#inputs),");
    expect(out).toContain("ADR 10 (`docs/adr/0010-gate-from-the-base.md` in Evident's documentation)");
    expect(out).toContain("signed\n  records (`docs/evidence.md#signed-records` in Evident's documentation)");
    expect(out).toContain('[in code](performance.md)');
  });

  it('resolves a link from the folder of the file that holds it', () => {
    const rule = 'Pointers are described in [Git LFS](../lfs.md#which-files-are-pointers); see [config](config.md) and [setup](../github-setup.md).\n';
    expect(pointDocLinks('docs/rules/evidence-hash-mismatch.md', rule, carried, source)).toBe(
      `Pointers are described in [Git LFS](https://github.com/example/evident/blob/${sha}/docs/lfs.md#which-files-are-pointers); see [config](config.md) and [setup](../github-setup.md).\n`,
    );
  });
});

describe('pointDocMentions', () => {
  it("says that a document cited in a comment is Evident's when the scaffold does not carry it", () => {
    const workflow = '# Evidence collection (docs/evidence.md): the setup is in docs/github-setup.md.\non: push\n      # the identity (docs/evidence.md#a-collector-only-evidence-branch) and Evident\'s docs/lfs.md\n      run: cat docs/evidence.md\n';
    expect(pointDocMentions(workflow, carried)).toBe(
      "# Evidence collection (Evident's docs/evidence.md): the setup is in docs/github-setup.md.\non: push\n      # the identity (Evident's docs/evidence.md#a-collector-only-evidence-branch) and Evident's docs/lfs.md\n      run: cat docs/evidence.md\n",
    );
  });
});

describe('dropEvidentOnly', () => {
  it('removes the marked passages with their markers and keeps everything else', () => {
    const text = 'Keep.\n\n<!-- evident-only:start -->\nRun `node scripts/lint-workflows.mjs`.\n<!-- evident-only:end -->\n\nKeep too.\n';
    expect(dropEvidentOnly(text)).toBe('Keep.\n\n\nKeep too.\n');
    expect(dropEvidentOnly('No markers.\n')).toBe('No markers.\n');
  });
});

describe('planInit with the Evident repository named by the build', () => {
  it("points the starter docs' links to Evident documents at that commit, and leaves no Evident-only passage", async () => {
    const starter = await readStarter(findStarterRoot()!);
    const plan = new Map(planInit(starter, { categories: [], actions: { kind: 'vendored' }, today: '2026-12-02', docs: source }).map((f) => [f.path, f.text]));
    const base = `https://github.com/example/evident/blob/${sha}/docs`;
    const setup = plan.get('docs/github-setup.md')!;
    expect(setup).toContain(`[performance](${base}/performance.md#long-lived-programs)`);
    expect(setup).toContain(`(${base}/evidence.md#setting-up-the-evidence-branch)`);
    expect(setup).not.toContain('evident-only');
    expect(setup).not.toContain("in Evident's documentation");
    expect(plan.get('docs/rules/evidence-hash-mismatch.md')).toContain(`(${base}/lfs.md)`);
    expect(plan.get('docs/rules/evidence-hash-mismatch.md')).toContain('(../github-setup.md#what-the-gate-does)');
    expect(plan.get('docs/rules/reference-unknown-person.md')).toContain(`(${base}/type2.md)`);
    expect(plan.get('docs/rules/README.md')).toContain(`(${base}/output-formats.md)`);
    expect(plan.get('.github/pull_request_template.md')).not.toMatch(/lint-workflows|build-actions|evident-only/);
    expect(plan.get('.gitattributes')).toContain("(Evident's docs/lfs.md)");
    expect(plan.get('.github/workflows/release.yml')).toContain("Evident's docs/lfs.md");
    expect(JSON.parse(plan.get('schemas/config.schema.json')!)).toBeTruthy();
    expect(plan.get('schemas/config.schema.json')).toContain("(Evident's docs/evidence.md#signed-records)");
  });
});
