import { describe, expect, it } from '@jest/globals';
import { chainStatus, unsignedNote } from './render-list-pages.js';

describe('records.html wording', () => {
  it('says no records were read, and whether the evidence branch was found, instead of an intact chain of 0 records', () => {
    expect(chainStatus({ records: 0, head: null, problems: [] }, 'evidence', false)).toBe('No evidence branch `evidence` was found: no evidence records were read.');
    expect(chainStatus({ records: 0, head: null, problems: [] }, 'evidence', true)).toBe('No evidence records were read from `evidence`.');
    expect(chainStatus({ records: 1, head: 'ab'.repeat(32), problems: [] }, 'evidence', true)).toBe(`The chain of 1 record is intact: head ${'ab'.repeat(32)}.`);
  });

  it('says what unsigned records rest on: the branch protection and the command to confirm them, or the cross-check the build ran', () => {
    expect(unsignedNote(5, 5, undefined)).toBe("5 records, none signed: their content rests on the evidence branch's protection; run `evident evidence verify --github` to confirm them against GitHub.");
    expect(unsignedNote(5, 2, undefined)).toBe("2 of 5 records unsigned: their content rests on the evidence branch's protection; run `evident evidence verify --github` to confirm them against GitHub.");
    expect(unsignedNote(5, 0, undefined)).toBe('');
    const crossCheck = { api: 'https://api.github.com', repository: 'fixture/program', checked_at: '2026-05-01T00:00:00Z', confirmed: 4, not_confirmed: [], not_checked: ['branch-rules/1'], allowed_unconfirmed: false };
    expect(unsignedNote(5, 5, crossCheck)).toBe('5 records, none signed; 4 confirmed against GitHub (https://api.github.com) on 2026-05-01T00:00:00Z.');
  });
});
