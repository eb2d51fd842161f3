import { controlSchema } from '../schemas/control-schema.js';
import { peopleSchema } from '../schemas/people-schema.js';
import { policySchema } from '../schemas/policy-schema.js';

/** What `evident rename` renames. */
export type RenameKind = 'policy' | 'person' | 'control';

export const RENAME_KINDS: readonly RenameKind[] = ['policy', 'person', 'control'];

export interface RenameRequest {
  kind: RenameKind;
  from: string;
  to: string;
}

/** The pattern an id of each kind must match, from its schema. */
export const RENAME_ID_PATTERNS: Record<RenameKind, string> = {
  policy: policySchema.properties.id.pattern,
  person: peopleSchema.properties.people.items.properties.id.pattern,
  control: controlSchema.properties.id.pattern,
};
