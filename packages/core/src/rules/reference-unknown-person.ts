import { code } from '../diagnostic.js';
import { EVERYONE } from '../model/types.js';
import { isKnownReference, isRosterId } from './resolve-references.js';
import type { Rule } from './rule.js';

const expected = 'expected a person id from the roster or a team id from `evident.yaml`';

export const referenceUnknownPerson: Rule = {
  id: 'reference/unknown-person',
  description: 'Owners, approvers, acknowledgment audiences, team members, managers, management response owners and the security officer resolve to the roster or to declared teams.',
  check(model, report) {
    // Without a roster every person would be unknown: the missing or unreadable roster is the one finding (see buildModel).
    if (model.rosterMissing || model.rosterUnreadable) return;
    const isPerson = (id: string) => isRosterId(model, id);
    for (const policy of [...model.policies, ...model.partialPolicies]) {
      const { source } = policy;
      if (policy.owner !== undefined && !isKnownReference(model, policy.owner)) report({ message: `Unexpected owner ${code(policy.owner)}, ${expected}`, file: source.path, ...source.locate(['owner']) });
      policy.approvers?.forEach((ref, i) => {
        if (!isKnownReference(model, ref)) report({ message: `Unexpected approver ${code(ref)}, ${expected}`, file: source.path, ...source.locate(['approvers', i]) });
      });
      policy.acknowledgment?.audience?.forEach((ref, i) => {
        if (ref !== EVERYONE && !isKnownReference(model, ref)) report({ message: `Unexpected audience ${code(ref)}, ${expected} or \`everyone\``, file: source.path, ...source.locate(['acknowledgment', 'audience', i]) });
      });
    }
    for (const control of [...model.controls, ...model.partialControls]) {
      if (control.owner !== undefined && !isKnownReference(model, control.owner)) report({ message: `Unexpected owner ${code(control.owner)}, ${expected}`, file: control.source.path, ...control.source.locate(['owner']) });
    }
    for (const response of model.exceptionResponses) {
      if (!isKnownReference(model, response.owner)) report({ message: `Unexpected owner ${code(response.owner)} of the management response, ${expected}`, file: response.file, ...(response.ownerAt ?? { line: 1 }) });
    }
    model.teams.forEach((team, t) => {
      team.members.forEach((member, m) => {
        if (!isPerson(member)) report({ message: `Unexpected member ${code(member)} of team ${code(team.id)}, expected a person id from the roster`, file: model.configFile, ...model.locateConfig(['teams', t, 'members', m]) });
      });
    });
    model.people.forEach((person, index) => {
      if (person.manager !== undefined && !isPerson(person.manager)) report({ message: `Unexpected manager ${code(person.manager)} of ${code(person.id)}, expected a person id from the roster`, file: model.peopleFile, ...model.locatePerson(['people', index, 'manager']) });
    });
    const officer = model.config.organization.security_officer;
    if (!isPerson(officer)) report({ message: `Unexpected security officer ${code(officer)}, expected a person id from the roster`, file: model.configFile, ...model.locateConfig(['organization', 'security_officer']) });
  },
};
