/**
 * The note's keys read as GitHub keys (`withGitHubKeys`): a story whose key changes form is copied
 * whole, also when an earlier edit moved it (the editor's parse store hands the sync such stories).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic, type Story } from '../../../src/model';
import { withGitHubKeys } from '../../../src/sync/github/note-keys';

const SEED = readFileSync(join(__dirname, '../../../examples/postgres-to-crdb.md'), 'utf8');

/** The seed with a Jira key on its first story (a note once synced to Jira, now to GitHub). */
function seedWithJiraKey(): string {
  const header = /^### .*US-001.*$/m.exec(SEED);
  if (header === null) throw new Error('the seed has no US-001 header');
  const at = header.index + header[0].length;
  return `${SEED.slice(0, at)}\n\n> **Issue:** [INFRA-101](https://acme.atlassian.net/browse/INFRA-101)${SEED.slice(at)}`;
}

const plain = (story: Story): unknown => JSON.parse(JSON.stringify(story));

test('a story moved by an edit above it keeps its ranges, description and criteria when its key is read as a GitHub key', () => {
  const text = seedWithJiraKey();
  const first = parseEpic(text);
  // A line added at the top moves every story: the re-parse reuses them as moved stories.
  const edited = `<!-- note -->\n${text}`;
  const moved = parseEpic(edited, first, { from: 0, toA: 0, toB: '<!-- note -->\n'.length });
  const fresh = parseEpic(edited);
  const [movedStory] = withGitHubKeys(moved.epic.stories);
  const [freshStory] = withGitHubKeys(fresh.epic.stories);
  expect(moved.epic.stories[0]?.issueKey).toBe('INFRA-101');
  expect(movedStory?.issueKey).toBeNull();
  expect(movedStory?.range).toEqual(freshStory?.range);
  expect(movedStory?.description?.markdown).toBeTruthy();
  expect(plain(movedStory as Story)).toEqual(plain(freshStory as Story));
});
