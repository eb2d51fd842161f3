import { describe, expect, it } from '@jest/globals';
import type { EvidenceRecord, Person, Policy } from '@evident/core';
import { acknowledgmentStatus } from './acknowledgment-status.js';

const person = (id: string, start_date: string, end_date?: string): Person => ({ id, name: id, github: `${id}-gh`, email: `${id}@example.com`, roles: [], start_date, ...(end_date ? { end_date } : {}) });
const policy = { id: 'acceptable-use', title: 'Acceptable Use', version: '2.0', status: 'approved', effective_date: '2026-05-01', acknowledgment: { audience: ['everyone'], within_days: 10 } } as Policy;
const model = {
  people: [person('ann', '2025-01-01'), person('bob', '2025-01-01'), person('cat', '2026-05-20'), person('dan', '2025-01-01', '2026-05-05'), person('eve', '2026-07-01')],
  teams: [],
  policies: [policy],
};
const ack = (personId: string, version: string, at: string, pr = 4): EvidenceRecord =>
  ({
    kind: 'policy-acknowledgment',
    recorded_at: at,
    subject: { pull_request: { number: pr }, policies: [{ id: 'acceptable-use', version }], acknowledgments: [{ person: personId, submitted_at: at, review_id: 9 }] },
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
