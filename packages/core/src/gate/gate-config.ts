import type { EvidentConfig } from '../config/config.js';

/**
 * The configuration a pull request is judged with: the base's rule severities, the base's
 * categories in scope and the base's required sections, so that a change cannot relax the
 * rules it is checked against. Everything else (organization, teams, audit, paths, limits)
 * is the head's, since it describes the program rather than how strictly it is judged;
 * moving `paths` is called out as a weakening instead (ADR 10). Without a usable base
 * configuration (a first adoption) the head's applies unchanged. Pure.
 */
export function gateConfig(base: EvidentConfig | undefined, head: EvidentConfig): EvidentConfig {
  if (!base) return head;
  return {
    ...head,
    rules: base.rules,
    frameworks: base.frameworks,
    policies: base.policies,
    controls: base.controls,
  };
}
