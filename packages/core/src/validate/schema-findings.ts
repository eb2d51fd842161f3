import type { ErrorObject, ValidateFunction } from 'ajv';
import { code, type Finding } from '../diagnostic.js';
import type { Locate } from '../parse/yaml-locator.js';

/** Validate data and turn every schema error into a finding at the offending key or value. */
export function schemaFindings(validate: ValidateFunction, data: unknown, file: string, locate: Locate, label: string): Finding[] {
  return schemaCheck(validate, data, file, locate, label).findings;
}

export interface SchemaCheck {
  findings: Finding[];
  /**
   * Data paths of the values that break the schema themselves (a wrong type, a bad item), not
   * those of mappings that only miss or add a key: what must be left out for the rest to be used.
   */
  invalidPaths: (string | number)[][];
}

/** `schemaFindings`, also naming which values are invalid, so that the valid rest can still be used. */
export function schemaCheck(validate: ValidateFunction, data: unknown, file: string, locate: Locate, label: string): SchemaCheck {
  if (validate(data)) return { findings: [], invalidPaths: [] };
  const errors = (validate.errors ?? []).filter((e) => !isNoise(e, validate.errors ?? []));
  const invalidPaths = errors.filter((e) => !wholeStillUsable.has(e.keyword)).map((e) => toPath(e.instancePath));
  return { findings: errors.map((error) => toFinding(error, data, file, locate, label)), invalidPaths };
}

/** Errors about a mapping's keys or a list's length: the value itself, and its other parts, are still well typed. */
const wholeStillUsable: ReadonlySet<string> = new Set(['required', 'additionalProperties', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'if', 'then', 'else', 'dependentRequired', 'minProperties', 'maxProperties']);

/**
 * `if`/`anyOf` wrappers repeat what their children already said, and the items
 * a `contains` tried and rejected are not errors themselves.
 */
function isNoise(error: ErrorObject, all: ErrorObject[]): boolean {
  if (error.schemaPath.includes('/contains/')) return true;
  // A value of the wrong shape needs no second word that it is no real date either.
  if (error.keyword === 'format' && all.some((other) => other.keyword === 'pattern' && other.instancePath === error.instancePath)) return true;
  if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    return all.some((other) => other !== error && other.instancePath.startsWith(error.instancePath));
  }
  return false;
}

/** How a format is written, after its name in a message. */
const formatHint: Readonly<Record<string, string>> = { date: ' (YYYY-MM-DD)', 'date-time': ' (YYYY-MM-DDTHH:MM:SSZ)' };

function toPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function keyName(path: (string | number)[], label: string): string {
  return path.length === 0 ? label : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value: unknown = data;
  for (const segment of path) value = value == null ? undefined : (value as Record<string | number, unknown>)[segment];
  return value;
}

/** A value as an error names it: a scalar as code, a list or mapping by its kind (never a list's items as if a scalar). */
function scalarOrType(value: unknown): string {
  return value !== null && typeof value === 'object' ? typeName(value) : code(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function toFinding(error: ErrorObject, data: unknown, file: string, locate: Locate, label: string): Finding {
  const path = toPath(error.instancePath);
  const where = keyName(path, label);
  const value = valueAt(data, path);
  const params = error.params as Record<string, any>;
  const schema = error.parentSchema as { description?: string } | undefined;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { message: `Missing key ${code(missing)} in ${path.length ? code(where) : label}, expected it to be set`, file, ...locate(path, 'key') };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return {
        message: `Unexpected key ${code(extra)}${path.length ? ` in ${code(where)}` : ''}, expected one of ${allowed.map((k) => code(k)).join(', ')}`,
        file,
        ...locate([...path, extra], 'key'),
      };
    }
    case 'enum':
      return { message: `Unexpected ${scalarOrType(value)} for ${code(where)}, expected one of ${(params.allowedValues as unknown[]).map((v) => code(v)).join(', ')}`, file, ...locate(path) };
    case 'const':
      return { message: `Unexpected ${scalarOrType(value)} for ${code(where)}, expected ${code(params.allowedValue)}`, file, ...locate(path) };
    case 'type':
      return { message: `Unexpected ${typeName(value)} for ${code(where)}, expected ${expectedType(params.type)}`, file, ...locate(path) };
    case 'format':
      return { message: `Unexpected ${code(value)} for ${code(where)}, expected a valid ${params.format}${formatHint[params.format as string] ?? ''}`, file, ...locate(path) };
    case 'pattern':
      return { message: `Unexpected ${code(value)} for ${code(where)}, expected ${schema?.description ? lowerFirst(schema.description) : `a value matching ${code(params.pattern)}`}`, file, ...locate(path) };
    case 'uniqueItems':
      return { message: `Unexpected repeated item in ${code(where)}, expected each item once (items ${params.j} and ${params.i} are equal)`, file, ...locate(path) };
    case 'contains':
      return { message: `Unexpected ${code(where)} without a required item, expected it to include ${code((error.parentSchema as any)?.contains?.const ?? 'a required value')}`, file, ...locate(path) };
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
      return { message: `Unexpected ${boundedValue(value)} for ${code(where)}, expected ${bound(error.keyword, Number(params.limit))}`, file, ...locate(path) };
    default:
      return { message: `Unexpected value for ${code(where)}, expected a value that ${error.message ?? 'matches the schema'}`, file, ...locate(path) };
  }
}

/** The value a size or range error is about: lists by their length, other values as code. */
function boundedValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'empty list' : `list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  return code(value);
}

function bound(keyword: string, limit: number): string {
  const unit = (word: string) => `${limit} ${limit === 1 ? word : `${word}s`}`;
  switch (keyword) {
    case 'minItems':
      return `at least ${unit('item')}`;
    case 'maxItems':
      return `at most ${unit('item')}`;
    case 'minLength':
      return `at least ${unit('character')}`;
    case 'maxLength':
      return `at most ${unit('character')}`;
    case 'minimum':
      return `a number of at least ${limit}`;
    default:
      return `a number of at most ${limit}`;
  }
}

/** JSON Schema type names in the words YAML authors use, as `typeName` does for values. */
function expectedType(type: unknown): string {
  const words: Record<string, string> = { array: 'list', object: 'mapping' };
  return String(type)
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function lowerFirst(text: string): string {
  const sentence = text.replace(/\.$/, '');
  // A name spelled with capitals inside it (GitHub, SHA-256, YAML) keeps its spelling.
  const firstWord = /^\S+/.exec(sentence)?.[0] ?? '';
  if (/[A-Z]/.test(firstWord.slice(1))) return sentence;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
