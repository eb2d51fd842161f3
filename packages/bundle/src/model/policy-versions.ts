import { parseDocument, sha256Hex } from '@evident/core';
import type { PolicyVersionText } from '../bundle-inputs.js';
import { policyVersionFolders } from './policy-version-folders.js';
import { policyVersionSpans } from './policy-version-spans.js';
import type { BundleView } from './build-bundle-view.js';
import type { PolicyApproval } from './policy-approvals.js';

/** One version of a policy in force at some time in the period, with its text and approval. */
export interface PolicyVersion {
  /** Policy id from the version's frontmatter (the file name when it has none). */
  id: string;
  version: string;
  title: string;
  /** `effective_date` of the frontmatter (YYYY-MM-DD), when it has one. */
  effective?: string;
  status: string;
  path: string;
  commit: string;
  sha256: string;
  /** When it reached the default branch, and when the next change replaced it (absent: still in force). */
  from: string;
  to?: string;
  pullRequest: number | null;
  /** Approval records of exactly this content of this policy. */
  approvals: PolicyApproval[];
  /** The Markdown as committed, byte for byte, and its body after the frontmatter. */
  bytes: Uint8Array;
  body: string;
  /**
   * Bundle paths: `policies/<id>/v<version>.html` and `.md` (with the hash's first 12 digits when one
   * version number had several contents); the folder of an id no current policy has, that Windows
   * reserves or that differs from another only in letter case, is `policyVersionFolders`'.
   */
  page: string;
  markdown: string;
  /** Ids of the exceptions about this version: its effective date before its commit, its number kept for a changed text. */
  flags: string[];
}

const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
const str = (value: unknown, fallback: string) => (typeof value === 'string' || typeof value === 'number' ? String(value) : fallback);
const isoDay = (value: unknown) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
};

/** Kinds of exception about one version of a policy, with ids `<kind>:<policy>:<version>`. */
export const POLICY_VERSION_EXCEPTION_KINDS = ['backdated-policy-version', 'reused-policy-version'] as const;

/** Every policy version in force during the period, by policy id and date. Pure. */
export function policyVersions(view: Pick<BundleView, 'inputs' | 'approvals' | 'exceptions'>, texts: readonly PolicyVersionText[]): PolicyVersion[] {
  const spans = policyVersionSpans(view.inputs.policyHistory, view.inputs.period);
  const textOf = new Map(texts.map((t) => [`${t.commit}:${t.path}`, t.bytes]));
  const versions = spans.flatMap((span): Omit<PolicyVersion, 'page' | 'markdown' | 'flags'>[] => {
    const bytes = textOf.get(`${span.commit.commit}:${span.path}`);
    if (!bytes) return [];
    const text = Buffer.from(bytes).toString('utf8');
    const { document } = parseDocument({ path: span.path, text }, 'policy');
    const data = document?.data ?? {};
    const id = str(data.id, span.path.replace(/^.*\//, '').replace(/\.md$/, ''));
    const sha256 = sha256Hex(Buffer.from(bytes));
    const effective = isoDay(data.effective_date);
    return [
      {
        id,
        version: str(data.version, 'unversioned'),
        title: str(data.title, id),
        ...(effective !== undefined ? { effective } : {}),
        status: str(data.status, ''),
        path: span.path,
        commit: span.commit.commit,
        sha256,
        from: span.from,
        ...(span.to !== undefined ? { to: span.to } : {}),
        pullRequest: span.commit.pull_request,
        approvals: view.approvals.filter((a) => a.policy === id && a.sha256 === sha256),
        bytes,
        body: document?.body ?? text,
      },
    ];
  });
  const contents = new Map<string, Set<string>>();
  for (const v of versions) contents.set(`${v.id}\0${v.version}`, (contents.get(`${v.id}\0${v.version}`) ?? new Set()).add(v.sha256));
  const folders = policyVersionFolders(
    versions.map((v) => v.id),
    view.inputs.model.policies.map((p) => p.id),
  );
  const exceptionIds = new Set(view.exceptions.map((e) => e.id));
  return versions
    .map((v) => {
      const name = `policies/${folders.get(v.id)!}/v${safe(v.version)}${contents.get(`${v.id}\0${v.version}`)!.size > 1 ? `-${v.sha256.slice(0, 12)}` : ''}`;
      const flags = POLICY_VERSION_EXCEPTION_KINDS.map((kind) => `${kind}:${v.id}:${v.version}`).filter((id) => exceptionIds.has(id));
      return { ...v, page: `${name}.html`, markdown: `${name}.md`, flags };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
