import type { BundleView } from '../model/build-bundle-view.js';
import { portalHandlebars, renderPage, siteInfo } from './portal-layout.js';
import { renderMarkdown } from './render-markdown.js';
import { displayName, systemDescription } from './system-description.js';

/** Text from evident.yaml as Markdown that reads exactly as written: every character Markdown could interpret is escaped. */
export const escapeMarkdown = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
/** Text that the draft ends a sentence with: without its own closing full stop, so the sentence's is not doubled. */
const clause = (text: string) => escapeMarkdown(text).replace(/\.+$/, '');

/**
 * management-assertion.md: management's assertion drafted from the system description, for management
 * to edit, date and sign. It names the period (or date), the categories in scope, the subservice
 * organisations with their method and the complementary controls the system relies on. Pure.
 */
export function managementAssertionMarkdown(view: BundleView): string {
  const { model, period, today } = view.inputs;
  const d = systemDescription(view);
  const org = escapeMarkdown(d.organization);
  const type2 = model.config.audit.type === 'type2';
  const when = type2 ? `throughout the period ${period.start} to ${period.end}` : `as of ${model.config.audit.as_of ?? period.end}`;
  const system = d.systems.length ? list(d.systems.map((s) => escapeMarkdown(s.name))) : `${org}'s`;
  const categories = list(model.framework.categories.filter((c) => model.categories.has(c.id)).map((c) => c.name.toLowerCase()));
  const carved = d.subservice.filter((s) => s.method === 'carve-out');
  const inclusive = d.subservice.filter((s) => s.method === 'inclusive');
  const officer = displayName(view, model.config.organization.security_officer);
  const open = view.exceptions.length;
  const unfinished = type2 && today < period.end;
  const counts = { planned: 0, implemented: 0, operating: 0 };
  for (const c of view.controls) counts[c.status] += 1;
  const needed = type2 ? counts.operating : counts.implemented + counts.operating;
  const lines: string[] = [
    `# Management's assertion of ${org}`,
    '',
    `> **Draft** prepared by Evident on ${today} from \`evident.yaml\` and the readiness assessment of this bundle. Management edits it, dates it and signs it; the signed version belongs in the SOC 2 report, not this draft.`,
    '',
    `We have prepared the accompanying description of the ${system} system (the system) of ${org} ${when}, based on the description criteria for a SOC 2 report (DC 200). The description is intended to give report users information about the system that may be useful when assessing the risks arising from interactions with it, in particular about the controls ${org} designed, implemented${type2 ? ' and operated' : ''} to provide reasonable assurance that its service commitments and system requirements were achieved based on the trust services criteria relevant to ${categories} (the applicable trust services criteria).`,
    '',
  ];
  for (const s of carved) {
    lines.push(`${org} uses ${escapeMarkdown(s.name)} (a subservice organisation) for ${clause(s.services)}. The description indicates that complementary subservice organisation controls, suitably designed${type2 ? ' and operating effectively' : ''}, are necessary, along with the controls of ${org}, to achieve the service commitments and system requirements. The description presents the types of complementary subservice organisation controls assumed in the design of ${org}'s controls and does not disclose the actual controls of ${escapeMarkdown(s.name)}.`, '');
  }
  for (const s of inclusive) lines.push(`The description includes the relevant controls of ${escapeMarkdown(s.name)} (a subservice organisation, presented by the inclusive method) for ${clause(s.services)}.`, '');
  if (d.userEntityControls.length) {
    lines.push(`The description indicates that complementary user entity controls, suitably designed${type2 ? ' and operating effectively' : ''}, are necessary, along with the controls of ${org}, to achieve the service commitments and system requirements. The description presents those complementary user entity controls assumed in the design of ${org}'s controls.`, '');
  }
  lines.push('We confirm, to the best of our knowledge and belief, that:', '');
  lines.push(`1. The description presents the system that was designed and implemented ${when} in accordance with the description criteria.`);
  lines.push(`2. The controls stated in the description were suitably designed ${when} to provide reasonable assurance that the service commitments and system requirements would be achieved based on the applicable trust services criteria, if the controls operated as described${d.subservice.length || d.userEntityControls.length ? ' and if the subservice organisations and user entities applied the complementary controls assumed in the design of our controls' : ''}.`);
  if (type2) lines.push(`3. The controls stated in the description operated effectively ${when} to provide reasonable assurance that the service commitments and system requirements were achieved based on the applicable trust services criteria${d.subservice.length || d.userEntityControls.length ? ', if the complementary subservice organisation and user entity controls assumed in the design of our controls also operated effectively' : ''}.${unfinished ? ` *(Not yet true: the period had not ended on ${today}, when this draft was prepared. See "Before signing".)*` : ''}`);
  lines.push('');
  lines.push('## Before signing', '');
  if (unfinished) {
    lines.push(`**The period has not ended.** This draft was prepared on ${today}, before the end of the period ${period.start} to ${period.end}: nothing yet shows how the controls operate from ${today} to ${period.end}. Management can assert that they operated effectively throughout the period only after it ends, from a bundle assessed then.`, '');
  }
  if (needed === 0) {
    const stated = `${counts.planned} planned, ${counts.implemented} implemented`;
    lines.push(
      type2
        ? `**No control is operating.** Every control's status in the repository is planned or implemented (${stated}, 0 operating): the controls do not say they operated, so the statement that they operated effectively is not supported.`
        : `**No control is implemented.** Every control's status in the repository is planned (${counts.planned} planned): the statement that the controls were suitably designed and implemented is not supported.`,
      '',
    );
  } else if (type2 && counts.operating < view.controls.length) {
    lines.push(`${counts.operating} of ${view.controls.length} controls are operating (${counts.planned} planned, ${counts.implemented} implemented): management should consider whether the assertion covers the others.`, '');
  }
  lines.push(`Evident's readiness assessment on ${today} lists ${open} exception${open === 1 ? '' : 's'} (see exceptions.html and exceptions.csv, each with its management response where one is written). Management should consider whether any of them means the assertion must be qualified, and describe the deviations the auditor will report.`, '');
  if (carved.length) lines.push(`Management monitors the carved-out subservice organisations through their own reports: ${carved.map((s) => `${escapeMarkdown(s.name)} (${s.report ? escapeMarkdown(s.report) : 'report not named in evident.yaml'})`).join('; ')}.`, '');
  lines.push('## Signature', '');
  lines.push(`Signed for ${org} by:`, '');
  lines.push(`| Name | Title | Signature | Date |`, '| --- | --- | --- | --- |', `| ${escapeMarkdown(officer)} | Security officer |  |  |`, '|  |  |  |  |', '');
  return `${lines.join('\n')}`;
}

// The Markdown's own headings are rendered a level down (as in policies): the page's <h1> is its title.
const template = portalHandlebars.compile('<h1>{{title}}</h1>\n<p class="muted no-print">Draft for management: the same text is in <a href="management-assertion.md">management-assertion.md</a> to edit and sign.</p>\n<div class="assertion">{{{html}}}</div>\n', { strict: false });

/** management-assertion.html: the draft rendered like a policy (sanitised Markdown). Pure. */
export function renderManagementAssertion(view: BundleView, markdown = managementAssertionMarkdown(view)): string {
  const title = "Management's assertion (draft)";
  return renderPage(siteInfo(view), title, template({ title, html: renderMarkdown(markdown) }), 0);
}
