import { fillPlaceholders, renderMarkdown, type PlaceholderValues } from './render-markdown.js';
import { resolveBodyLink } from './resolve-body-link.js';

/** One policy or control body to render: its Markdown and the repository path its relative links start from. */
export interface BodyJob {
  body: string;
  from: string;
}

/** What every body shares: placeholder values and link targets. */
export interface BodyContext {
  values: PlaceholderValues;
  targets: ReadonlyMap<string, string>;
}

/** Renders bodies to safe HTML, here or on worker threads; the result depends on the job and the context only. */
export type BodyRenderer = (job: BodyJob) => string | Promise<string>;

/** Placeholders filled, Markdown rendered and sanitised, relative links resolved. Pure. */
export function renderBody(job: BodyJob, context: BodyContext): string {
  return renderMarkdown(fillPlaceholders(job.body, context.values), resolveBodyLink(context.targets, job.from));
}

/** A renderer on this thread. */
export function renderBodiesHere(context: BodyContext): BodyRenderer {
  return (job) => renderBody(job, context);
}
