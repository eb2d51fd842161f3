import type { PlannedFile } from './plan-init.js';

/**
 * Where a scaffold's workflows take the Evident actions from: pinned to the Evident release by
 * full commit SHA (`OWNER/REPO/packages/actions/NAME@SHA # TAG`, or `# evident SHORT-SHA` without a tag), or vendored: the committed
 * action bundles copied into `.github/actions/evident-NAME/` of the company's repository.
 */
export type ActionSource = { kind: 'pinned'; repository: string; commit: string; tag?: string } | { kind: 'vendored' };

/** Action bundles by action name: `action.yml` and `dist/index.js` texts. */
export type ActionBundles = ReadonlyMap<string, { actionYml: string; index: string }>;

/** Where a vendored action lives in the company's repository. */
export const vendoredActionPath = (name: string) => `.github/actions/evident-${name}`;

/**
 * Rewrite `uses: ./packages/actions/NAME` (also under a folder the base commit's copy is taken
 * into, such as `./.evident-base/packages/actions/NAME`) to the chosen source. The step that
 * takes the base's copy out of git (`CHECK_ACTION: packages/actions/NAME` in its `env:`) takes
 * the vendored copy instead; with pinned actions it has nothing to take and is left out. Pure.
 */
export function pointActionsAt(text: string, source: ActionSource): string {
  const steps = text.split(/(?<=\n)(?=[^\S\n]*\n)/);
  const taken = /^([^\S\n]*CHECK_ACTION: )packages\/actions\/([a-z-]+)[^\S\n]*$/m;
  const pointed = steps
    .filter((block) => source.kind !== 'pinned' || !taken.test(block))
    .map((block) => (source.kind === 'vendored' ? block.replace(taken, (_, key: string, name: string) => `${key}${vendoredActionPath(name)}`) : block))
    .join('');
  return pointed.replace(/uses: \.\/((?:[\w.-]+\/)*?)packages\/actions\/([a-z-]+)[^\S\n]*$/gm, (_, prefix: string, name: string) =>
    source.kind === 'pinned'
      ? `uses: ${source.repository}/packages/actions/${name}@${source.commit} # ${pinComment(source)}`
      : `uses: ./${prefix}${vendoredActionPath(name)}`,
  );
}

/**
 * The comment after a pinned `uses:`, which the workflow lint requires on every SHA pin: the release
 * tag when it is known, else `evident` and the commit's first 12 hex digits (--actions-ref names
 * only a commit, and its version cannot be known offline).
 */
function pinComment(source: { commit: string; tag?: string }): string {
  return source.tag ?? `evident ${source.commit.slice(0, 12)}`;
}

/** The action names a workflow text uses from `./packages/actions/`. */
export function actionsUsed(text: string): string[] {
  return [...text.matchAll(/uses: \.\/(?:[\w.-]+\/)*?packages\/actions\/([a-z-]+)/g)].map((m) => m[1]!);
}

/**
 * The `package.json` beside a vendored bundle: its `dist/index.js` is an ES module, and Node takes a
 * `.js` file's module type from the nearest `package.json` up the tree. Without one of its own that is
 * the repository's top-level `package.json`, which a pull request can add or change (`"type":
 * "commonjs"` would make the gate fail to start, hiding its report).
 */
export const VENDORED_PACKAGE_JSON = '{\n  "private": true,\n  "type": "module"\n}\n';

/** The vendored actions' files, under `.github/actions/evident-NAME/`. */
export function vendoredActionFiles(bundles: ActionBundles): PlannedFile[] {
  return [...bundles].flatMap(([name, bundle]) => [
    { path: `${vendoredActionPath(name)}/action.yml`, text: bundle.actionYml },
    { path: `${vendoredActionPath(name)}/package.json`, text: VENDORED_PACKAGE_JSON },
    { path: `${vendoredActionPath(name)}/dist/index.js`, text: bundle.index },
  ]);
}
