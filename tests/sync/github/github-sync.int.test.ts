/**
 * The GitHub adapter against the fake GitHub (a real HTTP server checking every request and
 * response against GitHub's OpenAPI operations): the seed note end to end.
 */
import { parseEpic } from '../../../src/model';
import type { FakeGitHub } from '../../../testing/fake-github';
import { MemoryNote } from '../helpers';
import { childrenOf, gitHubSeedNote, gitHubTrackerFor, startGitHub, syncGitHub } from './helpers';

let fake: FakeGitHub;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

describe('seed note (7 stories, 28 subtasks)', () => {
  beforeEach(async () => { fake = await startGitHub({ maxPageSize: 5 }); });

  test('first sync: every story a sub-issue of the epic, every subtask of its story, labels and states as issue 16 maps them', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const stories = childrenOf(fake, 1);
    expect(stories).toHaveLength(7);
    const subtasks = stories.flatMap((story) => childrenOf(fake, story.number));
    expect(subtasks).toHaveLength(28);
    const us001 = stories.find((story) => story.title === 'Schema Compatibility Analysis');
    expect(us001).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(us001?.labels).toEqual(expect.arrayContaining(['spectryn-us-001', 'points: 5', 'priority: critical']));
    expect(us001?.body).toContain('### Acceptance Criteria');
    expect(us001?.body).toMatch(/- \[x\] /);
    const us003 = stories.find((story) => story.title === 'ORM Compatibility Changes');
    expect(us003).toMatchObject({ state: 'open' });
    expect(us003?.labels).toContain('status: in progress');
    expect(subtasks.filter((subtask) => subtask.state === 'closed')).toHaveLength(9);
    expect(subtasks.find((subtask) => subtask.title === 'Add retry logic')?.labels).toContain('status: in progress');
    expect(subtasks.find((subtask) => subtask.title === 'Fix SERIAL to UUID')?.labels).toEqual(expect.arrayContaining(['points: 2', 'spectryn-us-003-2']));
    // Keys written back as #N links to the issue page.
    const { epic } = parseEpic(note.text);
    for (const story of epic.stories) expect(story.issueLine?.key ?? story.issueKey).toMatch(/^#\d+$/);
    expect(note.text).toContain(`${fake.webUrl}/acme/infra/issues/`);
    const usage = fake.usage();
    process.stdout.write(`github seed first sync: ${JSON.stringify(usage)}\n`);
  });
});
