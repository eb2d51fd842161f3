import { loadConfig } from '../config/load-config.js';
import { buildModel } from '../model/build-model.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { Validators } from '../validate/create-validators.js';
import { frontmatterSnapshot, type ParsedSide } from './frontmatter-snapshot.js';

/**
 * The model of the base side of a change, for the coverage delta and the approvers of
 * changed policies: built from frontmatter only, reusing the head's parse of every
 * unchanged document, and without running the rules. Undefined when the base's
 * evident.yaml is unusable. Pure.
 */
export function buildBaseModel(base: RepositorySnapshot, head: ParsedSide | undefined, validators: Validators): RepositoryModel | undefined {
  const loaded = loadConfig(base.config, validators);
  if (!loaded.config) return undefined;
  return buildModel(frontmatterSnapshot(base, head), { config: loaded.config, locate: loaded.locate }, validators).model;
}
