import type { EvidentConfig } from '../config/config.js';
import type { ParsedDocument } from '../parse/parse-document.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { SourceFile } from '../source-file.js';
import type { EvidenceCatalog } from '../evidence-items/evidence-item.js';
import type { ExceptionResponse, UnusableExceptionResponse } from '../status/exception-response.js';
import type { Control, Criterion, Framework, PartialControl, PartialPolicy, Person, Policy, Team } from './types.js';

/** The validated repository: what rules, coverage, status and the bundle read. */
export interface RepositoryModel {
  config: EvidentConfig;
  configFile: string;
  locateConfig: Locate;
  framework: Framework;
  /** Categories in scope: security plus the selected ones. */
  categories: Set<string>;
  /** Criteria of the in-scope categories, in catalog order. */
  criteriaInScope: Criterion[];
  policies: Policy[];
  controls: Control[];
  /** Every parsed policy and control document, valid or not. */
  documents: ParsedDocument[];
  /**
   * Ids declared by documents that failed validation, and the file names of documents whose frontmatter
   * could not be read: references to them are not reported twice.
   */
  invalidIds: Set<string>;
  /**
   * Policies and controls that failed validation, with only their valid fields: reference rules
   * read them too, so one schema error does not hide the findings about the other fields.
   */
  partialPolicies: PartialPolicy[];
  partialControls: PartialControl[];
  people: Person[];
  peopleFile: string;
  locatePerson: Locate;
  /** The roster file (`paths.people`) does not exist: reported once, and person references are then not checked against an empty roster. */
  rosterMissing?: boolean;
  /** The roster exists but cannot be read, parsed or holds no `people` list: its findings say why, and person references are not checked. */
  rosterUnreadable?: boolean;
  /** Ids of roster entries that fail the schema: reported at the entry, and taken as known by references meanwhile. */
  rosterInvalidIds?: string[];
  teams: Team[];
  files: Set<string>;
  /** Evidence items under the evidence folder and the digests of its files. */
  evidence: EvidenceCatalog;
  /** Management responses to exceptions (exceptions/*.yaml) that passed their schema. */
  exceptionResponses: ExceptionResponse[];
  /** Files under exceptions/ that do not parse or break their schema (each is also a finding): not missing, but unusable. */
  unusableExceptionResponses?: UnusableExceptionResponse[];
  /** evident.yaml, the roster and `.github/CODEOWNERS` as read (those present): for rules that read lines and comments. */
  textFiles: SourceFile[];
}
