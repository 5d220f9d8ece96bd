/**
 * `noteFacts`: which stories a statuses-only plan leaves out comes from the plan's structured
 * `notInTracker`, and exactly the engine's wording of them (`notInTrackerWarning`) is dropped from
 * the warnings the modal lists; every other warning stays, whatever its first words.
 */
import { parseEpic } from '../../src/model';
import { noteFacts } from '../../src/plugin/sync-controller';
import { notInTrackerWarning } from '../../src/sync/run';
import type { SyncPlan } from '../../src/sync/tracker';
import { seedNote } from '../sync/helpers';

const note = parseEpic(seedNote());

function plan(notInTracker?: readonly string[]): SyncPlan {
  return { epicKey: 'INFRA-100', operations: [], discoveredKeys: [], unmatched: [], warnings: [], ...(notInTracker ? { notInTracker } : {}) };
}

describe('noteFacts', () => {
  it('names the stories the plan says are not in the tracker, not every story without a key in the note', () => {
    // All seven stories of the seed have no key; the tracker found five of them (by label or title).
    const facts = noteFacts(note, plan(['US-002', 'US-006']), { kind: 'statuses' }, []);
    expect(facts.notInTracker).toEqual(['US-002', 'US-006']);
  });

  it('drops exactly the engine\'s wording of those stories and keeps every other warning', () => {
    const other = [
      'US-001 is not in the tracker yet: this text is not the engine\'s and stays.',
      notInTrackerWarning('US-003'),
      'INFRA-9 (Old) is under the epic in Jira but not in the note; it is left alone.',
    ];
    const facts = noteFacts(note, plan(['US-002']), { kind: 'statuses' }, [notInTrackerWarning('US-002'), ...other]);
    expect(facts.warnings).toEqual(other);
  });

  it('says nothing of stories outside a statuses-only sync, and none when the plan names none', () => {
    expect(noteFacts(note, plan(['US-002']), { kind: 'all' }, [notInTrackerWarning('US-002')])).toEqual({ problems: [] });
    expect(noteFacts(note, plan(), { kind: 'statuses' }, [])).toEqual({ problems: [], notInTracker: [], warnings: [] });
  });
});
