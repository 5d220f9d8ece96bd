/**
 * Checks requests against Atlassian's OpenAPI description of Jira Cloud
 * (jira-cloud-platform.openapi.json, OpenAPI 3.0.1): the operation must exist (method + path
 * template), every query parameter must be declared with a value of its type, and the JSON body
 * must match the operation's requestBody schema. Schemas are compiled lazily by JSON pointer into
 * the whole description (no dereferencing) and cached per operation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SPEC_FILE = 'jira-cloud-platform.openapi.json';
const SPEC_ID = 'jira-openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Where the description is looked for when no path is given: the repository's copy in testing/contracts. */
export function defaultOpenApiCandidates(): string[] {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return [
    path.resolve(here, '../contracts', SPEC_FILE),
    path.resolve(process.cwd(), 'testing/contracts', SPEC_FILE),
  ];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; items?: { type?: string } };
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
}

interface PathTemplate {
  readonly template: string;
  readonly pattern: RegExp;
  /** Literal segments: more literal templates win (`issue/bulk` before `issue/{issueIdOrKey}`). */
  readonly literalSegments: number;
  readonly operations: ReadonlyMap<string, Operation>;
}

/** A request as the contract sees it: `path` already mapped onto the v3 API. */
export interface ContractRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  /** Raw body text; empty string when none. */
  readonly rawBody: string;
  readonly body: unknown;
}

/** The operation a request matched. */
export interface ContractMatch {
  readonly template: string;
  readonly method: string;
}

/** Result of a check: the matched operation (if any) and the violations found. */
export interface ContractCheck {
  readonly match: ContractMatch | null;
  readonly violations: string[];
  /** True when the body failed its schema (Jira would answer 400). */
  readonly bodyRejected: boolean;
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * OpenAPI 3.0 `nullable` without `type` means nothing to ajv: rewrite it as anyOf [schema, null].
 * In place, touching only such nodes (copying the 2.4 MB description would double its load time).
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      node[index] = rewriteNullable(item);
    });
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = rewriteNullable(record[key]);
  if (record.nullable === true && record.type === undefined) {
    const { nullable: _nullable, description, ...rest } = record;
    return { description, anyOf: [rest, { type: 'null' }] };
  }
  return node;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` ('${String((e.params as { additionalProperty?: string }).additionalProperty)}')` : ''}`)
    .join('; ');
}

function valueHasType(value: string, type: string | undefined): boolean {
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(value);
    case 'number':
      return value.trim() !== '' && !Number.isNaN(Number(value));
    case 'boolean':
      return value === 'true' || value === 'false';
    default:
      return true;
  }
}

/** The loaded OpenAPI description with its lazily compiled validators. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly templates: PathTemplate[];
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(spec: { paths: Record<string, Record<string, unknown>> }) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(spec, SPEC_ID);
    this.templates = Object.entries(spec.paths).map(([template, item]) => {
      const shared = (item.parameters as Parameter[] | undefined) ?? [];
      const operations = new Map<string, Operation>();
      for (const method of HTTP_METHODS) {
        const op = item[method] as Operation | undefined;
        if (op) operations.set(method, { ...op, parameters: [...shared, ...(op.parameters ?? [])] });
      }
      const source = template.split('/').map((seg) => (/\{[^}]+\}/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/');
      return {
        template,
        pattern: new RegExp(`^${source}/?$`),
        literalSegments: template.split('/').filter((seg) => seg !== '' && !seg.includes('{')).length,
        operations,
      };
    }).sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** Load the description from `file`, or from the default places; throws with the places tried. */
  static load(file?: string): OpenApiContract {
    const candidates = file ? [file] : defaultOpenApiCandidates();
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) {
      throw new Error(`fake Jira: the Jira OpenAPI description ${SPEC_FILE} was not found (looked in: ${candidates.join(', ')}). It is committed in testing/contracts; restore it or pass openApiPath.`);
    }
    const spec = rewriteNullable(JSON.parse(readFileSync(found, 'utf8'))) as { paths: Record<string, Record<string, unknown>> };
    return new OpenApiContract(spec);
  }

  /** Check one request; an unknown operation is a violation. */
  check(request: ContractRequest): ContractCheck {
    const method = request.method.toLowerCase();
    const template = this.templates.find((t) => t.pattern.test(request.path) && t.operations.has(method));
    const label = `${request.method.toUpperCase()} ${request.path}`;
    if (!template) {
      const other = this.templates.find((t) => t.pattern.test(request.path));
      return {
        match: null,
        bodyRejected: false,
        violations: [other
          ? `${label}: method ${request.method.toUpperCase()} is not defined for ${other.template} in the OpenAPI description`
          : `${label}: no operation in the OpenAPI description matches this path`],
      };
    }
    const operation = template.operations.get(method) ?? {};
    const violations: string[] = [];
    let bodyRejected = false;
    const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
    for (const [name, value] of Object.entries(request.query)) {
      const declared = queryParameters.find((p) => p.name === name);
      if (!declared) {
        violations.push(`${label}: query parameter '${name}' is not declared for ${method.toUpperCase()} ${template.template}`);
      } else {
        const type = declared.schema?.type === 'array' ? declared.schema.items?.type : declared.schema?.type;
        const values = declared.schema?.type === 'array' ? value.split(',') : [value];
        if (!values.every((v) => valueHasType(v, type))) violations.push(`${label}: query parameter '${name}' must be ${String(type)}, got '${value}'`);
      }
    }
    for (const required of queryParameters.filter((p) => p.required === true)) {
      if (!(required.name in request.query)) violations.push(`${label}: required query parameter '${required.name}' is missing`);
    }
    const jsonBody = operation.requestBody?.content?.['application/json'];
    const hasBody = request.rawBody.trim() !== '';
    if (hasBody && !jsonBody) {
      violations.push(`${label}: ${method.toUpperCase()} ${template.template} takes no request body`);
    } else if (!hasBody && jsonBody && operation.requestBody?.required === true) {
      violations.push(`${label}: the request body is required`);
    } else if (hasBody && jsonBody) {
      if (!/^application\/json\b/i.test(request.contentType ?? '')) {
        violations.push(`${label}: Content-Type must be application/json, got '${request.contentType ?? '(none)'}'`);
      }
      const validate = this.validatorFor(template.template, method);
      if (!validate(request.body)) {
        bodyRejected = true;
        violations.push(`${label}: body does not match ${method.toUpperCase()} ${template.template}: ${describeErrors(validate.errors)}`);
      }
    }
    return { match: { template: template.template, method }, violations, bodyRejected };
  }

  private validatorFor(template: string, method: string): ValidateFunction {
    const key = `${method} ${template}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const pointer = `${SPEC_ID}#/paths/${escapePointer(template)}/${method}/requestBody/content/application~1json/schema`;
      validate = this.ajv.getSchema(pointer);
      if (!validate) throw new Error(`fake Jira: no schema at ${pointer}`);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
