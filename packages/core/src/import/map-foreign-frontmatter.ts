/**
 * What another tool's frontmatter says, in Evident's terms: title, criteria, owner, approvers,
 * version, dates. Only common field names are read; everything else is ignored.
 */
export interface ForeignFields {
  title?: string;
  criteria: string[];
  owner?: string;
  approvers: string[];
  version?: string;
  effectiveDate?: string;
  /** Which foreign keys each value came from, for the report. */
  sources: string[];
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

/** Every string in a value: a string, a list, or a mapping of lists (`satisfies: {TSC: [CC1.1]}`). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[,\s]+/).filter((s) => s !== '');
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A version as MAJOR.MINOR[.PATCH]: `v2`, `2`, `1.3` and `Version 1.2.0` are all read. */
export function normaliseVersion(value: unknown): string | undefined {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(String(value ?? ''));
  if (!match) return undefined;
  return `${match[1]}.${match[2] ?? '0'}${match[3] !== undefined ? `.${match[3]}` : ''}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

const isoDate = (value: unknown): string | undefined => {
  const text = asString(value);
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
};

/** Read the fields Evident knows from another tool's frontmatter. */
export function mapForeignFrontmatter(data: Record<string, unknown>): ForeignFields {
  const out: ForeignFields = { criteria: [], approvers: [], sources: [] };
  const take = (keys: string[]) => keys.find((k) => data[k] !== undefined && data[k] !== null);
  const titleKey = take(['title', 'name']);
  if (titleKey) {
    out.title = asString(data[titleKey]);
    out.sources.push(titleKey);
  }
  for (const key of ['criteria', 'satisfies', 'tsc', 'controls_mapping', 'mappings']) {
    if (data[key] === undefined) continue;
    out.criteria.push(...strings(data[key]));
    out.sources.push(key);
  }
  out.criteria = [...new Set(out.criteria)];
  const ownerKey = take(['owner', 'policy_owner', 'author']);
  if (ownerKey) {
    out.owner = asString(data[ownerKey]);
    out.sources.push(ownerKey);
  }
  const approversKey = take(['approvers', 'approver', 'approved_by']);
  if (approversKey) {
    out.approvers = strings(data[approversKey]);
    out.sources.push(approversKey);
  }
  const historyKey = take(['revision_history', 'revisions', 'history', 'majorRevisions', 'changelog']);
  const versions = historyKey && Array.isArray(data[historyKey]) ? (data[historyKey] as unknown[]).map((entry) => normaliseVersion(entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).version : entry)).filter((v): v is string => v !== undefined) : [];
  const versionKey = take(['version', 'revision']);
  const own = versionKey ? normaliseVersion(data[versionKey]) : undefined;
  const newest = [...versions, ...(own ? [own] : [])].sort(compareVersions).pop();
  if (newest) {
    out.version = newest;
    out.sources.push(...[versionKey, historyKey].filter((k): k is string => k !== undefined && (k === versionKey ? own !== undefined : versions.length > 0)));
  }
  const dateKey = take(['effective_date', 'effective', 'date', 'published']);
  const date = dateKey ? isoDate(data[dateKey]) : undefined;
  if (date && dateKey) {
    out.effectiveDate = date;
    out.sources.push(dateKey);
  }
  return out;
}
