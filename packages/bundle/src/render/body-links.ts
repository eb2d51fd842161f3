import type { BundleView } from '../model/build-bundle-view.js';
import { controlPage, policyPage } from './portal-layout.js';

/** Bundle paths of what a document may link to: policies and controls (their pages) and the included evidence files the portal links. */
export function linkTargets(view: BundleView): Map<string, string> {
  const targets = new Map<string, string>();
  for (const p of view.policies) targets.set(p.policy.source.path, policyPage(p.policy.id));
  for (const c of view.controls) targets.set(c.source.path, controlPage(c.id));
  for (const e of view.evidence) if (e.href) targets.set(e.path, e.href);
  return targets;
}
