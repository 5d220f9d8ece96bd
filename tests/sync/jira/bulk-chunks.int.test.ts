/** Bulk creates go to Jira in chunks of at most 50 (Jira refuses more): 60 stories are 50 + 10. */
import { parseEpic } from '../../../src/model';
import type { FakeJira } from '../../../testing/fake-jira';
import { issuesOf, MemoryNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** A note with `count` planned stories and no subtasks. */
function manyStories(count: number): string {
  const stories = Array.from({ length: count }, (_, index) => {
    const id = `US-${String(index + 1).padStart(3, '0')}`;
    return `### ${id}: Story number ${index + 1}\n\n**Story Points**: 1  **Status**: Planned\n`;
  });
  return `---\nepic: INFRA-100\n---\n# Big epic\n\n${stories.join('\n')}`;
}

test('60 stories: one bulk create of 50, one of 10, every key written back, then nothing to do', async () => {
  fake = await startFake();
  const note = new MemoryNote(manyStories(60));
  const result = await sync(note, trackerFor(fake));
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  const bulks = fake.writes().filter((request) => request.path.endsWith('/issue/bulk'));
  expect(bulks.map((request) => (request.body as { issueUpdates: unknown[] }).issueUpdates.length)).toEqual([50, 10]);
  expect(issuesOf(fake, 'Story')).toHaveLength(60);
  // Keys came back batch by batch: one write per batch.
  expect(note.applied).toBe(2);
  const { epic } = parseEpic(note.text);
  expect(epic.stories.every((story) => fake.issues.get(story.issueKey ?? '')?.summary === story.title)).toBe(true);
  expect((await sync(note, trackerFor(fake))).operations).toEqual([]);
});
