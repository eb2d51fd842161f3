import { code } from '../diagnostic.js';
import { fileStem } from '../model/file-stem.js';
import { documentsWithIds } from './documents-with-ids.js';
import type { Rule } from './rule.js';

export const idFileName: Rule = {
  id: 'id/file-name',
  description: 'A policy or control file is named after its id.',
  check(model, report) {
    for (const { doc, id } of documentsWithIds(model)) {
      const stem = fileStem(doc.path);
      if (stem !== id) {
        report({ message: `Unexpected id ${code(id)} in ${code(`${stem}.md`)}, expected the file to be named ${code(`${id}.md`)}`, file: doc.path, ...doc.locate(['id']) });
      }
    }
  },
};
