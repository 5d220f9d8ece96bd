/**
 * The note's issue keys as GitHub keys: `#12` (and `12`) name issue 12 of the repository; a key of
 * another tracker (`INFRA-101` from a note once synced to Jira) names no GitHub issue, so the story
 * is matched as if it had none (identity label, then title) instead of being skipped as "not found".
 */
import { storyWith, type Story } from '../../model';
import { issueKey, issueNumberOf } from './issue-ref';

/** `key` as a GitHub key (`12` → `#12`), or null when it names no GitHub issue. */
export function gitHubKeyOf(key: string | null): string | null {
  const number = key === null ? null : issueNumberOf(key);
  return number === null ? null : issueKey(number);
}

/** The stories with every story and subtask key read as a GitHub key (`gitHubKeyOf`); unchanged objects when nothing differs. */
export function withGitHubKeys(stories: readonly Story[]): Story[] {
  return stories.map((story) => {
    const key = gitHubKeyOf(story.issueKey);
    const subtasks = story.subtasks.map((subtask) => {
      const subKey = gitHubKeyOf(subtask.issueKey);
      return subKey === subtask.issueKey ? subtask : { ...subtask, issueKey: subKey };
    });
    const changed = key !== story.issueKey || subtasks.some((subtask, index) => subtask !== story.subtasks[index]);
    return changed ? storyWith(story, { issueKey: key, subtasks }) : story;
  });
}
