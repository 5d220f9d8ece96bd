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

  test('a re-sync with nothing changed: no operation, no write, the note unchanged byte for byte', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    await syncGitHub(note, gitHubTrackerFor(fake));
    const text = note.text;
    fake.resetUsage();
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.exitCode).toBe(0);
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(fake.writes()).toEqual([]);
    expect(note.text).toBe(text);
    // The epic, 2 pages of stories (5 a page here), one sub-issue list per story.
    expect(fake.usage().requests).toBe(10);
    process.stdout.write(`github seed no-op re-sync: ${JSON.stringify(fake.usage())}\n`);
  });

  test('a status edited in the note: one PATCH that closes the issue as not planned and nothing else', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    await syncGitHub(note, gitHubTrackerFor(fake));
    const us004 = parseEpic(note.text).epic.stories.find((story) => story.id === 'US-004');
    const range = us004?.statusField?.range;
    expect(range).toBeDefined();
    note.text = `${note.text.slice(0, range?.from)}❌ Cancelled${note.text.slice(range?.to)}`;
    fake.resetUsage();
    const result = await syncGitHub(note, gitHubTrackerFor(fake), { phase: 'statuses' });
    expect(result.exitCode).toBe(0);
    expect(result.operations.map((operation) => [operation.action, operation.story, operation.status])).toEqual([['transition_story', 'US-004', 'done']]);
    expect(fake.writes().map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /repos/acme/infra/issues/${(us004?.issueKey ?? '').slice(1)}`]);
    expect(fake.issues.get(Number((us004?.issueKey ?? '').slice(1)))).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
  });

  test('a teammate\'s extra label and a changed points label: the extra label stays, the points come back from the note', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    await syncGitHub(note, gitHubTrackerFor(fake));
    const story = [...fake.issues.values()].find((issue) => issue.labels.includes('spectryn-us-001'));
    fake.teammateChange(story?.number ?? 0, { addLabels: ['needs-review'], removeLabels: ['points: 5'] });
    fake.teammateChange(story?.number ?? 0, { addLabels: ['points: 8'] });
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.operations.map((operation) => [operation.action, operation.story, Object.keys(operation.fields)])).toEqual([['update_story', 'US-001', ['story_points']]]);
    expect(fake.issues.get(story?.number ?? 0)?.labels).toEqual(expect.arrayContaining(['needs-review', 'points: 5']));
    expect(fake.issues.get(story?.number ?? 0)?.labels).not.toContain('points: 8');
  });

  test('a sub-issue of the epic that the note lacks is reported in GitHub\'s name and left alone', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    await syncGitHub(note, gitHubTrackerFor(fake));
    fake.teammateCreate({ title: 'Decommission the old cluster', parent: 1 });
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/^#\d+ \(Decommission the old cluster\) is under #1 in GitHub but not in the note; it is left alone\.$/)]);
  });
});
