#!/usr/bin/env node
/**
 * Regenerates `github-rest.operations.json`: the operations of GitHub's REST API that the fake
 * GitHub serves, cut out of GitHub's own OpenAPI description (npm `@octokit/openapi`, file
 * `generated/api.github.com.json`, 13 MB; the package is 385 MB installed, so it is not a
 * dependency of the project). Every `$ref` to parameters, request bodies, responses and headers is
 * inlined; schemas are inlined too, except the few that are recursive, which stay as `$ref`s into
 * the kept `components.schemas`. Examples are dropped (they are most of the size). OpenAPI 3.0's
 * `nullable: true` is written as JSON Schema's `anyOf: [schema, {type: 'null'}]`, so plain ajv reads
 * it as GitHub means it (a nullable enum such as `state_reason` then accepts null too).
 *
 * Usage (nothing is added to package.json or the lock):
 *   npm install --prefix /tmp/octokit-openapi --no-save --ignore-scripts @octokit/openapi@23.0.2
 *   node testing/contracts/extract-github.mjs /tmp/octokit-openapi/node_modules/@octokit/openapi
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned package version the committed file was made from. */
export const OCTOKIT_OPENAPI_VERSION = '23.0.2';

/** method + path template of every operation the fake serves (and so checks). */
export const OPERATIONS = [
  ['get', '/user'],
  ['get', '/rate_limit'],
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/issues'],
  ['post', '/repos/{owner}/{repo}/issues'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['patch', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['put', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['delete', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues'],
  ['delete', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/parent'],
  ['get', '/repos/{owner}/{repo}/labels'],
  ['post', '/repos/{owner}/{repo}/labels'],
  ['get', '/repos/{owner}/{repo}/labels/{name}'],
];

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'github-rest.operations.json');

function pointer(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  return ref.slice(2).split('/').reduce((node, seg) => node[seg.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

/** Schemas that contain themselves (directly or through others): kept as `$ref`s. */
function recursiveSchemas(spec) {
  const schemas = spec.components.schemas;
  const refsOf = (node, out = new Set()) => {
    if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/schemas/')) out.add(node.$ref.slice('#/components/schemas/'.length));
      for (const value of Object.values(node)) refsOf(value, out);
    }
    return out;
  };
  const edges = new Map(Object.keys(schemas).map((name) => [name, refsOf(schemas[name])]));
  const recursive = new Set();
  for (const start of edges.keys()) {
    const seen = new Set();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const name = stack.pop();
      if (name === start) { recursive.add(start); break; }
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(edges.get(name) ?? []));
    }
  }
  return recursive;
}

function main() {
  const packageDir = process.argv[2];
  if (!packageDir) throw new Error('usage: node extract-github.mjs <path of the installed @octokit/openapi package>');
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  if (pkg.version !== OCTOKIT_OPENAPI_VERSION) throw new Error(`expected @octokit/openapi ${OCTOKIT_OPENAPI_VERSION}, found ${pkg.version}: update OCTOKIT_OPENAPI_VERSION deliberately`);
  const spec = JSON.parse(readFileSync(path.join(packageDir, 'generated/api.github.com.json'), 'utf8'));
  const recursive = recursiveSchemas(spec);
  const kept = new Set();

  const resolve = (node) => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.startsWith('#/components/schemas/') ? node.$ref.slice('#/components/schemas/'.length) : null;
      if (name !== null && recursive.has(name)) {
        if (!kept.has(name)) {
          kept.add(name);
          keptSchemas[name] = null;
          keptSchemas[name] = resolveInside(spec.components.schemas[name]);
        }
        return { $ref: node.$ref };
      }
      return resolve(pointer(spec, node.$ref));
    }
    return resolveInside(node);
  };
  const resolveInside = (node) => {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'example' || key === 'nullable') continue;
      out[key] = resolve(value);
    }
    // Only schema objects carry `nullable`; `description`/`title` stay outside for readers.
    if (node.nullable === true) {
      const { description, title, ...schema } = out;
      return { ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }), anyOf: [schema, { type: 'null' }] };
    }
    return out;
  };
  const keptSchemas = {};

  const paths = {};
  for (const [method, template] of OPERATIONS) {
    const item = spec.paths[template];
    if (!item?.[method]) throw new Error(`${method.toUpperCase()} ${template} is not in the description`);
    const operation = resolve(item[method]);
    delete operation.description;
    paths[template] = { ...(paths[template] ?? {}), [method]: operation };
  }
  const out = {
    openapi: spec.openapi,
    info: { title: spec.info.title, version: spec.info.version, 'x-extracted-from': `@octokit/openapi@${OCTOKIT_OPENAPI_VERSION} generated/api.github.com.json by testing/contracts/extract-github.mjs; do not edit` },
    paths,
    components: { schemas: keptSchemas },
  };
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`${OUT}: ${OPERATIONS.length} operations, ${Object.keys(keptSchemas).length} recursive schemas kept as $ref\n`);
}

main();
