import { describe, expect, it } from '@jest/globals';
import { sha256Hex, type EvidenceRecord, type Person, type Policy } from '@evident/core';
import { acknowledgmentStatus } from './acknowledgment-status.js';

const person = (id: string, start_date: string, end_date?: string): Person => ({ id, name: id, github: `${id}-gh`, email: `${id}@example.com`, roles: [], start_date, ...(end_date ? { end_date } : {}) });
const TEXT = '---\nid: acceptable-use\nversion: "2.0"\n---\n\nUse company devices for company work.\n';
const policy = { id: 'acceptable-use', title: 'Acceptable Use', version: '2.0', status: 'approved', effective_date: '2026-05-01', acknowledgment: { audience: ['everyone'], within_days: 10 }, source: { path: 'policies/acceptable-use.md', text: TEXT } } as Policy;
/** The SHA-256 an acknowledgment of each version binds: 2.0 is the text as it stands. */
const SHA = { '2.0': sha256Hex(TEXT), '1.0': sha256Hex(TEXT.replace('2.0', '1.0')) } as Record<string, string>;
const model = {
  people: [person('ann', '2025-01-01'), person('bob', '2025-01-01'), person('cat', '2026-05-20'), person('dan', '2025-01-01', '2026-05-05'), person('eve', '2026-07-01')],
  teams: [],
  policies: [policy],
};
const ack = (personId: string, version: string, at: string, pr = 4, sha256 = SHA[version]): EvidenceRecord =>
  ({
    kind: 'policy-acknowledgment',
    recorded_at: at,
    subject: { pull_request: { number: pr }, policies: [{ id: 'acceptable-use', version, sha256 }], acknowledgments: [{ person: personId, submitted_at: at, review_id: 9 }] },
  }) as unknown as EvidenceRecord;

describe('acknowledgmentStatus', () => {
  it('sorts the audience into acknowledged, pending, overdue and left', () => {
    const [status] = acknowledgmentStatus(model, [ack('ann', '2.0', '2026-05-03T09:00:00Z'), ack('ann', '2.0', '2026-05-02T09:00:00Z', 3), ack('bob', '1.0', '2026-01-02T00:00:00Z')], '2026-05-25');
    expect(status!.people.map((p) => [p.person, p.state, p.due])).toEqual([
      ['ann', 'acknowledged', '2026-05-11'],
      ['bob', 'overdue', '2026-05-11'], // acknowledged only the previous version
      ['cat', 'pending', '2026-05-30'], // due counts from the start date of a new hire
      ['dan', 'left', '2026-05-11'],
    ]); // eve has not started yet
    expect(status!.people[0]).toMatchObject({ acknowledged_at: '2026-05-02T09:00:00Z', pull_request: 3 });
    expect(status!.counts).toEqual({ acknowledged: 1, pending: 1, overdue: 1, left: 1 });
  });

  it('counts an acknowledgment only of the text as it stands: another text with the same id and version is not this version', () => {
    const other = sha256Hex(TEXT.replace('company work', 'any work'));
    const [status] = acknowledgmentStatus(model, [ack('ann', '2.0', '2026-05-03T09:00:00Z', 5, other), ack('bob', '2.0', '2026-05-04T09:00:00Z', 6)], '2026-05-25');
    expect(status!.people.filter((p) => p.person === 'ann' || p.person === 'bob').map((p) => [p.person, p.state, p.pull_request])).toEqual([
      ['ann', 'overdue', undefined],
      ['bob', 'acknowledged', 6],
    ]);
  });

  it('is not overdue on the due date itself', () => {
    const [status] = acknowledgmentStatus(model, [], '2026-05-11');
    expect(status!.people.find((p) => p.person === 'bob')!.state).toBe('pending');
  });

  it('counts someone employed past the due date who left without acknowledging as overdue, not as left', () => {
    const withLeaver = { ...model, people: [...model.people, person('fay', '2025-01-01', '2026-05-20')] };
    const [status] = acknowledgmentStatus(withLeaver, [], '2026-05-25');
    expect(status!.people.filter((p) => p.end_date).map((p) => [p.person, p.state, p.end_date])).toEqual([
      ['dan', 'left', '2026-05-05'],
      ['fay', 'overdue', '2026-05-20'],
    ]);
  });

  it('lists only approved policies: a draft or retired one is never due, even when named', () => {
    const draft = { ...policy, id: 'draft-policy', status: 'draft' } as Policy;
    const retired = { ...policy, id: 'retired-policy', status: 'retired' } as Policy;
    const withOthers = { ...model, policies: [draft, policy, retired] };
    expect(acknowledgmentStatus(withOthers, [], '2027-06-01').map((s) => s.policy)).toEqual(['acceptable-use']);
    expect(acknowledgmentStatus(withOthers, [], '2027-06-01', ['draft-policy', 'retired-policy'])).toEqual([]);
  });
});
