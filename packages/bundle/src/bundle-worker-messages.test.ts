import { describe, expect, it } from '@jest/globals';
import { ConfigNotFoundError, ConfigUnreadableError } from '@evident/core';
import { describeFailure, failureError } from './bundle-worker-messages.js';
import { BundleScopeError } from './read/bundle-scope-error.js';
import { PlaceholdersError } from './read/placeholders-error.js';
import { EvidenceChangedError } from './write/evidence-changed-error.js';

/** What a message becomes after crossing threads: structured clone keeps plain data only. */
const cross = <T>(value: T): T => structuredClone(value);

describe('worker failures', () => {
  it('keep the class and the data of the errors a user can cause', () => {
    const diagnostics = [{ ruleId: 'config/schema', severity: 'error' as const, message: 'Unexpected period', file: 'evident.yaml', line: 3, column: 1 }];
    const scope = failureError(cross(describeFailure(new BundleScopeError('evident.yaml names no audit period', diagnostics))));
    expect(scope).toBeInstanceOf(BundleScopeError);
    expect(scope.message).toBe('evident.yaml names no audit period');
    expect((scope as BundleScopeError).diagnostics).toEqual(diagnostics);
    const changed = failureError(cross(describeFailure(new EvidenceChangedError('evidence/AC-1/users.csv'))));
    expect(changed).toBeInstanceOf(EvidenceChangedError);
    expect((changed as EvidenceChangedError).file).toBe('evidence/AC-1/users.csv');
    const missing = failureError(cross(describeFailure(new ConfigNotFoundError('/srv/acme'))));
    expect(missing).toBeInstanceOf(ConfigNotFoundError);
    expect(missing.message).toBe(new ConfigNotFoundError('/srv/acme').message);
    const finding = { ruleId: 'io/unsafe-link', message: 'Unexpected symbolic link leaving the repository', file: 'evident.yaml', line: 1 };
    const unreadable = failureError(cross(describeFailure(new ConfigUnreadableError(finding))));
    expect(unreadable).toBeInstanceOf(ConfigUnreadableError);
    expect((unreadable as ConfigUnreadableError).finding).toEqual(finding);
    const placeholder = [{ ruleId: 'content/placeholder', severity: 'warning' as const, message: 'Unexpected placeholder marker `REPLACE`, expected the value it asks for, with the marker removed', file: 'evident.yaml', line: 6, column: 42 }];
    const placeholders = failureError(cross(describeFailure(new PlaceholdersError(placeholder))));
    expect(placeholders).toBeInstanceOf(PlaceholdersError);
    expect((placeholders as PlaceholdersError).diagnostics).toEqual(placeholder);
    expect(placeholders.message).toBe(new PlaceholdersError(placeholder).message);
  });

  it('keep the name, message and stack of any other error', () => {
    const original = new TypeError('Cannot read properties of undefined');
    const back = failureError(cross(describeFailure(original)));
    expect(back).toMatchObject({ name: 'TypeError', message: 'Cannot read properties of undefined', stack: original.stack });
    expect(failureError(cross(describeFailure('a thrown string')))).toMatchObject({ name: 'Error', message: 'a thrown string' });
  });
});
