import { code } from '../diagnostic.js';
import type { Outline } from '../parse/markdown-outline.js';
import type { Rule } from './rule.js';
import { missingSections, sectionHeadings } from './section-matcher.js';

/** Level-2 section titles of a document, in order. */
export function sectionTitles(outline: Outline): string[] {
  return outline.headings.filter((h) => h.depth === 2).map((h) => h.text);
}

export const bodyRequiredSection: Rule = {
  id: 'body/required-section',
  description: 'Policies and controls have the sections evident.yaml requires, as headings below the title, by title, synonym or a combined heading.',
  check(model, report) {
    // Every document with readable frontmatter, valid or not: a schema mistake does not hide a missing section
    // (a document whose frontmatter cannot be read at all has its parse finding, and no more).
    for (const source of model.documents) {
      if (source.data === undefined) continue;
      const settings = source.kind === 'policy' ? model.config.policies : model.config.controls;
      // Point at the title (the first heading), or the first line of the body when there is none.
      const line = source.outline.headings[0]?.line ?? source.bodyLineOffset + 1;
      for (const section of missingSections(sectionHeadings(source.outline), settings.required_sections, settings.section_aliases)) {
        report({ message: `Missing section ${code(section)}, expected a heading such as ${code(`## ${section}`)} in every ${source.kind}`, file: source.path, line });
      }
    }
  },
};
