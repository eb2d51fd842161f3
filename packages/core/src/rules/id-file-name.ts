import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const idFileName: Rule = {
  id: 'id/file-name',
  description: 'A policy or control file is named after its id.',
  check(model, report) {
    for (const doc of model.documents) {
      const id = doc.data?.id;
      if (typeof id !== 'string') continue;
      const stem = doc.path.slice(doc.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
      if (stem !== id) {
        report({ message: `Unexpected id ${code(id)} in ${code(`${stem}.md`)}, expected the file to be named ${code(`${id}.md`)}`, file: doc.path, ...doc.locate(['id']) });
      }
    }
  },
};
