import type { Outline } from '../parse/markdown-outline.js';

/**
 * Built-in synonyms of the default required sections: the titles policies and controls are
 * commonly written with. `section_aliases` in evident.yaml adds to them.
 */
export const defaultSectionAliases: Readonly<Record<string, readonly string[]>> = {
  purpose: ['Objective', 'Objectives', 'Purpose Statement', 'Introduction', 'Overview', 'Intent'],
  scope: ['Applicability', 'Scope of Policy', 'Scope and Applicability', 'Coverage', 'Audience'],
  policy: ['Policy Statement', 'Policy Statements', 'Policy Requirements', 'Requirements', 'Policy Details', 'Standards', 'Rules'],
  'roles and responsibilities': ['Roles', 'Responsibilities', 'Roles & Responsibilities', 'Ownership', 'Accountability'],
  exceptions: ['Exception', 'Exception Process', 'Exceptions Process', 'Policy Exceptions', 'Waivers', 'Deviations'],
  enforcement: ['Compliance', 'Policy Compliance', 'Violations', 'Sanctions', 'Non-compliance', 'Disciplinary Action', 'Consequences'],
  description: ['Control Description', 'Control Activity', 'Overview', 'Summary'],
  'test procedure': ['Test Procedures', 'Testing', 'Testing Procedure', 'Testing Procedures', 'How to Test', 'Test Plan', 'Audit Procedure', 'Tests'],
};

/** A title compared loosely: case, emphasis marks, numbering (`1.`, `2.3`, `Section 4:`), `&` for `and`, punctuation at the ends. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^\s*(?:section\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.):]\s+/, '')
    .replace(/^\s*\d+(?:\.\d+)*\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s:.\-–—]+|[\s:.\-–—]+$/g, '')
    .trim();
}

/** The parts a combined heading names: "Purpose and Scope", "Roles, Responsibilities & Exceptions", "Purpose / Scope". */
function parts(normalized: string): string[] {
  return normalized.split(/\s*(?:,|\/|\+|;|\band\b)\s*/).filter((p) => p !== '');
}

/**
 * The section titles a document has, for matching: every heading below the title (the first
 * heading, when it is a level-1 heading), at any level.
 */
export function sectionHeadings(outline: Outline): string[] {
  const headings = outline.headings;
  const body = headings[0]?.depth === 1 ? headings.slice(1) : headings;
  return body.map((h) => h.text);
}

/**
 * The required sections a document lacks. A section is present when a heading's title, or one
 * of the parts of a combined heading, is the section's title or one of its aliases.
 */
export function missingSections(headings: readonly string[], required: readonly string[], aliases: Readonly<Record<string, readonly string[]>> = {}): string[] {
  const whole = new Set<string>();
  const pieces = new Set<string>();
  for (const heading of headings) {
    const normalized = normalizeTitle(heading);
    whole.add(normalized);
    for (const part of parts(normalized)) pieces.add(part);
  }
  const configured = new Map(Object.entries(aliases).map(([key, names]) => [normalizeTitle(key), names]));
  return required.filter((section) => {
    const key = normalizeTitle(section);
    const names = [section, ...(defaultSectionAliases[key] ?? []), ...(configured.get(key) ?? [])].map(normalizeTitle);
    return !names.some((name) => whole.has(name) || pieces.has(name));
  });
}
