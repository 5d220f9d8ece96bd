/**
 * The note syntax sync writes (src/model/key-edits.ts): the note's own line breaks are kept, CR-only
 * included (issue 11 item 3), and a spectryn line naming another tracker stays under ours.
 */
import { parseEpic } from '../../src/model';
import { applyTextEdits, epicKeyEdits, issueLineText, storyKeyEdits } from '../../src/model/key-edits';

const options = { browseUrl: (key: string): string => `https://acme.atlassian.net/browse/${key}`, now: new Date(Date.UTC(2026, 11, 6, 9, 30)) };

test.each(['\n', '\r\n', '\r'])('the issue line and the epic key keep the note\'s line break %j', (eol) => {
  const text = ['# Epic', '', '### US-001: A', '| **Story Points** | 1 |', ''].join(eol);
  const { epic } = parseEpic(text);
  const story = epic.stories[0];
  if (story === undefined) throw new Error('no story');
  const edits = [...epicKeyEdits(text, epic, 'INFRA-1'), ...storyKeyEdits(text, story, 'INFRA-2', issueLineText('INFRA-2', options))];
  const written = applyTextEdits(text, edits);
  const line = '> **Issue:** [INFRA-2](https://acme.atlassian.net/browse/INFRA-2) · **Synced:** 2026-12-06 09:30 UTC';
  expect(written).toBe(['---', 'epic: INFRA-1', '---', '# Epic', '', '### US-001: A', line, '', '| **Story Points** | 1 |', ''].join(eol));
  const again = parseEpic(written);
  expect([again.epic.key, again.epic.stories[0]?.issueKey, again.epic.stories[0]?.storyPoints]).toEqual(['INFRA-1', 'INFRA-2', 1]);
});

test('a story synced by spectryn to Linear gets our line above the Linear one, which stays', () => {
  const text = '# Epic\n\n### US-001: A\n> **Linear:** [TEAM-4](https://linear.app/t/issue/TEAM-4)\n\n| **Story Points** | 1 |\n';
  const story = parseEpic(text).epic.stories[0];
  if (story === undefined) throw new Error('no story');
  const written = applyTextEdits(text, storyKeyEdits(text, story, 'INFRA-2', issueLineText('INFRA-2', options)));
  expect(written).toContain('### US-001: A\n> **Issue:** [INFRA-2]');
  expect(written).toContain('\n\n> **Linear:** [TEAM-4](https://linear.app/t/issue/TEAM-4)\n');
  expect(parseEpic(written).epic.stories[0]?.issueKey).toBe('INFRA-2');
});

test('spectryn\'s Jira line is our key: refreshed, never written twice', () => {
  const text = '# Epic\n\n### US-001: A\n> **Jira:** [INFRA-2](https://acme.atlassian.net/browse/INFRA-2)\n\n| **Story Points** | 1 |\n';
  const story = parseEpic(text).epic.stories[0];
  if (story === undefined) throw new Error('no story');
  expect(storyKeyEdits(text, story, 'INFRA-9', issueLineText('INFRA-9', options))).toEqual([]);
  const written = applyTextEdits(text, storyKeyEdits(text, story, 'INFRA-2', issueLineText('INFRA-2', options)));
  expect(written.match(/INFRA-2\]/g)).toHaveLength(1);
});
