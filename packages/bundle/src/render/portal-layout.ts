import Handlebars from 'handlebars';
import { layoutTemplate } from '../templates/layout-template.js';
import { portalCsp, portalScript, portalStyle } from '../templates/portal-assets.js';
import type { BundleView } from '../model/build-bundle-view.js';
import { pageName } from './page-name.js';

/** The portal's own Handlebars environment: templates only, no helpers beyond the built-in ones. */
export const portalHandlebars = Handlebars.create();

const layout = portalHandlebars.compile(layoutTemplate, { strict: false });

export const criterionPage = (id: string) => `criteria/${pageName(id)}.html`;
export const controlPage = (id: string) => `controls/${pageName(id)}.html`;
export const policyPage = (id: string) => `policies/${pageName(id)}.html`;
export const policyMarkdown = (id: string) => `policies/${pageName(id)}.md`;
export const recordPath = (file: string) => `evidence-records/${file}`;

/** What every page's header and footer show. */
export interface SiteInfo {
  organization: string;
  release?: string;
  period: { start: string; end: string };
  source: string;
  toolVersion: string;
}

export function siteInfo(view: BundleView): SiteInfo {
  const { inputs } = view;
  const source = inputs.source ? `${inputs.source.commit.slice(0, 12)}${inputs.source.dirty ? ' with uncommitted changes' : ''}` : 'a directory outside git';
  return { organization: inputs.model.config.organization.name, ...(inputs.release ? { release: inputs.release } : {}), period: inputs.period, source, toolVersion: inputs.toolVersion };
}

/** Wrap a rendered body in the page layout. `depth` is the folder depth of the page (0 for index.html). */
export function renderPage(site: SiteInfo, title: string, body: string, depth: number, withScript = false): string {
  return layout({ csp: portalCsp, style: portalStyle, title, site, root: '../'.repeat(depth), body, script: withScript ? portalScript : undefined });
}
