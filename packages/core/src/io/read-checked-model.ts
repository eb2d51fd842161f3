import { checkRepository } from '../check-repository.js';
import { formatDiagnosticsText } from '../format/format-diagnostics-text.js';
import type { RepositoryModel } from '../model/repository-model.js';
import { plainStyle } from '../format/style.js';
import { createValidators } from '../validate/create-validators.js';
import { readRepository } from './read-repository.js';

/** An unusable evident.yaml: no model can be built. The message lists its findings. */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

/**
 * Read a repository and check it, for a caller that needs only the model (the GitHub actions):
 * throws ModelUnavailableError, with the findings as text, when evident.yaml is unusable.
 */
export async function readCheckedModel(root: string, today: string): Promise<RepositoryModel> {
  const validators = createValidators();
  const checked = checkRepository(await readRepository(root, { validators }), { today, validators });
  if (!checked.model) throw new ModelUnavailableError(`evident.yaml cannot be loaded:\n${formatDiagnosticsText(checked.diagnostics, plainStyle)}`);
  return checked.model;
}
