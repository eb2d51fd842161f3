import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** What `enableCompileCache` did: only `enabled` means later runs start from cached code. */
export type CompileCacheOutcome = 'enabled' | 'unavailable' | 'disabled' | 'no-directory' | 'failed';

type Enable = (directory?: string) => { status: number; message?: string; directory?: string };

/** `module.constants.compileCacheStatus` where Node has it: ENABLED 1, ALREADY_ENABLED 2. */
const ENABLED = new Set([1, 2]);

/**
 * Where the compile cache lives: Node's own `NODE_COMPILE_CACHE` when set, otherwise a folder of
 * the user's own cache (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`),
 * never a folder every user can write to (cached code runs as whoever reads it). Pure.
 */
export function compileCacheDirectory(env: Readonly<Record<string, string | undefined>>, platform: string, home: string): string | undefined {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  const root = platform === 'win32' ? env.LOCALAPPDATA : platform === 'darwin' ? home && path.join(home, 'Library', 'Caches') : (xdg ?? (home && path.join(home, '.cache')));
  return root ? path.join(root, 'evident-soc2', 'compile-cache') : undefined;
}

function homeDirectory(): string {
  try {
    return os.homedir();
  } catch {
    return '';
  }
}

/**
 * Turn on V8's on-disk code cache for the modules loaded after this call (`module.enableCompileCache`,
 * Node 22.1 and later): later runs skip parsing and compiling the CLI's code. On an older Node it
 * does nothing; a folder that cannot be written leaves the cache off. Never throws.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does for Node's own cache.
 */
export function enableCompileCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  enable: Enable | undefined = (module as { enableCompileCache?: Enable }).enableCompileCache,
  platform: string = process.platform,
  home: () => string = homeDirectory,
): CompileCacheOutcome {
  if (typeof enable !== 'function') return 'unavailable';
  if (env.NODE_DISABLE_COMPILE_CACHE) return 'disabled';
  const directory = compileCacheDirectory(env, platform, home());
  if (!directory) return 'no-directory';
  try {
    return ENABLED.has(enable(directory).status) ? 'enabled' : 'failed';
  } catch {
    return 'failed';
  }
}
