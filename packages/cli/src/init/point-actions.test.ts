import { describe, expect, it } from '@jest/globals';
import { actionsUsed, pointActionsAt, vendoredActionFiles } from './point-actions.js';

const workflow = ['steps:', '  - uses: ./packages/actions/collect-evidence', '  - uses: ./.evident-base/packages/actions/check', '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4', ''].join('\n');
const commit = 'a'.repeat(40);

describe('pointActionsAt', () => {
  it('pins local actions, including under a base checkout, to a release commit with its tag as a comment', () => {
    expect(pointActionsAt(workflow, { kind: 'pinned', repository: 'acme/evident', commit, tag: 'evident-v1.2.0' })).toBe(
      ['steps:', `  - uses: acme/evident/packages/actions/collect-evidence@${commit} # evident-v1.2.0`, `  - uses: acme/evident/packages/actions/check@${commit} # evident-v1.2.0`, '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4', ''].join('\n'),
    );
  });

  it('points local actions at their vendored copies, keeping the base checkout prefix', () => {
    expect(pointActionsAt(workflow, { kind: 'vendored' })).toBe(
      ['steps:', '  - uses: ./.github/actions/evident-collect-evidence', '  - uses: ./.evident-base/.github/actions/evident-check', '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4', ''].join('\n'),
    );
  });

  const gate = (taken: string, uses: string) =>
    [
      'steps:',
      '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4',
      '',
      "  # The base's check action.",
      '  - shell: bash',
      '    env:',
      `      CHECK_ACTION: ${taken}`,
      '    run: git archive "$BASE_SHA:$CHECK_ACTION" | tar -x -C ".evident-base/$CHECK_ACTION"',
      '',
      `  - uses: ${uses}`,
      '',
    ].join('\n');

  it("takes the vendored copy out of the base commit, and leaves that step out with pinned actions", () => {
    expect(pointActionsAt(gate('packages/actions/check', './.evident-base/packages/actions/check'), { kind: 'vendored' })).toBe(gate('.github/actions/evident-check', './.evident-base/.github/actions/evident-check'));
    expect(pointActionsAt(gate('packages/actions/check', './.evident-base/packages/actions/check'), { kind: 'pinned', repository: 'acme/evident', commit })).toBe(
      ['steps:', '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4', '', `  - uses: acme/evident/packages/actions/check@${commit} # evident aaaaaaaaaaaa`, ''].join('\n'),
    );
  });

  it('comments a pin without a known tag (--actions-ref) with the commit, as the workflow lint requires a comment on every SHA pin', async () => {
    const pinned = pointActionsAt(workflow, { kind: 'pinned', repository: 'acme/evident', commit: '0123456789abcdef'.repeat(2) + '01234567' });
    expect(pinned).toBe(
      ['steps:', '  - uses: acme/evident/packages/actions/collect-evidence@0123456789abcdef0123456789abcdef01234567 # evident 0123456789ab', '  - uses: acme/evident/packages/actions/check@0123456789abcdef0123456789abcdef01234567 # evident 0123456789ab', '  - uses: actions/checkout@' + 'b'.repeat(40) + ' # v4', ''].join('\n'),
    );
    const { hardeningFindings } = await import('../../../../scripts/lint-workflows.mjs');
    expect(hardeningFindings(`on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    ${pinned.replace(/\n(?=.)/g, '\n    ')}`, 'w.yml')).toEqual([]);
  });

  it('lists the actions a workflow uses', () => {
    expect(actionsUsed(workflow)).toEqual(['collect-evidence', 'check']);
  });
});

describe('vendoredActionFiles', () => {
  it('writes a package.json of type module beside each bundle, for Node to read the bundle as an ES module', () => {
    const files = vendoredActionFiles(new Map([['check', { actionYml: 'runs:\n  main: dist/index.js\n', index: 'export {};\n' }]]));
    expect(files.map((f) => f.path)).toEqual(['.github/actions/evident-check/action.yml', '.github/actions/evident-check/package.json', '.github/actions/evident-check/dist/index.js']);
    expect(JSON.parse(files[1]!.text)).toEqual({ private: true, type: 'module' });
  });
});
