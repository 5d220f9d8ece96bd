/** @jest-environment node */
/** The typed REST module names each operation as Jira's OpenAPI description does. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JIRA_REST_OPERATIONS } from '../../../src/sync/jira/rest';

const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../../testing/contracts/jira-cloud-platform.openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };

test.each(Object.entries(JIRA_REST_OPERATIONS))('%s is the operation the contract gives its method and path', (_name, operation) => {
  const found = spec.paths[`/rest/api/3${operation.path}`]?.[operation.method.toLowerCase()];
  expect(found?.operationId).toBe(operation.operationId);
});

test('every REST function the module exports has its entry in the operations table', async () => {
  const exported = Object.entries(await import('../../../src/sync/jira/rest')).filter(([, value]) => typeof value === 'function').map(([name]) => name).sort();
  expect(exported).toEqual(Object.keys(JIRA_REST_OPERATIONS).sort());
});
