/**
 * Subjects of `change-population` and `branch-rules` evidence records, as definitions of
 * schemas/evidence-record.schema.json (they refer to its `review` definition).
 */
import { date, login, nullable, pullRequestProperties, pullRequestRequired } from './schema-fragments.js';

const person = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'A person id from the roster.' };

const statusChecks = {
  type: 'object',
  additionalProperties: false,
  required: ['readable', 'required', 'results'],
  description: 'The status checks at the head commit (check runs and commit statuses), and those the branch rules read at collection require.',
  properties: {
    readable: { type: 'boolean', description: 'False when the token could not read the check runs or statuses: `results` is then incomplete.' },
    required: { type: 'array', items: { type: 'string' }, description: 'Check names the base branch rules require.' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind', 'conclusion'],
        properties: {
          name: { type: 'string', minLength: 1 },
          kind: { enum: ['check-run', 'status'] },
          conclusion: { type: 'string', minLength: 1, description: 'A check run conclusion (`success`, `failure`, …), its status while not completed, or a commit status state.' },
        },
      },
    },
  },
};

const bypassActor = {
  type: 'object',
  additionalProperties: false,
  required: ['actor_type', 'actor_id', 'bypass_mode'],
  properties: { actor_type: { type: 'string', minLength: 1 }, actor_id: { type: ['integer', 'null'] }, bypass_mode: { type: 'string' } },
};

export const changePopulationSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'pull_requests', 'totals'],
  description: 'Every pull request merged into the repository during the period: the change-management population.',
  properties: {
    period: { type: 'object', additionalProperties: false, required: ['start', 'end'], properties: { start: date, end: date }, description: 'Both ends inclusive (UTC dates of `merged_at`).' },
    pull_requests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [...pullRequestRequired, 'base', 'author_person', 'reviews', 'approved_by', 'merged_without_approval'],
        properties: {
          ...pullRequestProperties,
          base: { type: 'string', minLength: 1, description: 'Branch the pull request merged into.' },
          author_person: { ...nullable(person), description: 'Roster person id of the author, or null when not on the roster.' },
          reviews: { type: 'array', items: { $ref: '#/definitions/review' }, description: "Each reviewer's latest review that is not a comment." },
          approved_by: { type: 'array', items: login, description: 'Reviewers whose latest review approves the final head commit.' },
          merged_without_approval: { type: 'boolean', description: 'Merged with no approval at its final head: an exception.' },
          reviews_after_merge: { type: 'array', items: { $ref: '#/definitions/review' }, description: 'Reviews submitted after the merge: listed, never counted (records collected before this field counted every review).' },
          status_checks: statusChecks,
          bypass: {
            type: 'object',
            additionalProperties: false,
            required: ['bypassed', 'reasons'],
            description: 'Whether the pull request merged without what the branch rules read at collection require.',
            properties: { bypassed: { type: 'boolean' }, reasons: { type: 'array', items: { type: 'string' }, description: 'Each requirement the pull request did not meet.' } },
          },
          references: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Issue and ticket references in the title and body (`#123`, `owner/repo#123`, `ABC-123`).' },
        },
      },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['merged', 'merged_without_approval'],
      properties: { merged: { type: 'integer', minimum: 0 }, merged_without_approval: { type: 'integer', minimum: 0 }, bypassed: { type: 'integer', minimum: 0 } },
    },
  },
};

export const branchRulesSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['branch', 'rules', 'summary'],
  description: 'The rules protecting a branch on the day they were read (GET /repos/{owner}/{repo}/rules/branches/{branch}).',
  properties: {
    branch: { type: 'string', minLength: 1 },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string', minLength: 1 },
          parameters: { type: 'object' },
          ruleset_source_type: { type: 'string' },
          ruleset_source: { type: 'string' },
          ruleset_id: { type: 'integer' },
        },
      },
    },
    rulesets: {
      type: 'array',
      description: 'Each ruleset the rules come from, with who may bypass it (GET /repos/{owner}/{repo}/rulesets/{ruleset_id}).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'bypass_actors'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          source_type: { type: 'string' },
          source: { type: 'string' },
          bypass_actors: { anyOf: [{ type: 'array', items: bypassActor }, { const: 'not visible to this token' }], description: 'Who may bypass the ruleset, or `not visible to this token` when GitHub does not show them to the token.' },
        },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['pull_request_required', 'required_approving_review_count', 'dismiss_stale_reviews_on_push', 'require_code_owner_review', 'require_last_push_approval', 'required_status_checks', 'blocks_force_pushes', 'blocks_deletion'],
      properties: {
        pull_request_required: { type: 'boolean' },
        required_approving_review_count: { type: 'integer', minimum: 0 },
        dismiss_stale_reviews_on_push: { type: 'boolean' },
        require_code_owner_review: { type: 'boolean' },
        require_last_push_approval: { type: 'boolean' },
        required_status_checks: { type: 'array', items: { type: 'string' } },
        blocks_force_pushes: { type: 'boolean' },
        blocks_deletion: { type: 'boolean' },
      },
    },
  },
};
