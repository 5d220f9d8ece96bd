/** Reads page through every result: `nextPageToken` on cloud, `startAt` on data center. */
import { type FakeJira, type JiraFlavor } from '../../../testing/fake-jira';
import { example, issuesOf, MemoryNote, seedNote, sync, trackerFor, startFake } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test.each<JiraFlavor>(['cloud', 'datacenter'])('%s: 5 issues per page, every story and subtask is found again', async (flavor) => {
  fake = await startFake({ flavor, pageSize: 5 });
  const note = new MemoryNote(seedNote());
  expect((await sync(note, trackerFor(fake, { flavor }))).exitCode).toBe(0);
  // The re-run must see all 7 stories and 28 subtasks across pages, or it would create duplicates.
  note.text = seedNote();
  const before = fake.requests.length;
  const again = await sync(note, trackerFor(fake, { flavor }));
  expect(again.operations.filter((operation) => operation.action.startsWith('create'))).toEqual([]);
  expect(issuesOf(fake, 'Story')).toHaveLength(7);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
  const searches = fake.requests.slice(before).filter((request) => request.path.includes('/search'));
  expect(searches.length).toBe(2 + 6);
  if (flavor === 'cloud') expect(searches.some((request) => typeof (request.body as { nextPageToken?: unknown }).nextPageToken === 'string')).toBe(true);
  else expect(searches.some((request) => ((request.body as { startAt?: number }).startAt ?? 0) > 0)).toBe(true);
});

test('data center: comments and commits posted once (wiki markup), then recognised', async () => {
  fake = await startFake({ flavor: 'datacenter', projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] });
  const note = new MemoryNote(example('search-rollout.md'));
  const first = await sync(note, trackerFor(fake, { flavor: 'datacenter', projectKey: 'SRCH' }));
  expect(first.errors).toEqual([]);
  const comments = issuesOf(fake, 'Story').flatMap((story) => story.comments.map((comment) => comment.body));
  expect(comments).toHaveLength(2);
  expect(comments.every((body) => typeof body === 'string')).toBe(true);
  const again = await sync(note, trackerFor(fake, { flavor: 'datacenter', projectKey: 'SRCH' }));
  expect(again.operations).toEqual([]);
});
