import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRepository, notFound, type FakePull, type Permission, type PullSpec, type ReviewSpec, type Served } from './fake-repository.js';
import * as gh from './github-objects.js';
import { sharedOpenApiValidator, type OpenApiValidator } from './openapi-validator.js';
import { paginate } from './paginate.js';
import { repositoryPattern, repositoryRoutes, type Handler, type Route } from './repository-routes.js';

/**
 * A loopback GitHub REST server for tests: the real Octokit talks HTTP to it. State is
 * programmed per scenario (see FakeRepository); faults can be injected; every request it
 * receives (path and query parameters, JSON body) and every response it serves is validated
 * against GitHub's official OpenAPI description, and `stop()` fails when one did not conform.
 */

export type { Handler, Permission, PullSpec, ReviewSpec, Served };

export interface FaultSpec {
  method?: string;
  /** Matched against the decoded path (without the query). */
  path: RegExp;
  /** How many matching requests get the fault. */
  times: number;
  response: { status: number; headers?: Record<string, string>; message: string } | 'drop' | 'hang';
}

export interface RecordedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  /** The Authorization header carried the expected token. */
  authorized: boolean;
  body?: unknown;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly invalidResponses: string[] = [];
  /** Requests Evident sent that do not match the operation's parameters or request body. */
  readonly invalidRequests: string[] = [];
  baseUrl = '';
  private readonly state: FakeRepository;
  private readonly faults: FaultSpec[] = [];
  private readonly extraRoutes: Route[] = [];
  private readonly server: http.Server;
  private readonly validator: OpenApiValidator;

  private constructor(
    private readonly token: string,
    owner: string,
    repo: string,
    tokenLogin: string,
  ) {
    this.validator = sharedOpenApiValidator();
    this.state = new FakeRepository({ owner, repo, id: 42, ownerId: 7, defaultBranch: 'main' }, tokenLogin);
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: { token: string; owner?: string; repo?: string; tokenLogin?: string }): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.token, options.owner ?? 'acme', options.repo ?? 'program', options.tokenLogin ?? 'evident-bot');
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Close the server; fails when any request it received or response it served did not match GitHub's schema. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.invalidRequests.length > 0) throw new Error(`Evident sent requests that do not match the OpenAPI description:\n${this.invalidRequests.join('\n')}`);
    if (this.invalidResponses.length > 0) throw new Error(`The fake GitHub served responses that do not match the OpenAPI description:\n${this.invalidResponses.join('\n')}`);
  }

  get repository(): string {
    return `${this.state.ref.owner}/${this.state.ref.repo}`;
  }

  addUser(login: string, permission?: Permission): void {
    this.state.addUser(login, permission);
  }

  /** A branch and the files of its tip commit, for the contents and refs endpoints. */
  setBranch(branch: string, sha: string, files: Record<string, string | Buffer>): void {
    this.state.setBranch(branch, sha, files);
  }

  fileAt(ref: string, filePath: string): Buffer | undefined {
    return this.state.fileAt(ref, filePath);
  }

  addPull(spec: PullSpec): void {
    this.state.addPull(spec);
  }

  /** Add a review; reviews are listed in the order they were added (chronological, as GitHub does). */
  addReview(pullNumber: number, spec: ReviewSpec): number {
    return this.state.addReview(pullNumber, spec);
  }

  pull(number: number): FakePull | undefined {
    return this.state.pulls.get(number);
  }

  pullNumbers(): number[] {
    return [...this.state.pulls.keys()];
  }

  injectFault(fault: FaultSpec): void {
    this.faults.push({ ...fault });
  }

  /** One page of a list, with the `link` header GitHub sends. */
  paginate(items: unknown[], query: URLSearchParams, pathname: string): Served {
    return paginate(items, query, pathname, this.baseUrl);
  }

  /** Serve one more operation under /repos/{owner}/{repo} (`suffix` is a pattern); its responses are validated like the others. */
  addRoute(method: string, suffix: string, operationId: string, handler: Handler): void {
    this.extraRoutes.push([method, repositoryPattern(this.state, suffix), operationId, handler]);
  }

  private routes(): Route[] {
    return [...repositoryRoutes(this.state, (items, query, pathname) => this.paginate(items, query, pathname)), ...this.extraRoutes];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', this.baseUrl);
    const pathname = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization ?? '';
    const authorized = authorization === `token ${this.token}` || authorization === `bearer ${this.token}` || authorization === `Bearer ${this.token}`;
    this.requests.push({ method, url: `${url.pathname}${url.search}`, authorized, ...(body !== undefined ? { body } : {}) });

    const route = this.routes().find(([m, pattern]) => m === method && pattern.test(pathname));
    const operationId = route?.[2];
    if (operationId) this.invalidRequests.push(...this.validator.validateRequest(operationId, { pathname, query: url.searchParams, body }));
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(pathname));
    if (fault) {
      fault.times -= 1;
      if (fault.response === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.response === 'hang') return;
      return this.send(res, operationId, { status: fault.response.status, body: gh.basicError(fault.response.message, fault.response.status), headers: fault.response.headers ?? {} });
    }
    if (!authorized) return this.send(res, operationId, { status: 401, body: gh.basicError('Bad credentials', 401) });
    if (!route) return this.send(res, undefined, notFound());
    const match = route[1].exec(pathname)!.slice(1);
    return this.send(res, operationId, route[3](match, url.searchParams, body));
  }

  private send(res: http.ServerResponse, operationId: string | undefined, served: Served): void {
    if (operationId) {
      const problems = this.validator.validate(operationId, served.status, served.body);
      this.invalidResponses.push(...problems);
    } else {
      this.invalidResponses.push(`No operation for a request the fake GitHub does not implement (HTTP ${served.status})`);
    }
    const payload = served.body === undefined ? '' : JSON.stringify(served.body);
    res.writeHead(served.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(this.state.clock / 1000) + 3600),
      ...served.headers,
    });
    res.end(payload);
  }
}
