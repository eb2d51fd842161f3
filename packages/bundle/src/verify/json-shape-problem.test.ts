import { describe, expect, it } from '@jest/globals';
import { jsonShapeProblem } from './json-shape-problem.js';

const shape = (text: string, maxContainers?: number) => jsonShapeProblem('x.json', Buffer.from(text), { maxDepth: 3, ...(maxContainers === undefined ? {} : { maxContainers }) });

describe('jsonShapeProblem', () => {
  it('accepts JSON within the depth, brackets inside strings and escaped quotes not counted', () => {
    expect(shape('{"a":[{"b":"[[[[\\"{{{{"}]}')).toBeUndefined();
  });

  it('names nesting past the depth', () => {
    expect(shape('[[[[1]]]]')).toBe('Unexpected nesting deeper than 3 levels in `x.json`, expected at most 3');
  });

  it('names more arrays and objects than allowed', () => {
    expect(shape('[{},{},{}]', 3)).toBe('Unexpected more than 3 arrays and objects in `x.json`, expected at most one per file listed');
    expect(shape('[{},{}]', 3)).toBeUndefined();
  });
});
