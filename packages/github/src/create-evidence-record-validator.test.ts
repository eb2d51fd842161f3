import { describe, expect, it } from '@jest/globals';
import { publishedSchemas, sealRecord, type UnsealedRecord } from '@evident/core';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvidenceRecordValidator } from './create-evidence-record-validator.js';

const sha = (c: string) => c.repeat(40);
const pull_request = { number: 7, url: 'https://github.com/acme/program/pull/7', title: 'Access', author: 'linus-gh', head_sha: sha('a'), merge_commit_sha: sha('c'), merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh' };
const review = { reviewer: 'ada-gh', person: 'ada', review_id: 5, state: 'APPROVED', submitted_at: '2026-03-01T00:00:00Z', commit_id: sha('a') };
const envelope = (kind: UnsealedRecord['kind'], subject: unknown): UnsealedRecord => ({
  schema_version: 1,
  id: `${kind}/acme/program/pr-7`,
  kind,
  repository: 'acme/program',
  recorded_at: '2026-03-02T10:00:00.000Z',
  subject,
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-02T10:00:00.000Z', api_calls: [{ method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', path: '/repos/acme/program/pulls/7', status: 200 }] },
});
const version = { id: 'access-control', version: '1.1', path: 'policies/access-control.md', commit: sha('a'), sha256: 'f'.repeat(64) };

describe('the published evidence record schema', () => {
  const validate = createEvidenceRecordValidator();

  it('accepts approval, acknowledgment and exception records', () => {
    expect(validate(sealRecord(envelope('policy-approval', { pull_request, policies: [{ ...version, change: 'modified', required_approvers: ['security'], approvals: [review], approved: true }] }), undefined))).toEqual([]);
    expect(validate(sealRecord(envelope('policy-acknowledgment', { pull_request: { ...pull_request, merge_commit_sha: null, merged_at: null, merged_by: null }, policies: [version], acknowledgments: [review] }), undefined))).toEqual([]);
    expect(validate(sealRecord(envelope('exception', { pull_request, policy: 'access-control', reason: 'missing-approver', detail: 'x' }), undefined))).toEqual([]);
  });

  it('rejects a subject that does not match its kind, and unknown fields', () => {
    expect(validate(sealRecord(envelope('policy-approval', { pull_request, policies: [{ ...version, approved: 'yes' }] }), undefined))).not.toEqual([]);
    expect(validate({ ...sealRecord(envelope('exception', { reason: 'x', detail: 'y' }), undefined), token: 'ghp_x' })).toEqual(['/ must NOT have additional properties']);
    expect(validate(sealRecord(envelope('exception', { reason: 'Not Kebab', detail: 'y' }), undefined))).not.toEqual([]);
  });

  it('accepts GitHub logins, bot accounts included, and refuses any other login: look-alike letters, underscores, stray hyphens', () => {
    const approvalBy = (reviewer: string, author = 'linus-gh') =>
      validate(sealRecord(envelope('policy-approval', { pull_request: { ...pull_request, author }, policies: [{ ...version, change: 'modified', required_approvers: ['security'], approvals: [{ ...review, reviewer }], approved: true }] }), undefined));
    for (const login of ['ken-gh', 'Ken-GH', 'a', 'a1-b2-c3', 'x'.repeat(39)]) expect([login, approvalBy(login)]).toEqual([login, []]);
    expect(approvalBy('ada-gh', 'github-actions[bot]')).toEqual([]);
    const pattern = '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\\[bot\\])?$';
    // The Kelvin sign (U+212A) folds to `k` under toLowerCase: it must never reach a comparison.
    expect(approvalBy('\u212Aen-gh')).toContain(`/subject/policies/0/approvals/0/reviewer must match pattern "${pattern}"`);
    expect(approvalBy('ada-gh', '\u212Aen-gh')).toContain(`/subject/pull_request/author must match pattern "${pattern}"`);
    for (const login of ['-ken', 'ken-', 'ken--gh', 'ken_gh', 'ken gh', 'x'.repeat(40), 'ken[bot]x', '[bot]']) expect([login, approvalBy(login)]).not.toEqual([login, []]);
  });

  it('compiles in strict mode and is written to schemas/evidence-record.schema.json', () => {
    const ajv = new Ajv({ strict: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    expect(() => ajv.compile(publishedSchemas['evidence-record.schema.json']!)).not.toThrow();
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    expect(JSON.parse(readFileSync(path.join(root, 'schemas/evidence-record.schema.json'), 'utf8'))).toEqual(publishedSchemas['evidence-record.schema.json']);
  });
});
