/** Test connection for GitHub against the fake: each step, and which one fails. */
import { probeGitHubConnection } from '../../../src/sync/github/probe';
import type { FakeGitHub } from '../../../testing/fake-github';
import { http, instantClock } from '../helpers';
import { configFor, startGitHub } from './helpers';

let fake: FakeGitHub;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('all steps pass: 3 requests, the account and repository named', async () => {
  fake = await startGitHub();
  const report = await probeGitHubConnection({ config: configFor(fake), http, clock: instantClock() });
  expect(report.ok).toBe(true);
  expect(report.steps.map((step) => step.step)).toEqual(['url', 'auth', 'project', 'fields']);
  expect(report.steps[1]?.message).toBe('Signed in as dev-example.');
  expect(report.steps[2]?.message).toBe('Repository acme/infra found.');
  expect(fake.requests).toHaveLength(3);
});

test('a wrong token fails at sign-in, the token in no message', async () => {
  fake = await startGitHub();
  const secret = 'ghp_wrongWrongWrong42';
  const report = await probeGitHubConnection({ config: configFor(fake, { token: secret }), http, clock: instantClock() });
  expect(report).toMatchObject({ ok: false, failedStep: 'auth' });
  expect(JSON.stringify(report)).not.toContain(secret);
  expect(report.steps.at(-1)?.message).toMatch(/GitHub refused the token/);
});

test('a repository the token cannot see fails at the repository; a read-only token at the issues step', async () => {
  fake = await startGitHub({ access: 'none' });
  expect(await probeGitHubConnection({ config: configFor(fake), http, clock: instantClock() })).toMatchObject({ ok: false, failedStep: 'project' });
  await fake.close();
  fake = await startGitHub({ access: 'read' });
  const report = await probeGitHubConnection({ config: configFor(fake), http, clock: instantClock() });
  expect(report).toMatchObject({ ok: false, failedStep: 'fields' });
  expect(report.steps.at(-1)?.message).toMatch(/not write its issues/);
});

test('plain http to another host and an empty token are refused before any request', async () => {
  fake = await startGitHub();
  expect(await probeGitHubConnection({ config: configFor(fake, { apiUrl: 'http://ghe.example.com/api/v3' }), http, clock: instantClock() })).toMatchObject({ failedStep: 'url' });
  expect(await probeGitHubConnection({ config: configFor(fake, { token: '' }), http, clock: instantClock() })).toMatchObject({ failedStep: 'auth' });
  expect(fake.requests).toEqual([]);
});

test('an address that is not GitHub\'s API fails at the address', async () => {
  fake = await startGitHub();
  const report = await probeGitHubConnection({ config: configFor(fake, { apiUrl: `${fake.url}/nothing-here` }), http, clock: instantClock() });
  expect(report).toMatchObject({ ok: false, failedStep: 'url' });
  fake.violations.length = 0;
});
