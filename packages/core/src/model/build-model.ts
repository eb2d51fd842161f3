import { categoriesInScope, defaultPaths, type EvidentConfig } from '../config/config.js';
import type { Finding } from '../diagnostic.js';
import { createMarkdownParser } from '../parse/markdown-outline.js';
import { parseDocument, type DocumentKind, type ParsedDocument } from '../parse/parse-document.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { SourceFile } from '../source-file.js';
import { schemaCheck } from '../validate/schema-findings.js';
import { fileStem } from './file-stem.js';
import { salvageData } from './salvage-data.js';
import type { Validators } from '../validate/create-validators.js';
import { loadFramework } from './load-framework.js';
import { loadPeople } from './load-people.js';
import { loadEvidenceItems } from '../evidence-items/load-evidence-items.js';
import { loadExceptionResponses } from '../status/exception-response.js';
import type { RepositoryModel } from './repository-model.js';
import type { RepositorySnapshot } from './repository-snapshot.js';
import type { Control, ControlData, PartialControl, PartialPolicy, Policy, PolicyData } from './types.js';

export interface BuiltModel {
  model: RepositoryModel;
  /** Parse and schema findings met while building. */
  findings: Finding[];
}

/** parse → validate → model, for every file of the snapshot. Pure. */
export function buildModel(snapshot: RepositorySnapshot, loaded: { config: EvidentConfig; locate: Locate }, validators: Validators): BuiltModel {
  const { config } = loaded;
  const findings: Finding[] = [...snapshot.readFindings];
  const documents: ParsedDocument[] = [];
  const invalidIds = new Set<string>();

  const parser = createMarkdownParser();
  const parseAll = (sources: SourceFile[], kind: DocumentKind, partial: ({ source: ParsedDocument } & Record<string, unknown>)[]) => {
    const valid: ParsedDocument[] = [];
    for (const source of sources) {
      const result = parseDocument(source, kind, snapshot.preparsed?.get(source.path), parser);
      findings.push(...result.findings);
      const doc = result.document;
      if (!doc?.data) {
        // Its frontmatter could not be read: its id is taken to be its file name (`id/file-name`), so that
        // references to it are not reported as unknown on top of its own finding.
        invalidIds.add(fileStem(source.path));
        if (!doc) continue;
      }
      documents.push(doc);
      if (!doc.data) continue;
      const checked = schemaCheck(validators[kind], doc.data, doc.path, doc.locate, 'frontmatter');
      findings.push(...checked.findings.map((f) => ({ ...f, ruleId: 'schema' })));
      if (checked.findings.length === 0 && result.findings.length === 0) valid.push(doc);
      else {
        if (typeof doc.data.id === 'string') invalidIds.add(doc.data.id);
        // The fields that passed still count: their references are resolved in this same run.
        partial.push({ ...salvageData(doc.data, checked.invalidPaths), source: doc });
      }
    }
    return valid;
  };

  const partialPolicies: PartialPolicy[] = [];
  const partialControls: PartialControl[] = [];
  const policies: Policy[] = parseAll(snapshot.policies, 'policy', partialPolicies).map((doc) => ({ ...(doc.data as unknown as PolicyData), source: doc }));
  const controls: Control[] = parseAll(snapshot.controls, 'control', partialControls).map((doc) => ({ ...(doc.data as unknown as ControlData), source: doc }));

  const people = loadPeople(snapshot.people, validators);
  findings.push(...people.findings);
  // A roster that cannot be read is already a read finding; one that does not exist is named here, once.
  const rosterMissing = !snapshot.people && !snapshot.readFindings.some((f) => f.file === config.paths.people);
  if (rosterMissing) findings.push(missingRosterFinding(config, loaded.locate, snapshot.config.path));
  const rosterUnreadable = people.unreadable === true || (!snapshot.people && !rosterMissing);
  const framework = loadFramework(snapshot.catalog, snapshot.licensedText, validators);
  findings.push(...framework.findings);
  if (!snapshot.catalog) {
    findings.push({ ruleId: 'config', message: `Missing framework catalog, expected \`${config.paths.frameworks}/soc2/criteria.yaml\``, file: snapshot.config.path, line: 1 });
  }

  const evidence = loadEvidenceItems(snapshot.evidence, snapshot.evidenceFiles, config.paths.evidence, validators.evidenceItem);
  findings.push(...evidence.findings);
  const responses = loadExceptionResponses(snapshot.exceptions, validators.exceptionResponse);
  findings.push(...responses.findings);

  const categories = categoriesInScope(config);
  const catalog = framework.framework ?? { id: 'soc2', name: 'SOC 2', categories: [], criteria: [] };
  const model: RepositoryModel = {
    config,
    configFile: snapshot.config.path,
    locateConfig: loaded.locate,
    framework: catalog,
    categories,
    criteriaInScope: catalog.criteria.filter((c) => categories.has(c.category)),
    policies,
    controls,
    documents,
    invalidIds,
    partialPolicies,
    partialControls,
    people: people.people,
    peopleFile: snapshot.people?.path ?? config.paths.people,
    locatePerson: people.locate,
    ...(rosterMissing ? { rosterMissing } : {}),
    ...(rosterUnreadable ? { rosterUnreadable } : {}),
    ...(people.invalidIds.length > 0 ? { rosterInvalidIds: people.invalidIds } : {}),
    teams: config.teams,
    files: new Set(snapshot.files),
    evidence: evidence.catalog,
    exceptionResponses: responses.responses,
    unusableExceptionResponses: responses.unusable,
    textFiles: [snapshot.config, snapshot.people, snapshot.codeowners].filter((f): f is SourceFile => f !== undefined),
  };
  return { model, findings };
}

/**
 * The roster file does not exist: a `config` finding at evident.yaml's `paths.people` when it is set
 * there (a typo in the path), else at the expected file itself.
 */
function missingRosterFinding(config: EvidentConfig, locate: Locate, configFile: string): Finding {
  const file = config.paths.people;
  const expected = 'expected a file listing the people of the organization (`people:`)';
  if (file !== defaultPaths.people) {
    return { ruleId: 'config', message: `Missing roster \`${file}\` named by \`paths.people\`, ${expected}: person references are not checked until it exists`, file: configFile, ...locate(['paths', 'people']) };
  }
  return { ruleId: 'config', message: `Missing roster \`${file}\`, ${expected}, or \`paths.people\` in evident.yaml naming it: person references are not checked until it exists`, file, line: 1 };
}

