/** Shared set-up of the sync record tests: a remote that mirrors a note, a record of that agreement. */
import type { Epic, Status, Story } from '../../../src/model/types';
import { jiraRecordReading } from '../../../src/sync/jira/record-reading';
import { storyDescription } from '../../../src/sync/jira/description';
import { storyLabel, subtaskLabel } from '../../../src/sync/jira/match';
import { planThreeWay, agreedAfter, type ThreeWayPlan } from '../../../src/sync/record/three-way';
import { updateRecord } from '../../../src/sync/record/update';
import type { SyncRecord } from '../../../src/sync/record/types';
import type { RemoteIssue, RemoteStatus, RemoteStory } from '../../../src/sync/tracker';

/** The reading of a cloud site with the default mappings (the vocabulary reads status names). */
export const reading = jiraRecordReading({ flavor: 'cloud' });

/** A Jira status name and category per note status, as a site with the usual workflow names them. */
export const JIRA_STATUS: Readonly<Record<Status, RemoteStatus>> = {
  planned: { name: 'Backlog', category: 'new' },
  open: { name: 'To Do', category: 'new' },
  in_progress: { name: 'In Progress', category: 'indeterminate' },
  in_review: { name: 'In Review', category: 'indeterminate' },
  blocked: { name: 'Blocked', category: 'indeterminate' },
  done: { name: 'Done', category: 'done' },
  cancelled: { name: "Won't Do", category: 'done' },
};

/** Jira priority names per note priority (docs/sync.md's default mapping). */
export const JIRA_PRIORITY = { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low' } as const;

/** A remote issue with defaults. */
export function issue(key: string, overrides: Partial<RemoteIssue> = {}): RemoteIssue {
  return { id: key, key, issueType: 'Story', summary: '', description: null, status: JIRA_STATUS.planned, priority: null, labels: [], storyPoints: null, parentKey: null, comments: [], ...overrides };
}

/** The remote as a perfect sync would have left it: keys from INFRA-101 in note order. */
export function mirror(stories: readonly Story[]): RemoteStory[] {
  let next = 101;
  return stories.map((story) => {
    const key = `INFRA-${next++}`;
    return {
      ...issue(key, {
        summary: story.title,
        description: storyDescription(story),
        status: JIRA_STATUS[story.status],
        priority: story.priority === null ? null : JIRA_PRIORITY[story.priority],
        labels: [storyLabel(story.id), ...story.labels.map((label) => label.replace(/\s+/g, '-'))],
        storyPoints: story.storyPoints,
        parentKey: 'INFRA-100',
      }),
      subtasks: story.subtasks.map((subtask) => issue(`INFRA-${next++}`, {
        issueType: 'Sub-task', summary: subtask.name, status: JIRA_STATUS[subtask.status], labels: [subtaskLabel(story.id, subtask.number)], storyPoints: subtask.storyPoints, parentKey: key,
      })),
    };
  });
}

/** The record a sync leaves when note and remote agree on every field of `plan` (a plan without record). */
export function recordOf(plan: ThreeWayPlan, previous: SyncRecord | null = null, now = new Date('2026-12-06T10:15:00Z')): SyncRecord {
  const agreements = plan.fields.flatMap((decision) => {
    const agreed = agreedAfter(decision);
    return agreed === null ? [] : [{ key: decision.issueKey, storyId: decision.storyId, subtask: decision.subtask, field: decision.field, agreed }];
  });
  return updateRecord({ previous, epic: 'INFRA-100', tracker: 'jira', site: 'https://acme.atlassian.net', agreements, now });
}

/** The three-way plan of a note against a remote with a record. */
export function plan(epic: Pick<Epic, 'stories'>, remote: readonly RemoteStory[], record: SyncRecord | null): ThreeWayPlan {
  return planThreeWay({ epic, remote: { stories: remote, storyPointsField: 'customfield_10042' }, record, reading });
}
