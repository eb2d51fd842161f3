import { code } from '../diagnostic.js';
import { unportableNamePart } from '../evidence-items/portable-name.js';
import { documentsWithIds } from './documents-with-ids.js';
import type { Rule } from './rule.js';

/** Where a document's id names files: its own file, and its pages in the auditor bundle. */
const folderOf = { policy: 'policies', control: 'controls' } as const;

export const idPortableName: Rule = {
  id: 'id/portable-name',
  description: 'A policy or control id can name a file on every operating system.',
  check(model, report) {
    for (const { doc, id } of documentsWithIds(model)) {
      const problem = unportableNamePart(id);
      if (!problem) continue;
      // "`aux`, a device name Windows reserves" says the id already; "the character `:`" does not.
      const what = problem.startsWith(`${code(id)}, `) ? problem.slice(code(id).length) : ` with ${problem}`;
      const folder = folderOf[doc.kind];
      report({
        message: `Unexpected id ${code(id)}${what}, expected an id every operating system can use as a file name: Windows can neither check out ${code(`${folder}/${id}.md`)} nor unzip the bundle's ${code(`${folder}/${id}.html`)}`,
        file: doc.path,
        ...doc.locate(['id']),
      });
    }
  },
};
