/**
 * Subjects of `access-snapshot`, `access-review-approval` and `vulnerability-alerts` evidence
 * records, as definitions of schemas/evidence-record.schema.json (they refer to its
 * `pullRequest` and `review` definitions).
 */
import { date, dateTime, gitSha, login, nullable, sha256 } from './schema-fragments.js';

const list = (items: object, description?: string) => ({ ...nullable({ type: 'array', items }), ...(description ? { description } : {}) });
const repositoryName = { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' };
const severities = ['critical', 'high', 'medium', 'low'];

const limitations = {
  type: 'array',
  description: 'What the token could not read, recorded instead of failing: a list that could not be read is null, never empty.',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['scope', 'status', 'detail'],
    properties: { scope: { type: 'string', minLength: 1 }, status: { type: 'integer', minimum: 100, maximum: 599 }, detail: { type: 'string', minLength: 1 } },
  },
};

export const accessSnapshotSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'two_factor_requirement_enabled', 'members', 'outside_collaborators', 'teams', 'pending_invitations', 'repositories', 'limitations'],
  description: 'Who held access to the organisation and the repositories on the day they were read. A list is null when the token could not read it (see `limitations`).',
  properties: {
    organization: nullable({ type: 'string', minLength: 1 }),
    two_factor_requirement_enabled: { type: ['boolean', 'null'], description: 'Null when not visible to this token (owners only).' },
    members: list(
      {
        type: 'object',
        additionalProperties: false,
        required: ['login', 'role', 'two_factor_disabled'],
        properties: { login, role: { enum: ['admin', 'member'] }, two_factor_disabled: { type: ['boolean', 'null'], description: 'Null when not visible to this token.' } },
      },
      'Organisation members and their role (GET /orgs/{org}/members).',
    ),
    outside_collaborators: list(login, 'Outside collaborators of the organisation.'),
    teams: list({ type: 'object', additionalProperties: false, required: ['slug', 'name', 'members'], properties: { slug: { type: 'string', minLength: 1 }, name: { type: 'string' }, members: list(login) } }),
    pending_invitations: list({
      type: 'object',
      additionalProperties: false,
      required: ['login', 'email', 'role', 'created_at'],
      properties: { login: nullable(login), email: nullable({ type: 'string' }), role: { type: 'string' }, created_at: dateTime },
    }),
    repositories: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['repository', 'collaborators', 'deploy_keys'],
        properties: {
          repository: repositoryName,
          collaborators: list(
            { type: 'object', additionalProperties: false, required: ['login', 'permission'], properties: { login, permission: { enum: ['admin', 'maintain', 'write', 'triage', 'read'] } } },
            'Everyone with access to the repository (direct, through teams or as organisation owners) and their highest permission.',
          ),
          deploy_keys: list({ type: 'object', additionalProperties: false, required: ['id', 'title', 'read_only', 'created_at'], properties: { id: { type: 'integer' }, title: { type: 'string' }, read_only: { type: 'boolean' }, created_at: dateTime } }),
        },
      },
    },
    limitations,
  },
};

export const accessReviewApprovalSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pull_request', 'period', 'control', 'file', 'required_approvers', 'approvals', 'approved'],
  description: "The sign-off of an access review: the review pull request (an `evident/access-review/` branch) approved at its final commit by the access-review control's owner.",
  properties: {
    pull_request: { $ref: '#/definitions/pullRequest' },
    period: { type: 'object', additionalProperties: false, required: ['label', 'start', 'end'], properties: { label: { type: 'string', minLength: 1 }, start: date, end: date } },
    control: { type: 'string', minLength: 1 },
    file: { type: 'object', additionalProperties: false, required: ['path', 'commit', 'sha256'], properties: { path: { type: 'string', minLength: 1 }, commit: gitSha, sha256: { ...sha256, description: 'SHA-256 of the review file at `commit`.' } } },
    required_approvers: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } },
    approvals: { type: 'array', items: { $ref: '#/definitions/review' }, description: 'Approvals at the final head by a required approver.' },
    approved: { type: 'boolean' },
  },
};

export const vulnerabilityAlertsSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['month', 'collected_on', 'remediation_days', 'policy', 'alerts', 'totals', 'limitations'],
  description: 'Dependabot and code scanning alerts of the repository on the day they were read, against the remediation times of the vulnerability policy.',
  properties: {
    month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    collected_on: date,
    remediation_days: nullable({ type: 'object', additionalProperties: false, properties: Object.fromEntries(severities.map((s) => [s, { type: 'integer', minimum: 0 }])) }),
    policy: nullable({ type: 'string' }),
    alerts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'repository', 'number', 'url', 'state', 'severity', 'summary', 'created_at', 'resolved_at', 'dismissed_reason', 'due_on', 'age_days', 'overdue'],
        properties: {
          source: { enum: ['dependabot', 'code-scanning'] },
          repository: repositoryName,
          number: { type: 'integer', minimum: 1 },
          url: { type: 'string' },
          state: { type: 'string', minLength: 1 },
          severity: nullable({ enum: severities }),
          summary: { type: 'string' },
          created_at: dateTime,
          resolved_at: nullable(dateTime),
          dismissed_reason: nullable({ type: 'string' }),
          due_on: nullable(date),
          age_days: { type: 'integer', minimum: 0 },
          overdue: { type: 'boolean' },
        },
      },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['open', 'fixed', 'dismissed', 'overdue'],
      properties: { open: { type: 'integer', minimum: 0 }, fixed: { type: 'integer', minimum: 0 }, dismissed: { type: 'integer', minimum: 0 }, overdue: { type: 'integer', minimum: 0 } },
    },
    limitations,
  },
};
