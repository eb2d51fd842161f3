import path from 'node:path';
import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** The folders of documents a program needs, by the `paths` key that names them. */
const FOLDERS = { policies: 'policies', controls: 'controls' } as const;

/**
 * The folder of policies or controls exists: a program without `controls/` (or `policies/`) would
 * otherwise read as one with no controls, every criterion uncovered and nothing saying why. A folder
 * `paths` sets in evident.yaml that does not exist is a `config` error before any rule runs, so what
 * reaches here is the default folder of a key left unset: a warning, as a program may be mid-setup.
 * A folder holding any file exists.
 */
export const folderMissing: Rule = {
  id: 'folder/missing',
  description: 'The folders of policies and controls exist.',
  check(model, report) {
    for (const key of Object.keys(FOLDERS) as (keyof typeof FOLDERS)[]) {
      const folder = path.posix.normalize(model.config.paths[key]).replace(/\/+$/, '');
      if (folder === '.' || folder === '' || model[key].length > 0) continue;
      if ([...model.files].some((file) => file.startsWith(`${folder}/`))) continue;
      report({
        message: `Unexpected missing folder ${code(`${folder}/`)}, expected the folder that holds the ${FOLDERS[key]} (\`*.md\`): create it, or set \`paths.${key}\` in evident.yaml to the folder that holds them (until then the program has no ${FOLDERS[key]})`,
        file: model.configFile,
        ...model.locateConfig(['paths'], 'key'),
      });
    }
  },
};
