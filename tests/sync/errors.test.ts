import { encodeBase64, errorFromTransport, kindOfStatus, redact, secretsOf } from '../../src/sync/errors';
import { describeJiraErrorBody, errorFromResponse } from '../../src/sync/jira/error-body';
import { TransportError } from '../../src/sync/http';

test.each([
  [200, null], [204, null], [400, 'validation'], [401, 'auth'], [403, 'forbidden'], [404, 'notFound'], [410, 'notFound'],
  [408, 'timeout'], [409, 'conflict'], [422, 'validation'], [429, 'rateLimit'], [500, 'server'], [502, 'server'], [503, 'server'],
])('HTTP %i is %s', (status, kind) => {
  expect(kindOfStatus(status)).toBe(kind);
});

test("Jira's errors object reads field by field", () => {
  const body = JSON.stringify({ errorMessages: ['Something failed.'], errors: { description: 'Operation value must be an Atlassian Document', customfield_10042: 'Field cannot be set.' } });
  expect(describeJiraErrorBody(body)).toBe('Something failed.; description: Operation value must be an Atlassian Document; customfield_10042: Field cannot be set.');
});

test('bulk errors name the element', () => {
  const body = JSON.stringify({ issues: [], errors: [{ status: 400, failedElementNumber: 1, elementErrors: { errors: { summary: 'You must specify a summary.' } } }] });
  expect(describeJiraErrorBody(body)).toBe('issue 2: summary: You must specify a summary.');
});

test('non-JSON and empty bodies', () => {
  expect(describeJiraErrorBody('')).toBe('');
  // Never echoed: a hostile server may reflect the Authorization header in any form.
  expect(describeJiraErrorBody('<html>Bad gateway</html>')).toBe("the answer is not Jira's error JSON (24 characters, not shown)");
  expect(describeJiraErrorBody('"Basic ZGV2"')).not.toContain('ZGV2');
});

test('a response error carries kind, status, plain words and a hint, never a secret', () => {
  const secrets = secretsOf({ email: 'me@example.com', token: 'tok-abcdef-123' });
  const error = errorFromResponse({ status: 401, headers: {}, text: '{"errorMessages":["bad tok-abcdef-123"],"errors":{}}' }, 'read the epic INFRA-1', secrets);
  expect(error.kind).toBe('auth');
  expect(error.status).toBe(401);
  expect(error.message).toBe('read the epic INFRA-1 failed (HTTP 401): bad [redacted]');
  expect(error.hint).toMatch(/email and the API token/);
});

test('a transport failure is network or timeout', () => {
  expect(errorFromTransport(new TransportError({ failure: 'timeout', message: 'No answer in time from x' }), 'search', []).kind).toBe('timeout');
  expect(errorFromTransport(new TransportError({ failure: 'network', message: 'Could not reach x' }), 'search', []).kind).toBe('network');
  expect(errorFromTransport(new Error('boom'), 'search', []).status).toBeNull();
});

describe('redact', () => {
  const token = 'ATATT3xFfGF0-secret';
  const secrets = secretsOf({ email: 'me@example.com', token });

  test('removes the token, email:token and its base64, and any Authorization value', () => {
    const basic = encodeBase64(`me@example.com:${token}`);
    const text = `token=${token} pair=me@example.com:${token} header: Authorization: Basic ${basic} bearer Bearer abcdefghijkl`;
    const result = redact(text, secrets);
    expect(result).not.toContain(token);
    expect(result).not.toContain(basic);
    expect(result).not.toContain('abcdefghijkl');
    expect(result).toContain('[redacted]');
  });

  test('ignores secrets too short to be real', () => {
    expect(redact('a b c', ['a'])).toBe('a b c');
  });

  test('base64 of non-ASCII credentials', () => {
    expect(encodeBase64('é:ü')).toBe(Buffer.from('é:ü').toString('base64'));
  });
});
