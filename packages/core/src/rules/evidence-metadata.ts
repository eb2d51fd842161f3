import { code } from '../diagnostic.js';
import { collectedAfterToday } from '../evidence-items/collected-after-today.js';
import { metadataPathOf } from '../evidence-items/evidence-item.js';
import { unexpectedEvent } from '../evidence-items/unexpected-event.js';
import type { Rule } from './rule.js';

/** Files under the evidence folder that are not evidence: dotfiles and READMEs. */
function isEvidenceFolderNote(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.startsWith('.') || /^readme\.md$/i.test(name);
}

export const evidenceMetadata: Rule = {
  id: 'evidence/metadata',
  description: 'Every evidence file has complete metadata naming its controls, period, collector, source and SHA-256.',
  check(model, report, { today }) {
    const { items, files } = model.evidence;
    for (const file of files.keys()) {
      if (model.files.has(metadataPathOf(file)) || isEvidenceFolderNote(file)) continue;
      report({ message: `Missing metadata for ${code(file)}, expected ${code(metadataPathOf(file))} (run \`evident evidence add\`)`, file });
    }
    const people = new Set(model.people.map((p) => p.id));
    for (const item of items) {
      for (const problem of item.problems) report(problem);
      const future = collectedAfterToday(item, today);
      if (future) report(future);
      for (const problem of unexpectedEvent(item, model.controls)) report(problem);
      const person = item.metadata?.collected_by;
      if (person !== undefined && model.people.length > 0 && !people.has(person)) {
        report({ message: `Unexpected person ${code(person)} for \`collected_by\`, expected a person id from ${code(model.peopleFile)}`, file: item.metadataPath, ...item.locate(['collected_by']) });
      }
    }
  },
};
