import { code } from '../diagnostic.js';
import { BODY_PLACEHOLDER_NAMES, bodyPlaceholders } from '../parse/body-placeholders.js';
import type { Rule } from './rule.js';

const known = new Set(BODY_PLACEHOLDER_NAMES);
const expected = BODY_PLACEHOLDER_NAMES.map((name) => code(`{{${name}}}`)).join(', ');

export const bodyUnknownPlaceholder: Rule = {
  id: 'body/unknown-placeholder',
  description: 'Policy and control bodies name only the `{{placeholders}}` Evident fills (`{{organization.name}}`, `{{security_officer.name}}`, `{{security_officer.email}}`): any other would reach the auditor unfilled.',
  check(model, report) {
    for (const doc of model.documents) {
      const placeholders = bodyPlaceholders(doc.body);
      if (placeholders.length === 0) continue;
      // Lines of the body, counted once per document that has placeholders.
      const lineStarts = [0];
      for (let i = doc.body.indexOf('\n'); i !== -1; i = doc.body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      for (const placeholder of placeholders) {
        if (known.has(placeholder.name)) continue;
        let line = lineStarts.length - 1;
        while (lineStarts[line]! > placeholder.index) line -= 1;
        const column = placeholder.index - lineStarts[line]! + 1;
        report({
          message: `Unexpected placeholder ${code(placeholder.text)}, expected one Evident fills (${expected}) or the text itself`,
          file: doc.path,
          line: doc.bodyLineOffset + line + 1,
          column,
          endLine: doc.bodyLineOffset + line + 1,
          endColumn: column + placeholder.text.length,
        });
      }
    }
  },
};
