import { describe, expect, it } from '@jest/globals';
import { recordsBranchMismatch } from './records-branch-mismatch.js';

describe('recordsBranchMismatch', () => {
  it('names both branches and the fix when the checkout is not on evident.yaml’s evidence branch', () => {
    expect(recordsBranchMismatch('compliance-evidence', 'evidence', '.github/workflows/reminders.yml')).toBe(
      'Unexpected evidence records from the branch `evidence`, expected `compliance-evidence` (evident.yaml\'s `evidence.branch`): set `ref: compliance-evidence` on the records checkout in .github/workflows/reminders.yml',
    );
  });

  it('has nothing to say when the branches agree or the checkout names no branch', () => {
    expect(recordsBranchMismatch('evidence', 'evidence', 'reminders.yml')).toBeUndefined();
    expect(recordsBranchMismatch('evidence', 'HEAD', 'reminders.yml')).toBeUndefined();
    expect(recordsBranchMismatch('evidence', undefined, 'reminders.yml')).toBeUndefined();
  });
});
