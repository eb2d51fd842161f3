/**
 * JSON Schema of an evidence record on the evidence branch (records/NNNNNN-<slug>.json).
 * Published as schemas/evidence-record.schema.json by scripts/write-schemas.mjs.
 * Subjects of `policy-approval`, `policy-acknowledgment` and `exception` records are described
 * exactly; `change-population` and `branch-rules` subjects come from population-subject-schemas.ts.
 */
import { accessReviewApprovalSubjectSchema, accessSnapshotSubjectSchema, vulnerabilityAlertsSubjectSchema } from './access-subject-schemas.js';
import { branchRulesSubjectSchema, changePopulationSubjectSchema } from './population-subject-schemas.js';
import { dateTime, gitSha, login, nullable, pullRequestProperties, pullRequestRequired, sha256 } from './schema-fragments.js';
const reference = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'A person id from the roster or a team id from evident.yaml.' };

const whenKind = (kind: string, subject: string) => ({
  if: { type: 'object', required: ['kind'], properties: { kind: { const: kind } } },
  then: { type: 'object', properties: { subject: { $ref: `#/definitions/${subject}` } } },
});

const policyVersionProperties = {
  id: reference,
  version: { type: 'string', minLength: 1 },
  path: { type: 'string', minLength: 1, description: 'Repository-relative POSIX path of the policy file.' },
  commit: gitSha,
  sha256: { ...sha256, description: 'SHA-256 of the policy file bytes at `commit`, read from git.' },
};

export const evidenceRecordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://evident.dev/schemas/evidence-record.schema.json',
  title: 'Evident evidence record',
  description: 'One append-only, hash-chained record on the evidence branch. `hash` is the SHA-256 of the canonical JSON (keys sorted, no whitespace) of every other field.',
  type: 'object',
  additionalProperties: false,
  required: ['schema_version', 'id', 'sequence', 'kind', 'repository', 'recorded_at', 'subject', 'provenance', 'previous_hash', 'hash'],
  properties: {
    schema_version: { const: 1 },
    id: { type: 'string', minLength: 1, maxLength: 300, description: 'Deterministic id: collecting the same thing twice yields the same id.' },
    sequence: { type: 'integer', minimum: 1, description: '1-based position in the chain.' },
    kind: { enum: ['policy-approval', 'policy-acknowledgment', 'exception', 'change-population', 'branch-rules', 'access-snapshot', 'access-review-approval', 'vulnerability-alerts'] },
    repository: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: 'OWNER/NAME of the repository the evidence is about.' },
    recorded_at: dateTime,
    subject: { type: 'object' },
    provenance: { $ref: '#/definitions/provenance' },
    previous_hash: { ...nullable(sha256), description: '`hash` of the record before this one, or null for the first.' },
    hash: sha256,
  },
  allOf: [whenKind('policy-approval', 'approvalSubject'), whenKind('policy-acknowledgment', 'acknowledgmentSubject'), whenKind('exception', 'exceptionSubject'), whenKind('change-population', 'changePopulationSubject'), whenKind('branch-rules', 'branchRulesSubject'), whenKind('access-snapshot', 'accessSnapshotSubject'), whenKind('access-review-approval', 'accessReviewApprovalSubject'), whenKind('vulnerability-alerts', 'vulnerabilityAlertsSubject')],
  definitions: {
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['tool', 'tool_version', 'fetched_at', 'api_calls'],
      properties: {
        tool: { const: 'evident' },
        tool_version: { type: 'string', minLength: 1 },
        fetched_at: dateTime,
        api_calls: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['method', 'route', 'status'],
            properties: {
              method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] },
              route: { type: 'string', minLength: 1, description: 'Route template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}/reviews`.' },
              path: { type: 'string', description: 'Concrete path and query of the call (never headers or credentials).' },
              status: { type: 'integer', minimum: 100, maximum: 599 },
            },
          },
        },
      },
    },
    pullRequest: {
      type: 'object',
      additionalProperties: false,
      required: pullRequestRequired,
      properties: pullRequestProperties,
    },
    policyVersion: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'version', 'path', 'commit', 'sha256'],
      properties: policyVersionProperties,
    },
    review: {
      type: 'object',
      additionalProperties: false,
      required: ['reviewer', 'person', 'review_id', 'state', 'submitted_at', 'commit_id'],
      properties: {
        reviewer: login,
        person: { ...nullable(reference), description: 'Roster person id, or null when the reviewer is not on the roster.' },
        review_id: { type: 'integer', minimum: 1 },
        state: { type: 'string', minLength: 1 },
        submitted_at: nullable(dateTime),
        commit_id: nullable(gitSha),
      },
    },
    approvalSubject: {
      type: 'object',
      additionalProperties: false,
      required: ['pull_request', 'policies'],
      properties: {
        pull_request: { $ref: '#/definitions/pullRequest' },
        policies: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'version', 'path', 'commit', 'sha256', 'change', 'required_approvers', 'approvals', 'approved'],
            properties: {
              ...policyVersionProperties,
              change: { enum: ['added', 'modified', 'renamed', 'removed'] },
              required_approvers: { type: 'array', items: reference, description: 'Roster people or teams whose approval the change needed.' },
              approvals: { type: 'array', items: { $ref: '#/definitions/review' }, description: 'Reviews that count: latest, approved at the final head, not by the author nor by the author or committer of any commit of the pull request.' },
              approved: { type: 'boolean', description: 'Whether every required approver approved.' },
            },
          },
        },
      },
    },
    acknowledgmentSubject: {
      type: 'object',
      additionalProperties: false,
      required: ['pull_request', 'policies', 'acknowledgments'],
      properties: {
        pull_request: { $ref: '#/definitions/pullRequest' },
        policies: { type: 'array', minItems: 1, items: { $ref: '#/definitions/policyVersion' } },
        acknowledgments: { type: 'array', minItems: 1, items: { $ref: '#/definitions/review' } },
      },
    },
    exceptionSubject: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'detail'],
      properties: {
        pull_request: { $ref: '#/definitions/pullRequest' },
        policy: reference,
        control: { type: 'string' },
        reason: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Machine-readable reason, e.g. `stale-approval`, `self-approval`, `missing-approver`.' },
        detail: { type: 'string', minLength: 1 },
        reviews: { type: 'array', items: { $ref: '#/definitions/review' } },
      },
    },
    changePopulationSubject: changePopulationSubjectSchema,
    branchRulesSubject: branchRulesSubjectSchema,
    accessSnapshotSubject: accessSnapshotSubjectSchema,
    accessReviewApprovalSubject: accessReviewApprovalSubjectSchema,
    vulnerabilityAlertsSubject: vulnerabilityAlertsSubjectSchema,
  },
};
