/** A key an object of a JSON text names twice, and where: `subject.reviews[0]` (empty for the top level). */
export interface DuplicateJsonKey {
  key: string;
  path: string;
}

interface Level {
  /** The keys seen so far in an object; null in an array. */
  keys: Set<string> | null;
  path: string;
  expectingKey: boolean;
  /** The last key of an object, or the index in an array. */
  at: string | number;
}

const child = (level: Level | undefined): string => {
  if (!level) return '';
  if (level.keys === null) return `${level.path}[${level.at}]`;
  const key = String(level.at);
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
  return level.path ? `${level.path}.${name}` : name;
};

/**
 * The first key that an object of `text` names twice, or undefined when every object names each key
 * once. JSON.parse keeps the last value of a repeated key, other readers the first: a record must
 * not say two things. Keys compare as JSON.parse decodes them (`"a"` and `"\u0061"` are the same key).
 * `text` must be JSON that JSON.parse accepts. Pure.
 */
export function findDuplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  const stack: Level[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectingKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, path: top.path };
        top.keys.add(key);
        top.at = key;
        top.expectingKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const path = child(stack[stack.length - 1]);
      stack.push(c === '{' ? { keys: new Set(), path, expectingKey: true, at: '' } : { keys: null, path, expectingKey: false, at: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectingKey = true;
      else if (top) top.at = Number(top.at) + 1;
    }
  }
  return undefined;
}

/** A sentence for a key named twice, to follow the record's file name. */
export function describeDuplicateKey(duplicate: DuplicateJsonKey): string {
  return `has an unexpected second \`${duplicate.key}\` in ${duplicate.path ? `\`${duplicate.path}\`` : 'the record'}, expected each key once: readers would disagree on its value`;
}
