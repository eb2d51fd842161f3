import { describe, expect, it } from '@jest/globals';
import { describeProgress, progressEveryTenth } from './describe-progress.js';

const at = (pages: number, files: number) => ({ pages, totalPages: 200, files, totalFiles: 40, bytes: files * 1048576, totalBytes: 40 * 1048576 });

describe('describeProgress', () => {
  it('reports pages first, then files, with the tenth of each phase reached', () => {
    expect(describeProgress(at(0, 0))).toEqual({ line: 'Generated 0/200 pages, tables and copies', tenth: 'pages 0', done: 0, total: 200 });
    expect(describeProgress(at(45, 0)).tenth).toBe('pages 2');
    expect(describeProgress(at(200, 0))).toMatchObject({ line: 'Generated 200/200 pages, tables and copies', tenth: 'pages 10' });
    expect(describeProgress(at(200, 13))).toEqual({ line: 'Hashed 13/40 evidence files, 13.0 MiB of 40.0 MiB', tenth: 'files 3', done: 13, total: 40 });
  });

  it('copes with a bundle without pages or files', () => {
    expect(describeProgress({ pages: 0, totalPages: 0, files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 }).tenth).toBe('pages 0');
  });
});

describe('progressEveryTenth', () => {
  it('prints each tenth of each phase once', () => {
    const printed: string[] = [];
    const report = progressEveryTenth((line) => printed.push(line));
    for (let pages = 1; pages <= 200; pages += 1) report(at(pages, 0));
    const files = { pages: 200, totalPages: 200, totalFiles: 400, bytes: 0, totalBytes: 0 };
    for (let n = 1; n <= 400; n += 1) report({ ...files, files: n });
    expect(printed.filter((l) => l.startsWith('Generated'))).toHaveLength(10);
    expect(printed.filter((l) => l.startsWith('Hashed'))).toHaveLength(10);
    expect(printed.at(-1)).toBe('Hashed 400/400 evidence files, 0.0 MiB of 0.0 MiB');
  });

  it('stays quiet for fewer than 100 items', () => {
    const printed: string[] = [];
    const report = progressEveryTenth((line) => printed.push(line));
    for (let n = 1; n <= 40; n += 1) report(at(200, n));
    expect(printed).toEqual([]);
  });
});
