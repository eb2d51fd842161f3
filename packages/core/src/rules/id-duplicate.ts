import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const idDuplicate: Rule = {
  id: 'id/duplicate',
  description: 'Each policy, control, person and team id is declared once.',
  check(model, report) {
    // Positions are looked up only for duplicates: locating costs a parse of the frontmatter.
    const first = new Map<string, (typeof model.documents)[number]>();
    for (const doc of model.documents) {
      const id = doc.data?.id;
      if (typeof id !== 'string') continue;
      const key = `${doc.kind}:${id}`;
      const seen = first.get(key);
      if (seen) {
        report({ message: `Unexpected duplicate ${doc.kind} id ${code(id)}, expected each id once`, file: doc.path, ...doc.locate(['id']), related: [{ file: seen.path, line: seen.locate(['id']).line, message: `${code(id)} is first defined here` }] });
      } else {
        first.set(key, doc);
      }
    }
    // Roster and team ids by their index: a position costs a full parse of the file, so it is
    // looked up only for a duplicate.
    const roster = new Map<string, number>();
    model.people.forEach((person, index) => {
      const seen = roster.get(person.id);
      if (seen === undefined) roster.set(person.id, index);
      else report({ message: `Unexpected duplicate person id ${code(person.id)}, expected each id once`, file: model.peopleFile, ...model.locatePerson(['people', index, 'id']), related: [{ file: model.peopleFile, line: model.locatePerson(['people', seen, 'id']).line, message: `${code(person.id)} is first defined here` }] });
    });
    const teams = new Map<string, number>();
    model.teams.forEach((team, index) => {
      const seen = teams.get(team.id);
      if (seen === undefined && !roster.has(team.id)) teams.set(team.id, index);
      else report({ message: `Unexpected team id ${code(team.id)}, expected an id used by no other team or person`, file: model.configFile, ...model.locateConfig(['teams', index, 'id']), related: seen === undefined ? [] : [{ file: model.configFile, line: model.locateConfig(['teams', seen, 'id']).line, message: `${code(team.id)} is first defined here` }] });
    });
  },
};
