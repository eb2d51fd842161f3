import { canonicalJson, sha256Hex, type PolicyVersionRef } from '@evident/core';

/** Acknowledgment pull requests come from branches under this prefix. */
export const ACKNOWLEDGMENT_BRANCH_PREFIX = 'evident/acknowledge/';
/** Where an acknowledgment pull request records the policy versions it asks people to acknowledge. */
export const ACKNOWLEDGMENT_MANIFEST_DIR = '.evident/acknowledgments';

/** The file an acknowledgment pull request adds: the policy versions acknowledged by approving it. */
export interface AcknowledgmentManifest {
  schema_version: 1;
  campaign: string;
  base: { ref: string; commit: string };
  /** Each policy as it stands at `base.commit`. */
  policies: Omit<PolicyVersionRef, 'commit'>[];
}

export interface AcknowledgmentCampaign {
  /** `<label>-<8 hex>`: the same policy versions always give the same campaign, so requesting twice reuses it. */
  key: string;
  branch: string;
  manifestPath: string;
}

/** The campaign of a set of policy versions. Pure. */
export function acknowledgmentCampaign(label: string, policies: AcknowledgmentManifest['policies']): AcknowledgmentCampaign {
  const digest = sha256Hex(canonicalJson([...policies].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => [p.id, p.version, p.sha256]))).slice(0, 8);
  const key = `${label.replace(/[^a-z0-9-]+/g, '-')}-${digest}`;
  return { key, branch: `${ACKNOWLEDGMENT_BRANCH_PREFIX}${key}`, manifestPath: `${ACKNOWLEDGMENT_MANIFEST_DIR}/${key}.json` };
}

export function isAcknowledgmentBranch(ref: string): boolean {
  return ref.startsWith(ACKNOWLEDGMENT_BRANCH_PREFIX) && ref.length > ACKNOWLEDGMENT_BRANCH_PREFIX.length;
}

/** The manifest path of an acknowledgment branch. */
export function manifestPathForBranch(ref: string): string {
  return `${ACKNOWLEDGMENT_MANIFEST_DIR}/${ref.slice(ACKNOWLEDGMENT_BRANCH_PREFIX.length).replace(/[^A-Za-z0-9._-]+/g, '-')}.json`;
}

export function renderAcknowledgmentManifest(manifest: AcknowledgmentManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Parse a manifest read from git; a string explains why it is not one. Pure. */
export function parseAcknowledgmentManifest(text: string): AcknowledgmentManifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'the manifest is not JSON';
  }
  const m = data as Partial<AcknowledgmentManifest>;
  if (m?.schema_version !== 1 || typeof m.campaign !== 'string' || !Array.isArray(m.policies) || m.policies.length === 0) return 'the manifest lacks schema_version 1, campaign or policies';
  for (const p of m.policies) {
    if (typeof p?.id !== 'string' || typeof p.version !== 'string' || typeof p.path !== 'string' || !/^[0-9a-f]{64}$/.test(String(p.sha256)) || p.path.startsWith('/') || p.path.split('/').includes('..')) {
      return 'a policy entry of the manifest lacks id, version, a relative path or sha256';
    }
  }
  return m as AcknowledgmentManifest;
}
