import { describe, expect, it } from '@jest/globals';
import { compileCacheDirectory, enableCompileCache } from './compile-cache.js';

describe('compileCacheDirectory', () => {
  it("is Node's NODE_COMPILE_CACHE when set", () => {
    expect(compileCacheDirectory({ NODE_COMPILE_CACHE: '/var/cache/node', XDG_CACHE_HOME: '/x' }, 'linux', '/home/dana')).toBe('/var/cache/node');
  });

  it("is a folder of the user's own cache on each platform", () => {
    expect(compileCacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/dana')).toBe('/xdg/evident-soc2/compile-cache');
    expect(compileCacheDirectory({}, 'linux', '/home/dana')).toBe('/home/dana/.cache/evident-soc2/compile-cache');
    expect(compileCacheDirectory({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/dana')).toBe('/home/dana/.cache/evident-soc2/compile-cache');
    expect(compileCacheDirectory({}, 'darwin', '/Users/dana')).toBe('/Users/dana/Library/Caches/evident-soc2/compile-cache');
    expect(compileCacheDirectory({ LOCALAPPDATA: 'C:\\Users\\dana\\AppData\\Local' }, 'win32', 'C:\\Users\\dana')).toMatch(/^C:\\Users\\dana\\AppData\\Local[\\/]evident-soc2[\\/]compile-cache$/);
  });

  it('is none without a home folder, rather than one shared with other users', () => {
    expect(compileCacheDirectory({}, 'linux', '')).toBeUndefined();
    expect(compileCacheDirectory({}, 'win32', '')).toBeUndefined();
  });
});

describe('enableCompileCache', () => {
  const calls: (string | undefined)[] = [];
  const enable = (status: number) => (directory?: string) => {
    calls.push(directory);
    return { status, directory };
  };

  it('does nothing where Node has no compile cache (before 22.1)', () => {
    expect(enableCompileCache({}, undefined, 'linux', () => '/home/dana')).toBe('unavailable');
  });

  it('turns the cache on in the chosen folder', () => {
    calls.length = 0;
    expect(enableCompileCache({}, enable(1), 'linux', () => '/home/dana')).toBe('enabled');
    expect(enableCompileCache({}, enable(2), 'linux', () => '/home/dana')).toBe('enabled');
    expect(calls).toEqual(['/home/dana/.cache/evident-soc2/compile-cache', '/home/dana/.cache/evident-soc2/compile-cache']);
  });

  it('leaves it off when told to, without a folder, or when the folder cannot be used, and never throws', () => {
    calls.length = 0;
    expect(enableCompileCache({ NODE_DISABLE_COMPILE_CACHE: '1' }, enable(1), 'linux', () => '/home/dana')).toBe('disabled');
    expect(enableCompileCache({}, enable(1), 'linux', () => '')).toBe('no-directory');
    expect(calls).toEqual([]);
    expect(enableCompileCache({}, enable(0), 'linux', () => '/home/dana')).toBe('failed');
    const throwing = () => {
      throw new Error('EACCES');
    };
    expect(enableCompileCache({}, throwing, 'linux', () => '/home/dana')).toBe('failed');
  });
});
