import { code } from '../diagnostic.js';
import type { Outline } from '../parse/markdown-outline.js';
import type { Rule } from './rule.js';

/** Level-2 section titles of a document, in order. */
export function sectionTitles(outline: Outline): string[] {
  return outline.headings.filter((h) => h.depth === 2).map((h) => h.text);
}

export const bodyRequiredSection: Rule = {
  id: 'body/required-section',
  description: 'Policies and controls have the sections evident.yaml requires, as level-2 headings.',
  check(model, report) {
    for (const doc of [...model.policies, ...model.controls]) {
      const { source } = doc;
      const required = source.kind === 'policy' ? model.config.policies.required_sections : model.config.controls.required_sections;
      const present = new Set(sectionTitles(source.outline).map((t) => t.toLowerCase()));
      // Point at the title (the first heading), or the first line of the body when there is none.
      const line = source.outline.headings[0]?.line ?? source.bodyLineOffset + 1;
      for (const section of required) {
        if (!present.has(section.toLowerCase())) {
          report({ message: `Missing section ${code(`## ${section}`)}, expected every ${source.kind} to have it`, file: source.path, line });
        }
      }
    }
  },
};
