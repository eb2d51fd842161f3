/** Types of scripts/bench/git-http-server.mjs, for tests that serve a repository over smart HTTP. */
export interface GitHttpServerStats {
  git: number;
  api: number;
  apiPaths: string[];
  failures: number;
  unauthorized: number;
}

export interface GitHttpServer {
  url: string;
  stats: GitHttpServerStats;
  close(): Promise<void>;
}

export function startGitHttpServer(options: { repositories: Record<string, string>; port?: number; push?: boolean; token?: string }): Promise<GitHttpServer>;
export function startGitHttpServerProcess(repositories: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<{ cpu: number; stats: GitHttpServerStats }> }>;
