/**
 * Checks Atlassian Document Format documents against Atlassian's own JSON schema
 * (@atlaskit/adf-schema `json-schema/v1/full.json`, draft-04). Jira's OpenAPI leaves `fields`
 * free-form, so this is the only check that catches a malformed description or comment body.
 */
import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import adfSchema from '@atlaskit/adf-schema/json-schema/v1/full.json';

function describe(errors: ErrorObject[] | null | undefined): string {
  const list = errors ?? [];
  // anyOf over every node type yields one error per alternative; the deepest path is the useful one.
  const deepest = [...list].sort((a, b) => b.instancePath.length - a.instancePath.length).slice(0, 3);
  return deepest.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** Validates ADF documents; the schema is compiled on first use. */
export class AdfContract {
  private validate: ValidateFunction | null = null;

  /** Null when `document` is a valid ADF document, else a short description of what is wrong. */
  check(document: unknown): string | null {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      return `expected an ADF document object, got ${document === null ? 'null' : typeof document}`;
    }
    if (!this.validate) {
      const ajv = new Ajv04({ strict: false, allErrors: false });
      this.validate = ajv.compile(adfSchema);
    }
    return this.validate(document) ? null : describe(this.validate.errors);
  }
}
