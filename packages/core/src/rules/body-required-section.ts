import type { Heading, Root, RootContent } from 'mdast';
import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** Plain text of a heading, without Markdown emphasis or code marks. */
export function headingText(node: Heading): string {
  const text = (n: RootContent | Heading): string => ('value' in n && typeof n.value === 'string' ? n.value : 'children' in n ? (n.children as RootContent[]).map(text).join('') : '');
  return text(node).trim();
}

/** Level-2 section titles of a document, in order. */
export function sectionTitles(ast: Root): string[] {
  return ast.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 2).map(headingText);
}

export const bodyRequiredSection: Rule = {
  id: 'body/required-section',
  description: 'Policies and controls have the sections evident.yaml requires, as level-2 headings.',
  check(model, report) {
    for (const doc of [...model.policies, ...model.controls]) {
      const { source } = doc;
      const required = source.kind === 'policy' ? model.config.policies.required_sections : model.config.controls.required_sections;
      const present = new Set(sectionTitles(source.ast).map((t) => t.toLowerCase()));
      const line = source.bodyLineOffset + 1;
      for (const section of required) {
        if (!present.has(section.toLowerCase())) {
          report({ message: `Missing section ${code(`## ${section}`)}, expected every ${source.kind} to have it`, file: source.path, line });
        }
      }
    }
  },
};
