import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('reference/unknown-person', () => {
  it('reports owners, approvers, audiences, team members, managers, management response owners and the security officer missing from the roster', async () => {
    const { text } = await checkFixture('reference-unknown-person', 'not-ok', 'reference/unknown-person');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:4:8 error Unexpected owner `secops`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '',
        'evident.yaml',
        '  evident.yaml:3:21 error Unexpected security officer `margaret-hamilton`, expected a person id from the roster [reference/unknown-person]',
        '  evident.yaml:15:43 error Unexpected member `alan-turing` of team `security`, expected a person id from the roster [reference/unknown-person]',
        '',
        'exceptions/missing-evidence_AC-01_2026-Q3.yaml',
        '  exceptions/missing-evidence_AC-01_2026-Q3.yaml:2:8 error Unexpected owner `alex-morgn` of the management response, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '',
        'people.yaml',
        '  people.yaml:14:14 error Unexpected manager `grace-hoper` of `grace-hopper`, expected a person id from the roster [reference/unknown-person]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:6:8 error Unexpected owner `ada-lovelac`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '  policies/access-control.md:7:23 error Unexpected approver `grace-hoper`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '  policies/access-control.md:14:24 error Unexpected audience `engineering`, expected a person id from the roster or a team id from `evident.yaml` or `everyone` [reference/unknown-person]',
        '',
        '8 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when people and teams resolve (management response owners too), and `everyone` is accepted as an audience', async () => {
    const { diagnostics, allText } = await checkFixture('reference-unknown-person', 'ok', 'reference/unknown-person');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
