import { bodyBrokenLink } from './body-broken-link.js';
import { bodyRequiredSection } from './body-required-section.js';
import { bodyUnknownPlaceholder } from './body-unknown-placeholder.js';
import { bodyUnrenderedHtml } from './body-unrendered-html.js';
import { contentPlaceholder } from './content-placeholder.js';
import { controlNoPolicy } from './control-no-policy.js';
import { coverageUncoveredCriterion } from './coverage-uncovered-criterion.js';
import { evidenceEventOutsideCovers } from './evidence-event-outside-covers.js';
import { evidenceHashMismatch } from './evidence-hash-mismatch.js';
import { evidenceMetadata } from './evidence-metadata.js';
import { evidenceOutsideFolder } from './evidence-outside-folder.js';
import { evidencePortableName } from './evidence-portable-name.js';
import { evidenceReused } from './evidence-reused.js';
import { evidenceUnknownControl } from './evidence-unknown-control.js';
import { folderMissing } from './folder-missing.js';
import { idDuplicate } from './id-duplicate.js';
import { idFileName } from './id-file-name.js';
import { idPortableName } from './id-portable-name.js';
import { policyOwnerSoleApprover } from './policy-owner-sole-approver.js';
import { referenceOutOfScopeCriterion } from './reference-out-of-scope-criterion.js';
import { referenceUnknownCriterion } from './reference-unknown-criterion.js';
import { referenceUnknownPerson } from './reference-unknown-person.js';
import { referenceUnknownPolicy } from './reference-unknown-policy.js';
import { reviewMissing } from './review-missing.js';
import { reviewOverdue } from './review-overdue.js';
import type { Rule } from './rule.js';

/** Every rule Evident runs, in order. Adding a rule adds one line here. */
export const rules: readonly Rule[] = [
  folderMissing,
  idDuplicate,
  idFileName,
  idPortableName,
  referenceUnknownPolicy,
  referenceUnknownCriterion,
  referenceOutOfScopeCriterion,
  referenceUnknownPerson,
  bodyRequiredSection,
  bodyBrokenLink,
  bodyUnrenderedHtml,
  bodyUnknownPlaceholder,
  reviewOverdue,
  reviewMissing,
  coverageUncoveredCriterion,
  controlNoPolicy,
  policyOwnerSoleApprover,
  evidenceMetadata,
  evidenceUnknownControl,
  evidenceHashMismatch,
  evidenceOutsideFolder,
  evidencePortableName,
  evidenceReused,
  evidenceEventOutsideCovers,
  contentPlaceholder,
];
