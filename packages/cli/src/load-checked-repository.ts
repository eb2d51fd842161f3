import { checkRepository, createValidators, readRepository, type CheckResult } from '@evident/core';

/** Read a repository once and run the whole check pipeline over it. */
export async function loadCheckedRepository(root: string, today: string): Promise<CheckResult> {
  const validators = createValidators();
  const snapshot = await readRepository(root, validators);
  return checkRepository(snapshot, { today, validators });
}
