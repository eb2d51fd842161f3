/** `{{ name }}` template placeholders: filled from evident.yaml where the name matches, the rest left and listed. */
const placeholder = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Names some templates use for evident.yaml values, besides the dotted path itself. */
const synonyms: Readonly<Record<string, string>> = {
  company: 'organization.name',
  company_name: 'organization.name',
  companyname: 'organization.name',
  organization: 'organization.name',
  organization_name: 'organization.name',
  org: 'organization.name',
  org_name: 'organization.name',
  name: 'organization.name',
  security_officer: 'organization.security_officer',
};

/** The value at a dotted path of the configuration, when it is a string or number. */
function lookup(values: unknown, dotted: string): string | undefined {
  let value: unknown = values;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export interface FilledText {
  text: string;
  /** Placeholders replaced, as `name` → value. */
  filled: Map<string, string>;
  /** Placeholders left as written, in order of first appearance. */
  left: string[];
}

/** Replace every `{{ name }}` whose name (or a common synonym) is a value of `values` (evident.yaml). */
export function fillPlaceholders(text: string, values: unknown): FilledText {
  const filled = new Map<string, string>();
  const left: string[] = [];
  const out = text.replace(placeholder, (whole, name: string) => {
    const value = lookup(values, name) ?? lookup(values, synonyms[name.toLowerCase()] ?? '\0');
    if (value === undefined) {
      if (!left.includes(name)) left.push(name);
      return whole;
    }
    filled.set(name, value);
    return value;
  });
  return { text: out, filled, left };
}
