/**
 * A wrong token against the fake GitHub (issue 16 "Tests"): the run stops as a sign-in failure
 * before any write, the note is untouched, and the token is in no output (result, errors, hint,
 * operations, the fake's request log).
 */
import type { FakeGitHub } from '../../../testing/fake-github';
import { gitHubSeedNote, gitHubTrackerFor } from './helpers';
import { GitHubNote, MemoryRecord, startGitHub, twoWaySync } from '../../testing/fake-github/sync-harness';

const WRONG = 'github_pat_11WRONGTOKEN0042_secretsecretsecret';

let fake: FakeGitHub;
beforeEach(async () => { fake = await startGitHub(); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('a wrong token fails the run as a sign-in problem, writes nothing and is never printed', async () => {
  const text = gitHubSeedNote();
  const note = new GitHubNote(text);
  const record = new MemoryRecord();
  const result = await twoWaySync(note, gitHubTrackerFor(fake, { token: WRONG }), record);
  expect(result.ending).toBe('failed');
  expect(result.failure?.kind).toBe('auth');
  expect(fake.writes()).toEqual([]);
  expect(fake.requests.every((request) => request.status === 401)).toBe(true);
  expect(note.text).toBe(text);
  expect(record.text).toBeNull();
  const everything = JSON.stringify({ result, requests: fake.requests });
  expect(everything).not.toContain(WRONG);
  expect(everything).not.toContain('WRONGTOKEN');
});
