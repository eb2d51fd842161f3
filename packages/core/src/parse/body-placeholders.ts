/**
 * The `{{name}}` placeholders a policy or control body may use. The bundle fills them from evident.yaml
 * and the roster when it renders the body; any other `{{...}}` stays as written, and the
 * `body/unknown-placeholder` rule reports it before approval.
 */
export const BODY_PLACEHOLDER_NAMES: readonly string[] = ['organization.name', 'security_officer.name', 'security_officer.email'];

/** `{{`, optional spaces, anything but braces (the name), optional spaces, `}}`. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface BodyPlaceholder {
  /** The name between the braces, spaces trimmed (`organization.name`, or `#if x` for what is not a name). */
  name: string;
  /** The placeholder as written. */
  text: string;
  /** Its offset in the body. */
  index: number;
}

/** Every `{{...}}` of a body, in order. Pure. */
export function bodyPlaceholders(body: string): BodyPlaceholder[] {
  if (!body.includes('{{')) return [];
  return [...body.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, text: m[0], index: m.index }));
}
