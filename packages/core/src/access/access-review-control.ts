import type { RepositoryModel } from '../model/repository-model.js';
import type { Control } from '../model/types.js';

/**
 * The control whose owner signs off GitHub access reviews: evident.yaml `access.review_control`,
 * else the first control (by id) whose title speaks of an access review. Pure.
 */
export function accessReviewControl(model: Pick<RepositoryModel, 'controls' | 'config'>): Control | undefined {
  const configured = model.config.access?.review_control;
  if (configured) return model.controls.find((c) => c.id === configured);
  return [...model.controls].sort((a, b) => a.id.localeCompare(b.id)).find((c) => /\baccess\b.*\breview/i.test(c.title));
}
