/**
 * A transition whose answer is lost after Jira committed it: the retry is refused ("Transition id
 * … is not valid", the issue already moved), the issue's status is read, and the transition counts
 * as done instead of failing.
 */
import type { FakeJira } from '../../../testing/fake-jira';
import { MemoryNote, seedNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake(); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('a dropped transition answer: the refused retry is confirmed by the status and counts as done (exit 0)', async () => {
  fake.fail({ method: 'POST', pathIncludes: '/transitions', kind: 'drop-after-commit' });
  const note = new MemoryNote(seedNote());
  const result = await sync(note, trackerFor(fake));
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  const dropped = fake.requests.findIndex((request) => request.fault === 'drop-after-commit');
  const key = fake.requests[dropped]?.path.split('/')[5] ?? '';
  const after = fake.requests.slice(dropped + 1, dropped + 3).map((request) => `${request.method} ${request.path} ${request.status}`);
  expect(after).toEqual([`POST /rest/api/3/issue/${key}/transitions 400`, `GET /rest/api/3/issue/${key} 200`]);
  const operation = result.operations.find((entry) => entry.issue_key === key && entry.action.startsWith('transition_'));
  expect(operation?.status).toBe('done');
  expect(fake.issues.get(key)?.status).toBe('Done');
});
