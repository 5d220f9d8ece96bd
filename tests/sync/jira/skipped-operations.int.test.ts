/**
 * Operations that cannot be carried out are not hidden: on a fake Jira whose workflow has no step
 * from Backlog into Done, the transitions to Done are skipped with a reason that names what is
 * reachable, the run ends with exit 64, and the result notice lists the reason.
 */
import { resultText } from '../../../src/view/sync-summary';
import type { FakeJira } from '../../../testing/fake-jira';
import { issuesOf, MemoryNote, seedNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake({ unreachable: [{ from: 'Backlog', to: 'Done' }] }); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('a status no transition reaches: skipped with the reason, exit 64, and the notice says why', async () => {
  const note = new MemoryNote(seedNote());
  const result = await sync(note, trackerFor(fake));
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(64);
  const skipped = result.operations.filter((operation) => operation.status === 'skipped');
  // 11 issues are done in the note (US-001, US-002 and 9 subtasks); the 2 in progress got there.
  expect(skipped).toHaveLength(11);
  expect(skipped.every((operation) => operation.action.startsWith('transition_'))).toBe(true);
  expect(skipped[0]?.reason).toBe('no transition leads to a status meaning "done" (reachable: Selected for Development, In Progress, In Review, Blocked, Won\'t Do); map one in the settings or move the issue in Jira');
  expect(result.operations.filter((operation) => operation.status === 'done')).toHaveLength(35 + 2);
  expect(issuesOf(fake, 'Story').filter((story) => story.status === 'Done')).toHaveLength(0);
  expect(issuesOf(fake, 'Story').filter((story) => story.status === 'In Progress')).toHaveLength(1);

  const notice = resultText(result, 'INFRA-100');
  expect(notice.split('\n')[0]).toBe('Synced INFRA-100 with operations not run: 37 done, 11 not run.');
  expect(notice.split('\n')[1]).toBe(`US-001 (transition story), US-001 #1 (transition subtask), US-001 #2 (transition subtask) and 8 more not run: ${skipped[0]?.reason ?? ''}`);

  // The difference is still there, so the next sync plans and skips it again, and says so again.
  const again = await sync(note, trackerFor(fake));
  expect(again.exitCode).toBe(64);
  expect(again.operations.filter((operation) => operation.status === 'skipped')).toHaveLength(11);
});
