/**
 * Comments without words ("👍", "+1 !!!") are posted once, like any other comment, on Cloud and on
 * Data Center; an epic key that names an issue of another type is reported clearly.
 */
import { parseEpic } from '../../../src/model';
import { planNote } from '../../../src/sync/run';
import type { FakeJira, JiraFlavor } from '../../../testing/fake-jira';
import { issuesOf, MemoryNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const NOTE = `---
epic: INFRA-100
---
# Epic

### US-001: Reactions

**Story Points**: 1  **Status**: Planned

#### Comments

> **@dana** (2026-11-20):
> 👍

> **@lee** (2026-11-21):
> +1 !!!

> **@dana** (2026-11-22):
> Looks good to me.
`;

test.each<JiraFlavor>(['cloud', 'datacenter'])('%s: a comment of only emoji or punctuation is posted once, and a re-sync posts nothing', async (flavor) => {
  fake = await startFake({ flavor });
  const note = new MemoryNote(NOTE);
  const first = await sync(note, trackerFor(fake, { flavor }));
  expect(first.errors).toEqual([]);
  expect(first.operations.filter((operation) => operation.action === 'add_comment')).toHaveLength(3);
  const story = issuesOf(fake, 'Story')[0];
  expect(story?.comments).toHaveLength(3);
  const writes = fake.writes().length;
  const again = await sync(note, trackerFor(fake, { flavor }));
  expect(again.operations).toEqual([]);
  expect(fake.writes()).toHaveLength(writes);
  expect(story?.comments).toHaveLength(3);
});

test('an epic key that names a Story: a clear warning before anything is written', async () => {
  fake = await startFake({ issues: [{ key: 'INFRA-300', summary: 'Not an epic', issueType: 'Story' }] });
  const text = NOTE.replace('epic: INFRA-100', 'epic: INFRA-300');
  const planned = await planNote({ note: parseEpic(text), epicKey: null, tracker: trackerFor(fake), options: { execute: false, updateSource: false, phase: 'all' } });
  expect(planned.warnings[0]).toBe('INFRA-300 is a Story, not an Epic: check the epic key (frontmatter `epic` or -e). Jira refuses to create stories under an issue that is not an epic.');
  expect(fake.writes()).toEqual([]);
  const real = await planNote({ note: parseEpic(NOTE), epicKey: null, tracker: trackerFor(fake), options: { execute: false, updateSource: false, phase: 'all' } });
  expect(real.warnings).toEqual([]);
});
