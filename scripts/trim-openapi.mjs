#!/usr/bin/env node
// Trims GitHub's official OpenAPI description (the @octokit/openapi package) down to the
// operations the fake GitHub server of packages/github serves, so tests can validate every
// response against the real contract without committing the whole 13 MB description.
//
// Usage:
//   mkdir -p /tmp/openapi && cd /tmp/openapi && npm init -y >/dev/null && npm i @octokit/openapi
//   node scripts/trim-openapi.mjs /tmp/openapi/node_modules/@octokit/openapi
//
// Writes packages/github/test/openapi/operations.json (each operation's parameters, request body and responses) and
// packages/github/test/openapi/components.json (every component they reference, followed
// transitively). Examples are dropped; schemas are copied unchanged.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations Evident calls, as `METHOD path` exactly as the description spells them. */
export const OPERATIONS = [
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'PUT /repos/{owner}/{repo}/contents/{path}',
  'GET /repos/{owner}/{repo}/rules/branches/{branch}',
  'GET /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'GET /repos/{owner}/{repo}/assignees/{assignee}',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'GET /orgs/{org}',
  'GET /orgs/{org}/members',
  'GET /orgs/{org}/outside_collaborators',
  'GET /orgs/{org}/teams',
  'GET /orgs/{org}/teams/{team_slug}/members',
  'GET /orgs/{org}/invitations',
  'GET /repos/{owner}/{repo}/collaborators',
  'GET /repos/{owner}/{repo}/keys',
  'GET /repos/{owner}/{repo}/dependabot/alerts',
  'GET /repos/{owner}/{repo}/code-scanning/alerts',
];

/** Components that describe errors served for any operation (faults, rate limits). */
const ALWAYS = ['#/components/schemas/basic-error'];

function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'examples').map(([key, item]) => [key, withoutExamples(item)]));
}

function collectRefs(value, into) {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.add(item);
      else collectRefs(item, into);
    }
  }
}

function resolvePointer(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Unexpected external $ref ${ref}, expected a local one`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, part) => {
      if (node === undefined || !(part in node)) throw new Error(`Unresolvable $ref ${ref}`);
      return node[part];
    }, document);
}

/** Pure: the trimmed operations and components for a full description. */
export function trimOpenApi(description, operations = OPERATIONS) {
  const trimmedOperations = {};
  const pending = new Set(ALWAYS);
  for (const operation of operations) {
    const [method, route] = operation.split(' ');
    const source = description.paths?.[route]?.[method.toLowerCase()];
    if (!source) throw new Error(`Unknown operation ${operation} in the OpenAPI description`);
    const responses = withoutExamples(source.responses);
    // What Evident sends is validated too: the path and query parameters, and the JSON body.
    const parameters = withoutExamples([...(description.paths[route].parameters ?? []), ...(source.parameters ?? [])]);
    const requestBody = source.requestBody && withoutExamples(source.requestBody);
    collectRefs(responses, pending);
    collectRefs(parameters, pending);
    if (requestBody) collectRefs(requestBody, pending);
    trimmedOperations[source.operationId] = { method, path: route, parameters, ...(requestBody ? { requestBody } : {}), responses };
  }
  const components = {};
  const done = new Set();
  while (pending.size > 0) {
    const [ref] = pending;
    pending.delete(ref);
    if (done.has(ref)) continue;
    done.add(ref);
    const [, , section, name] = ref.split('/');
    const node = withoutExamples(resolvePointer(description, ref));
    components[section] ??= {};
    components[section][name] = node;
    const found = new Set();
    collectRefs(node, found);
    for (const next of found) if (!done.has(next)) pending.add(next);
  }
  const sorted = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((section) => [section, Object.fromEntries(Object.keys(components[section]).sort().map((name) => [name, components[section][name]]))]),
  );
  const sortedOperations = Object.fromEntries(Object.keys(trimmedOperations).sort().map((id) => [id, trimmedOperations[id]]));
  return { operations: sortedOperations, components: sorted };
}

async function main() {
  const packageDir = process.argv[2];
  if (!packageDir) {
    console.error('Usage: node scripts/trim-openapi.mjs PATH_TO_UNPACKED_@octokit/openapi');
    process.exit(2);
  }
  const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));
  const description = JSON.parse(await readFile(path.join(packageDir, 'generated', 'api.github.com.json'), 'utf8'));
  const { operations, components } = trimOpenApi(description);
  const source = { package: `${manifest.name}@${manifest.version}`, file: 'generated/api.github.com.json', openapi: description.openapi, info_version: description.info?.version };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(root, 'packages', 'github', 'test', 'openapi');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'operations.json'), JSON.stringify({ source, operations }, null, 2) + '\n');
  await writeFile(path.join(outDir, 'components.json'), JSON.stringify({ source, components }, null, 2) + '\n');
  const counts = Object.entries(components).map(([section, items]) => `${Object.keys(items).length} ${section}`).join(', ');
  console.log(`wrote ${Object.keys(operations).length} operations and ${counts} to ${path.relative(root, outDir)}/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
