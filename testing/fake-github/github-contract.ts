/**
 * Checks requests and responses against the GitHub REST operations the fake serves
 * (`testing/contracts/github-rest.operations.json`, cut from GitHub's own OpenAPI description by
 * `extract-github.mjs`). Requests go through the fake Jira's `OpenApiContract` (operation, query
 * parameters and their types, JSON body by JSON pointer); responses are checked here against the
 * operation's schema for the status answered, so the fake cannot drift from GitHub's shapes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenApiContract, type ContractCheck, type ContractRequest } from '../fake-jira/openapi-contract';

const SPEC_FILE = 'github-rest.operations.json';
const SPEC_ID = 'github-openapi';

/** Where the operations file is looked for when no path is given: testing/contracts of the repository. */
export function defaultGitHubContractCandidates(): string[] {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return [path.resolve(here, '../contracts', SPEC_FILE), path.resolve(process.cwd(), 'testing/contracts', SPEC_FILE)];
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
}

/** The loaded operations with lazily compiled response validators. */
export class GitHubContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly validators = new Map<string, ValidateFunction | null>();

  private constructor(private readonly spec: Spec, private readonly requests: OpenApiContract) {
    addFormats(this.ajv);
    this.ajv.addSchema(spec, SPEC_ID);
  }

  /** Load from `file` or the default places; throws naming the places tried. */
  static load(file?: string): GitHubContract {
    const candidates = file ? [file] : defaultGitHubContractCandidates();
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new Error(`fake GitHub: ${SPEC_FILE} was not found (looked in: ${candidates.join(', ')}); regenerate it with testing/contracts/extract-github.mjs`);
    return new GitHubContract(JSON.parse(readFileSync(found, 'utf8')) as Spec, OpenApiContract.load(found));
  }

  /** A request (path without the API prefix): operation, query parameters, body. */
  checkRequest(request: ContractRequest): ContractCheck {
    return this.requests.check(request);
  }

  /**
   * A JSON response of operation `method template` with `status`: violations (empty when it fits,
   * or when the operation documents no JSON body for that status, e.g. GitHub's generic 401/429).
   */
  checkResponse(method: string, template: string, status: number, body: unknown): string[] {
    const validate = this.validatorFor(method.toLowerCase(), template, status);
    if (validate === null || validate(body)) return [];
    const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
    return [`response ${status} of ${method.toUpperCase()} ${template} does not match the OpenAPI description: ${errors}`];
  }

  private validatorFor(method: string, template: string, status: number): ValidateFunction | null {
    const key = `${method} ${template} ${status}`;
    if (!this.validators.has(key)) {
      const response = this.spec.paths[template]?.[method]?.responses?.[String(status)];
      const validate = response?.content?.['application/json'] === undefined
        ? null
        : this.ajv.getSchema(`${SPEC_ID}#/paths/${escapePointer(template)}/${method}/responses/${status}/content/application~1json/schema`) ?? null;
      this.validators.set(key, validate);
    }
    return this.validators.get(key) ?? null;
  }
}
