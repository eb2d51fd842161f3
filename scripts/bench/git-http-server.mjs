// A smart-HTTP git server on the loopback interface, for Evident's benchmarks: it serves bare
// repositories as GitHub serves them to actions/checkout, at <url>/<owner>/<name>, through
// `git http-backend` (CGI, one process per request: GIT_PROJECT_ROOT, PATH_INFO, QUERY_STRING,
// REQUEST_METHOD, CONTENT_TYPE, GIT_PROTOCOL from the Git-Protocol header, the request body on its
// standard input, the Status and other CGI headers parsed from its output). `http.uploadpack` is on
// by default; the repositories set `uploadpack.allowFilter` and `uploadpack.allowAnySHA1InWant`
// themselves, as GitHub allows partial clones and wants by SHA. Pushes are refused, unless the
// server is started with `push: true`. With `token`, every git request must carry GitHub's HTTP
// authentication for it (`Authorization: Basic` of `x-access-token:<token>`, as actions/checkout
// sends it): without it the answer is 401, as GitHub answers for a private repository.
//
// Under <url>/api/v3 it answers the one REST call actions/checkout can make on its way (the
// repository, for its default branch) with a minimal valid body, and anything else with 404; every
// API request is counted, so a benchmark can tell whether the action used the API at all.
//
// Run in the benchmark's own process with startGitHttpServer, or in a child process of its own
// with startGitHttpServerProcess: the child reports the CPU time it spent between being ready and
// being stopped, its own and that of every `git http-backend` it started and waited for (and so of
// their `git upload-pack` and `git pack-objects`), from /proc/self/stat (utime + stime + cutime +
// cstime, see proc-cpu.mjs). Stopping waits for every request's process to end, so none is left uncounted.
import { fork, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTimes } from './proc-cpu.mjs';

const self = fileURLToPath(import.meta.url);

/**
 * Serve `repositories` ({ 'owner/name': '/path/of/bare.git' }) on 127.0.0.1; `push` accepts pushes,
 * `token` requires it on every git request. Returns { url, stats, close }: stats counts the requests
 * (git, api, the API paths asked for, unauthorized); close() stops listening and resolves once
 * every git process it started has ended.
 */
export async function startGitHttpServer({ repositories, port = 0, push = false, token }) {
  const running = new Set();
  const stats = { git: 0, api: 0, apiPaths: [], failures: 0, unauthorized: 0 };
  const credential = token === undefined ? undefined : Buffer.from(`x-access-token:${token}`).toString('base64');
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/api/v3' || url.pathname.startsWith('/api/')) {
      stats.api += 1;
      stats.apiPaths.push(`${request.method} ${url.pathname}`);
      request.resume();
      return answerApi(url.pathname, repositories, response);
    }
    const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.*))$/.exec(url.pathname);
    const bare = match && repositories[`${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`];
    const receiving = match?.[3] === '/git-receive-pack' || url.searchParams.get('service') === 'git-receive-pack';
    if (!bare || (receiving && !push)) {
      request.resume();
      response.writeHead(bare ? 403 : 404, { 'Content-Type': 'text/plain' }).end(bare ? 'Read-only\n' : 'Not found\n');
      return;
    }
    if (credential !== undefined && /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] !== credential) {
      stats.unauthorized += 1;
      request.resume();
      response.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="GitHub"' }).end('Authentication required\n');
      return;
    }
    stats.git += 1;
    const done = cgi(request, response, bare, match[3], url.search.slice(1), stats, receiving);
    running.add(done);
    done.finally(() => running.delete(done));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  async function close() {
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeIdleConnections();
    });
    await Promise.all([...running]);
  }
  return { url, stats, close };
}

/** The repository (all actions/checkout could ask for: its default branch); 404 for anything else. */
function answerApi(pathname, repositories, response) {
  const match = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)$/.exec(pathname);
  const name = match && `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`;
  const json = (status, body) => response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  if (name && repositories[name]) {
    return json(200, { id: 1, name: match[2], full_name: name, private: false, owner: { login: match[1], id: 1 }, default_branch: 'main' });
  }
  return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
}

/** One request through `git http-backend`; resolves once the process has ended and been waited for. */
function cgi(request, response, bare, rest, query, stats, receiving = false) {
  const header = (name) => request.headers[name.toLowerCase()];
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GIT_PROJECT_ROOT: path.dirname(bare),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${path.basename(bare)}${rest}`,
    QUERY_STRING: query,
    REQUEST_METHOD: request.method,
    CONTENT_TYPE: header('Content-Type') ?? '',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    ...(header('Git-Protocol') ? { GIT_PROTOCOL: header('Git-Protocol') } : {}),
    // http-backend accepts a push from an authenticated user only.
    ...(receiving ? { REMOTE_USER: 'x-access-token' } : {}),
    // A body git sent compressed: http-backend inflates it itself.
    ...(header('Content-Encoding') ? { HTTP_CONTENT_ENCODING: header('Content-Encoding') } : {}),
    // Without a length (a chunked body), http-backend reads its input to the end.
    ...(header('Content-Length') ? { CONTENT_LENGTH: header('Content-Length') } : {}),
  };
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const errors = [];
  child.stderr.on('data', (chunk) => errors.push(chunk));
  child.stdin.on('error', () => {}); // the backend may answer (an error) before reading the whole body
  request.pipe(child.stdin);

  let head = Buffer.alloc(0);
  let sent = false;
  child.stdout.on('data', (chunk) => {
    if (!sent) {
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf('\r\n\r\n');
      const lf = head.indexOf('\n\n');
      const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
      if (end < 0) return;
      const { status, headers } = parseCgiHead(head.subarray(0, end).toString('latin1'));
      response.writeHead(status, headers);
      sent = true;
      chunk = head.subarray(end + (end === crlf ? 4 : 2));
      head = null;
    }
    if (chunk.length && !response.write(chunk)) {
      child.stdout.pause();
      response.once('drain', () => child.stdout.resume());
    }
  });
  return new Promise((resolve) => {
    child.on('error', (error) => errors.push(Buffer.from(String(error))));
    child.on('close', (code) => {
      if (code !== 0) {
        stats.failures += 1;
        process.stderr.write(`git http-backend ${request.method} ${request.url}: exit ${code}\n${Buffer.concat(errors).toString()}`);
      }
      if (!sent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end();
      resolve();
    });
  });
}

function parseCgiHead(text) {
  let status = 200;
  const headers = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  return { status, headers };
}

/**
 * The same server in a child process. Returns { url, pid, stop }; stop() resolves with
 * { cpu, stats }: the CPU seconds the server and its git processes spent from ready to stop.
 */
export async function startGitHttpServerProcess(repositories) {
  const child = fork(self, [JSON.stringify(repositories)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`The git HTTP server exited (${code}) before it was ready`)));
  });
  return {
    url: ready.url,
    pid: child.pid,
    async stop() {
      const report = new Promise((resolve) => child.once('message', resolve));
      child.send('stop');
      const result = await report;
      child.disconnect();
      await exited;
      return result;
    },
  };
}

if (process.argv[1] === self && process.send) {
  const server = await startGitHttpServer({ repositories: JSON.parse(process.argv[2]) });
  const total = () => Object.values(cpuTimes()).reduce((a, b) => a + b, 0);
  const before = total();
  process.send({ url: server.url });
  // The benchmark gone (it failed, or was interrupted): stop serving.
  process.once('disconnect', () => process.exit());
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.close();
    const cpu = total() - before;
    process.send({ cpu, stats: server.stats });
  });
}
