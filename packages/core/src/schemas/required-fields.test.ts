/**
 * Every required field of every published schema, pinned: deleting it from a valid document gives
 * a schema finding naming it, from the precompiled validators `evident check` runs and from the
 * schema itself compiled at test time (so a field dropped from either is caught).
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { createValidators, type SchemaName } from '../validate/create-validators.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { validatorOptions } from '../validate/validator-schemas.js';
import { publishedSchemas } from './published-schemas.js';

const sha = (c: string) => c.repeat(40);
const pullRequest = { number: 7, url: 'https://github.com/acme/program/pull/7', title: 'Access', author: 'linus-gh', head_sha: sha('a'), merge_commit_sha: sha('c'), merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh' };
const review = { reviewer: 'ada-gh', person: 'ada', review_id: 5, state: 'APPROVED', submitted_at: '2026-03-01T00:00:00Z', commit_id: sha('a') };
const version = { id: 'access-control', version: '1.1', path: 'policies/access-control.md', commit: sha('a'), sha256: 'f'.repeat(64) };
const envelope = (kind: string, subject: object) => ({
  schema_version: 1,
  id: `${kind}/acme/program/pr-7`,
  sequence: 1,
  kind,
  repository: 'acme/program',
  recorded_at: '2026-03-02T10:00:00.000Z',
  subject,
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-02T10:00:00.000Z', api_calls: [{ method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', status: 200 }] },
  previous_hash: null,
  hash: 'e'.repeat(64),
});

interface Case {
  /** A valid document with every optional object that holds required fields. */
  valid: object;
  /** Every required field, as a path into `valid`. */
  required: string[];
}

/** Per published schema: its precompiled validator (if `evident check` validates it) and its documents. */
const table: Record<string, { validator?: SchemaName; cases: Case[] }> = {
  'policy.schema.json': {
    validator: 'policy',
    cases: [{
      valid: { id: 'access-control', title: 'Access control', version: '1.0', status: 'approved', owner: 'dana', approvers: ['security'], effective_date: '2026-07-01', review: { cadence: 'annually' }, criteria: ['CC6.1'], acknowledgment: { audience: ['everyone'], within_days: 30 } },
      required: ['id', 'title', 'version', 'status', 'owner', 'approvers', 'effective_date', 'review', 'criteria', 'review.cadence', 'acknowledgment.audience', 'acknowledgment.within_days'],
    }],
  },
  'control.schema.json': {
    validator: 'control',
    cases: [{
      valid: { id: 'AC-01', title: 'Quarterly access review', owner: 'security', criteria: ['CC6.2'], policies: ['access-control'], status: 'planned', frequency: 'quarterly', evidence: [{ description: 'Access review record', collection: 'manual' }] },
      required: ['id', 'title', 'owner', 'criteria', 'policies', 'status', 'frequency', 'evidence', 'evidence[0].description', 'evidence[0].collection'],
    }],
  },
  'people.schema.json': {
    validator: 'people',
    cases: [{
      valid: { people: [{ id: 'dana', name: 'Dana Whitfield', github: 'dwhitfield', email: 'dana@example.com', roles: ['security-officer'], start_date: '2024-02-01' }] },
      required: ['people', 'people[0].id', 'people[0].name', 'people[0].github', 'people[0].email', 'people[0].roles', 'people[0].start_date'],
    }],
  },
  'config.schema.json': {
    validator: 'config',
    cases: [{
      valid: {
        organization: {
          name: 'Example Cloud, Inc.',
          security_officer: 'dana',
          systems: [{ name: 'Production', description: 'The application.' }],
          services: [{ name: 'Planning', description: 'Project planning.' }],
          data_categories: [{ name: 'Customer content', description: 'Files customers upload.' }],
          subservice_organizations: [{ name: 'Host', services: 'Data centres.', method: 'carve-out', controls: [{ description: 'Physical access is restricted.' }] }],
          user_entity_controls: [{ description: 'Customers review their users.' }],
        },
        frameworks: [{ id: 'soc2', categories: ['security'] }],
        audit: { type: 'type2', period: { start: '2026-07-01', end: '2026-12-31' } },
        teams: [{ id: 'security', name: 'Security', members: ['dana'] }],
        evidence: { signing: { keys: [{ id: 'ed25519-0123456789abcdef', public_key: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n', not_before: '2026-01-01' }], keyless: { repository: 'acme/compliance', workflow: '.github/workflows/evidence.yml', ref: 'refs/heads/main' } } },
      },
      required: ['evidence.signing.keyless.repository', 'evidence.signing.keyless.workflow', 'evidence.signing.keyless.ref', 'evidence.signing.keys[0].id', 'evidence.signing.keys[0].public_key', 'evidence.signing.keys[0].not_before', 'organization', 'frameworks', 'audit', 'organization.name', 'organization.security_officer', 'organization.systems[0].name', 'organization.systems[0].description', 'organization.services[0].name', 'organization.services[0].description', 'organization.data_categories[0].name', 'organization.data_categories[0].description', 'organization.subservice_organizations[0].name', 'organization.subservice_organizations[0].services', 'organization.subservice_organizations[0].method', 'organization.subservice_organizations[0].controls[0].description', 'organization.user_entity_controls[0].description', 'frameworks[0].id', 'frameworks[0].categories', 'audit.type', 'audit.period.start', 'audit.period.end', 'teams[0].id', 'teams[0].name', 'teams[0].members'],
    }],
  },
  'framework.schema.json': {
    validator: 'framework',
    cases: [{
      valid: { id: 'soc2', name: 'SOC 2', categories: [{ id: 'security', name: 'Security', required: true }], criteria: [{ id: 'CC6.1', category: 'security', family: 'CC6 Logical and Physical Access', summary: 'Access is restricted.' }] },
      required: ['id', 'name', 'categories', 'criteria', 'categories[0].id', 'categories[0].name', 'categories[0].required', 'criteria[0].id', 'criteria[0].category', 'criteria[0].family', 'criteria[0].summary'],
    }],
  },
  'evidence-item.schema.json': {
    validator: 'evidenceItem',
    cases: [{
      valid: { controls: ['AC-01'], covers: { start: '2026-07-01', end: '2026-09-30' }, collected_at: '2026-10-01', collected_by: 'dana', source: 'Identity provider export', sha256: 'a'.repeat(64), events: [{ id: 'ev-1', date: '2026-07-02' }] },
      required: ['controls', 'covers', 'collected_at', 'collected_by', 'source', 'sha256', 'covers.start', 'covers.end', 'events[0].id', 'events[0].date'],
    }],
  },
  'exception-response.schema.json': {
    validator: 'exceptionResponse',
    cases: [{ valid: { response: 'The review was late; it is now scheduled.', owner: 'dana' }, required: ['response', 'owner'] }],
  },
  'evidence-signature.schema.json': {
    validator: 'evidenceSignature',
    cases: [
      {
        valid: { schema_version: 1, record_hash: 'a'.repeat(64), key_id: 'ed25519-0123456789abcdef', algorithm: 'ed25519', signature: `${'A'.repeat(86)}==`, signed_at: '2026-03-01T00:00:00.000Z' },
        required: ['schema_version', 'record_hash', 'key_id', 'algorithm', 'signature', 'signed_at'],
      },
      {
        valid: { schema_version: 1, record_hash: 'a'.repeat(64), algorithm: 'none', reason: 'no signing key', signed_at: '2026-03-01T00:00:00Z' },
        required: ['schema_version', 'record_hash', 'algorithm', 'reason', 'signed_at'],
      },
      {
        valid: { schema_version: 1, record_hash: 'a'.repeat(64), algorithm: 'sigstore', instance: 'github', bundle: { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: {}, messageSignature: {} }, signed_at: '2026-03-01T00:00:00Z' },
        required: ['schema_version', 'record_hash', 'algorithm', 'instance', 'bundle', 'bundle.mediaType', 'bundle.verificationMaterial', 'bundle.messageSignature', 'signed_at'],
      },
    ],
  },
  'evidence-record.schema.json': {
    // Validated before a record is written (@evident/github's createEvidenceRecordValidator compiles it).
    cases: [
      {
        valid: envelope('policy-approval', { pull_request: pullRequest, policies: [{ ...version, change: 'modified', required_approvers: ['security'], approvals: [review], approved: true }] }),
        required: [
          'schema_version', 'id', 'sequence', 'kind', 'repository', 'recorded_at', 'subject', 'provenance', 'previous_hash', 'hash',
          'provenance.tool', 'provenance.tool_version', 'provenance.fetched_at', 'provenance.api_calls', 'provenance.api_calls[0].method', 'provenance.api_calls[0].route', 'provenance.api_calls[0].status',
          'subject.pull_request', 'subject.policies',
          ...['number', 'url', 'title', 'author', 'head_sha', 'merge_commit_sha', 'merged_at', 'merged_by'].map((key) => `subject.pull_request.${key}`),
          ...['id', 'version', 'path', 'commit', 'sha256', 'change', 'required_approvers', 'approvals', 'approved'].map((key) => `subject.policies[0].${key}`),
          ...['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'].map((key) => `subject.policies[0].approvals[0].${key}`),
        ],
      },
      {
        valid: envelope('policy-acknowledgment', { pull_request: pullRequest, policies: [version], acknowledgments: [review] }),
        required: [
          'subject.pull_request', 'subject.policies', 'subject.acknowledgments',
          ...['id', 'version', 'path', 'commit', 'sha256'].map((key) => `subject.policies[0].${key}`),
          ...['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'].map((key) => `subject.acknowledgments[0].${key}`),
        ],
      },
      {
        valid: envelope('exception', { pull_request: pullRequest, policy: 'access-control', reason: 'missing-approver', detail: 'x', reviews: [review] }),
        required: ['subject.reason', 'subject.detail', ...['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'].map((key) => `subject.reviews[0].${key}`)],
      },
      {
        valid: envelope('change-population', {
          period: { start: '2026-07-01', end: '2026-09-30' },
          pull_requests: [{ ...pullRequest, base: 'main', author_person: 'linus', reviews: [review], approved_by: ['ada-gh'], merged_without_approval: false, status_checks: { readable: true, required: ['ci'], results: [{ name: 'ci', kind: 'check-run', conclusion: 'success' }] }, bypass: { bypassed: false, reasons: [] } }],
          totals: { merged: 1, merged_without_approval: 0 },
        }),
        required: [
          'subject.period', 'subject.pull_requests', 'subject.totals', 'subject.period.start', 'subject.period.end', 'subject.totals.merged', 'subject.totals.merged_without_approval',
          ...['number', 'url', 'title', 'author', 'head_sha', 'merge_commit_sha', 'merged_at', 'merged_by', 'base', 'author_person', 'reviews', 'approved_by', 'merged_without_approval'].map((key) => `subject.pull_requests[0].${key}`),
          ...['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'].map((key) => `subject.pull_requests[0].reviews[0].${key}`),
          ...['readable', 'required', 'results', 'results[0].name', 'results[0].kind', 'results[0].conclusion'].map((key) => `subject.pull_requests[0].status_checks.${key}`),
          'subject.pull_requests[0].bypass.bypassed', 'subject.pull_requests[0].bypass.reasons',
        ],
      },
      {
        valid: envelope('branch-rules', {
          branch: 'main',
          rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 }, ruleset_id: 3 }],
          rulesets: [{ id: 3, name: 'main', bypass_actors: [{ actor_type: 'OrganizationAdmin', actor_id: null, bypass_mode: 'always' }] }],
          summary: { pull_request_required: true, required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_status_checks: [], blocks_force_pushes: true, blocks_deletion: true },
        }),
        required: [
          'subject.branch', 'subject.rules', 'subject.summary', 'subject.rules[0].type', 'subject.rulesets[0].id', 'subject.rulesets[0].bypass_actors',
          ...['actor_type', 'actor_id', 'bypass_mode'].map((key) => `subject.rulesets[0].bypass_actors[0].${key}`),
          ...['pull_request_required', 'required_approving_review_count', 'dismiss_stale_reviews_on_push', 'require_code_owner_review', 'require_last_push_approval', 'required_status_checks', 'blocks_force_pushes', 'blocks_deletion'].map((key) => `subject.summary.${key}`),
        ],
      },
      {
        valid: envelope('access-snapshot', {
          organization: 'acme',
          two_factor_requirement_enabled: false,
          members: [{ login: 'ada-gh', role: 'admin', two_factor_disabled: false }],
          outside_collaborators: ['contractor-x'],
          teams: [{ slug: 'security', name: 'Security', members: ['ada-gh'] }],
          pending_invitations: [{ login: 'newbie', email: null, role: 'direct_member', created_at: '2026-09-01T00:00:00Z' }],
          repositories: [{ repository: 'acme/program', collaborators: [{ login: 'ada-gh', permission: 'admin' }], deploy_keys: [{ id: 31, title: 'deploy bot', read_only: false, created_at: '2026-01-05T10:00:00Z' }] }],
          limitations: [{ scope: 'outside-collaborators', status: 403, detail: 'outside collaborators not visible to this token (HTTP 403: Resource not accessible by integration)' }],
        }),
        required: [
          ...['organization', 'two_factor_requirement_enabled', 'members', 'outside_collaborators', 'teams', 'pending_invitations', 'repositories', 'limitations'].map((key) => `subject.${key}`),
          ...['login', 'role', 'two_factor_disabled'].map((key) => `subject.members[0].${key}`),
          ...['slug', 'name', 'members'].map((key) => `subject.teams[0].${key}`),
          ...['login', 'email', 'role', 'created_at'].map((key) => `subject.pending_invitations[0].${key}`),
          ...['repository', 'collaborators', 'deploy_keys', 'collaborators[0].login', 'collaborators[0].permission'].map((key) => `subject.repositories[0].${key}`),
          ...['id', 'title', 'read_only', 'created_at'].map((key) => `subject.repositories[0].deploy_keys[0].${key}`),
          ...['scope', 'status', 'detail'].map((key) => `subject.limitations[0].${key}`),
        ],
      },
      {
        valid: envelope('access-review-approval', {
          pull_request: { ...pullRequest, title: 'Access review 2026-Q3' },
          period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
          control: 'AC-01',
          file: { path: 'access-reviews/2026-Q3.md', commit: sha('a'), sha256: 'b'.repeat(64) },
          required_approvers: ['security'],
          approvals: [review],
          approved: true,
        }),
        required: [
          ...['pull_request', 'period', 'control', 'file', 'required_approvers', 'approvals', 'approved'].map((key) => `subject.${key}`),
          ...['number', 'url', 'title', 'author', 'head_sha', 'merge_commit_sha', 'merged_at', 'merged_by'].map((key) => `subject.pull_request.${key}`),
          ...['label', 'start', 'end'].map((key) => `subject.period.${key}`),
          ...['path', 'commit', 'sha256'].map((key) => `subject.file.${key}`),
          ...['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'].map((key) => `subject.approvals[0].${key}`),
        ],
      },
      {
        valid: envelope('vulnerability-alerts', {
          month: '2026-10',
          collected_on: '2026-10-01',
          remediation_days: { critical: 7, high: 30 },
          policy: 'vulnerability-management',
          alerts: [{ source: 'dependabot', repository: 'acme/program', number: 3, url: 'https://github.com/acme/program/security/dependabot/3', state: 'open', severity: 'critical', summary: 'lodash', created_at: '2026-09-01T00:00:00Z', resolved_at: null, dismissed_reason: null, due_on: '2026-09-08', age_days: 30, overdue: true }],
          totals: { open: 1, fixed: 0, dismissed: 0, overdue: 1 },
          limitations: [{ scope: 'code-scanning acme/program', status: 404, detail: 'code scanning alerts of acme/program not visible to this token (HTTP 404: no analysis found)' }],
        }),
        required: [
          ...['month', 'collected_on', 'remediation_days', 'policy', 'alerts', 'totals', 'limitations'].map((key) => `subject.${key}`),
          ...['source', 'repository', 'number', 'url', 'state', 'severity', 'summary', 'created_at', 'resolved_at', 'dismissed_reason', 'due_on', 'age_days', 'overdue'].map((key) => `subject.alerts[0].${key}`),
          ...['open', 'fixed', 'dismissed', 'overdue'].map((key) => `subject.totals.${key}`),
          ...['scope', 'status', 'detail'].map((key) => `subject.limitations[0].${key}`),
        ],
      },
    ],
  },
};

type Schema = Record<string, any>;

/** The name of every required field the schema declares, following properties, items, $ref and then-branches. */
function requiredNames(schema: Schema, definitions: Record<string, Schema>, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const s = node as Schema;
    if (typeof s['$ref'] === 'string') {
      const name = s['$ref'].split('/').pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      visit(definitions[name]);
      return;
    }
    for (const name of (s['required'] as string[] | undefined) ?? []) names.add(name);
    for (const child of Object.values((s['properties'] as object | undefined) ?? {})) visit(child);
    visit(s['items']);
    visit(s['then']);
    for (const key of ['allOf', 'anyOf', 'oneOf']) for (const child of (s[key] as unknown[] | undefined) ?? []) visit(child);
  };
  visit(schema);
  return names;
}

function segments(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

function without(document: object, path: string): { document: object; parent: (string | number)[]; key: string } {
  const copy = structuredClone(document) as Record<string | number, any>;
  const parts = segments(path);
  const key = String(parts.pop());
  let node = copy;
  for (const part of parts) node = node[part];
  expect(Object.prototype.hasOwnProperty.call(node, key)).toBe(true);
  delete node[key];
  return { document: copy, parent: parts, key };
}

const pointer = (parts: (string | number)[]) => parts.map((part) => `/${part}`).join('');
const locate = () => ({ line: 1, column: 1 });

function compileAtTestTime(schema: object) {
  const ajv = new Ajv({ ...validatorOptions });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

describe('required fields of every published schema', () => {
  it('covers every published schema', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(publishedSchemas).sort());
  });

  for (const [file, { validator, cases }] of Object.entries(table)) {
    describe(file, () => {
      const schema = publishedSchemas[file] as Schema;
      const atTestTime = compileAtTestTime(schema);

      it('declares exactly the required fields this table pins', () => {
        const pinned = new Set(cases.flatMap((c) => c.required.map((path) => String(segments(path).pop()))));
        expect([...requiredNames(schema, (schema['definitions'] as Record<string, Schema> | undefined) ?? {})].sort()).toEqual([...pinned].sort());
      });

      for (const [index, { valid, required }] of cases.entries()) {
        it(`accepts the valid document${cases.length > 1 ? ` ${index + 1}` : ''}`, () => {
          expect(atTestTime(valid) ? [] : atTestTime.errors).toEqual([]);
          if (validator) expect(schemaFindings(createValidators()[validator], valid, 'doc.yaml', locate, 'document')).toEqual([]);
        });

        it.each(required)('reports %s missing', (path) => {
          const { document, parent, key } = without(valid, path);
          expect(atTestTime(document)).toBe(false);
          const missing = (atTestTime.errors ?? []).filter((e: ErrorObject) => e.keyword === 'required' && e.instancePath === pointer(parent) && (e.params as { missingProperty: string }).missingProperty === key);
          // At least once: under oneOf, each alternative that requires the field says so.
          expect(missing.length).toBeGreaterThan(0);
          if (validator) {
            const findings = schemaFindings(createValidators()[validator], document, 'doc.yaml', locate, 'document');
            expect(findings.map((f) => f.message)).toContainEqual(expect.stringMatching(new RegExp(`^Missing key \`${key}\` in `)));
          }
        });
      }
    });
  }
});

describe('references in policy frontmatter', () => {
  const valid = table['policy.schema.json']!.cases[0]!.valid as Record<string, unknown>;
  const validators = createValidators();
  const atTestTime = compileAtTestTime(publishedSchemas['policy.schema.json']!);
  it.each([
    ['owner', 'Dana Whitfield'],
    ['owner', 'dana@example.com'],
    ['owner', ''],
    ['approvers', ['security', 'Not An Id']],
    ['acknowledgment', { audience: ['Everyone!'], within_days: 30 }],
  ])('rejects %s %j: not a roster or team id', (key, value) => {
    const document = { ...valid, [key]: value };
    expect(atTestTime(document)).toBe(false);
    const findings = schemaFindings(validators.policy, document, 'policies/access-control.md', locate, 'frontmatter');
    expect(findings.map((f) => f.message)).toContainEqual(expect.stringContaining('expected a person id from the roster or a team id from evident.yaml'));
  });
});
