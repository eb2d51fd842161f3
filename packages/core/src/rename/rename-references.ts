import type { IdPath } from './yaml-id-edits.js';
import type { RenameKind } from './rename-request.js';

/** The files of a repository that may hold ids, by role. */
export type ReferringFile = 'config' | 'people' | 'policy' | 'control' | 'evidence' | 'exception';

/**
 * Where each kind of id is referred to, by file role: the YAML paths (a document's frontmatter for
 * policies and controls) that hold the id itself. A document's own `id` is renamed separately.
 * Evidence records and acknowledgment manifests on the evidence branch are history and never rewritten.
 */
export const REFERENCES: Record<RenameKind, Partial<Record<ReferringFile, IdPath[]>>> = {
  policy: {
    control: [['policies', '*']],
  },
  person: {
    config: [['organization', 'security_officer'], ['organization', 'systems', '*', 'owner'], ['teams', '*', 'members', '*']],
    people: [['people', '*', 'id'], ['people', '*', 'manager']],
    policy: [['owner'], ['approvers', '*'], ['acknowledgment', 'audience', '*']],
    control: [['owner']],
    evidence: [['collected_by']],
    exception: [['owner']],
  },
  control: {
    config: [['access', 'review_control']],
    evidence: [['controls', '*'], ['control']],
  },
};
