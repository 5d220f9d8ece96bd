/**
 * GitHub issue keys `#12` in the note (issue 16, docs/format.md "Tracker keys"): read from our
 * `> **Issue:**` line, from spectryn's `> **GitHub:**` line, from the story's `Issue` field and from
 * a subtask row's Issue column; written back as `[#12](https://github.com/acme/infra/issues/12)`.
 */
import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import { ISSUE_KEY, issueKeyIn } from '../../src/model/issue-key';
import { applyTextEdits, frontmatterKeyValue, issueLineText } from '../../src/model/key-edits';
import { writeBackPlan } from '../../src/sync/writeback';
import type { KeyAssignment } from '../../src/sync/tracker';

const REPO = 'https://github.com/acme/infra';
const options = { browseUrl: (key: string): string => `${REPO}/issues/${key.slice(1)}`, now: new Date(Date.UTC(2026, 11, 6, 9, 30)) };

const NOTE = [
  '---',
  'tracker: github',
  'epic: "acme/infra#1"',
  '---',
  '# Epic',
  '',
  '### US-001: Ours',
  '> **Issue:** [#12](https://github.com/acme/infra/issues/12) · **Synced:** 2026-12-06 09:30 UTC',
  '',
  '| **Story Points** | 5 |',
  '',
  '#### Subtasks',
  '| # | Subtask | SP | Status | Issue |',
  '|---|---------|----|--------|-------|',
  '| 1 | Bare | 1 | Done | #13 |',
  '| 2 | Linked | 1 | Planned | [#15](https://github.com/acme/infra/issues/15) |',
  '| 3 | None | 1 | Planned | |',
  '',
  '### US-002: Spectryn wrote it',
  '> **GitHub:** [#14](https://github.com/acme/infra/issues/14)',
  '',
  '| **Story Points** | 3 |',
  '',
  '### US-003: A field',
  '| **Story Points** | 2 |',
  '| **Issue** | #21 |',
  '',
].join('\n');

test('#12 keys are read from the Issue line, the GitHub line, the Issue field and the Issue column', () => {
  const { epic, diagnostics } = parseEpic(NOTE);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(epic.tracker).toBe('github');
  expect(epic.key).toBe('acme/infra#1');
  expect(epic.stories.map((story) => story.issueKey)).toEqual(['#12', '#14', '#21']);
  expect(epic.stories[0]?.issueLine?.url).toBe('https://github.com/acme/infra/issues/12');
  expect(epic.stories[1]?.issueLine?.tracker).toBe('github');
  expect(epic.stories[0]?.subtasks.map((subtask) => subtask.issueKey)).toEqual(['#13', '#15', null]);
});

test('a line naming another tracker still keeps its #key to itself', () => {
  const text = '# Epic\n\n### US-001: A\n> **GitLab:** [#4](https://gitlab.example/a/b/-/issues/4)\n\n| **Story Points** | 1 |\n';
  const story = parseEpic(text).epic.stories[0];
  expect([story?.issueKey, story?.issueLine?.key]).toEqual([null, '#4']);
});

test('write-back puts #12 links under stories and #13 into the Issue column; a second run only refreshes', () => {
  const text = NOTE.replace('> **Issue:** [#12](https://github.com/acme/infra/issues/12) · **Synced:** 2026-12-06 09:30 UTC\n', '')
    .replace('| 3 | None | 1 | Planned | |', '| 3 | None | 1 | Planned |  |');
  const keys: KeyAssignment[] = [
    { kind: 'story', storyId: 'US-001', key: '#12' },
    { kind: 'subtask', storyId: 'US-001', number: 3, key: '#16' },
    { kind: 'story', storyId: 'US-002', key: '#14' },
  ];
  const first = writeBackPlan(text, parseEpic(text).epic, keys, options);
  const written = applyTextEdits(text, first.edits);
  expect(written).toContain('### US-001: Ours\n> **Issue:** [#12](https://github.com/acme/infra/issues/12) · **Synced:** 2026-12-06 09:30 UTC\n\n| **Story Points** | 5 |');
  expect(written).toContain('| 3 | None | 1 | Planned | #16 |');
  // spectryn's GitHub line is our key: replaced by our line, never a second one.
  expect(written).toContain('### US-002: Spectryn wrote it\n> **Issue:** [#14](https://github.com/acme/infra/issues/14) · **Synced:**');
  expect(written).not.toContain('> **GitHub:**');
  expect(first.placed.map((key) => key.key)).toEqual(['#12', '#16']);
  const again = parseEpic(written).epic;
  expect(again.stories.map((story) => story.issueKey)).toEqual(['#12', '#14', '#21']);
  expect(again.stories[0]?.subtasks.map((subtask) => subtask.issueKey)).toEqual(['#13', '#15', '#16']);
  const second = writeBackPlan(written, again, keys, options);
  expect(applyTextEdits(written, second.edits)).toBe(written);
  expect(second.placed).toEqual([]);
});

test('a key the user wrote is never replaced by another #key', () => {
  const story = parseEpic(NOTE).epic.stories[0];
  if (story === undefined) throw new Error('no story');
  const plan = writeBackPlan(NOTE, parseEpic(NOTE).epic, [{ kind: 'story', storyId: 'US-001', key: '#99' }], options);
  expect(applyTextEdits(NOTE, plan.edits)).toBe(NOTE);
});

test.each(['#1', 'acme/infra#1', 'INFRA-100'])('the epic key %s is written into frontmatter so that it reads back', (key) => {
  for (const text of ['# Epic\n\n### US-001: A\n| **Story Points** | 1 |\n', '---\ntags: [x]\n---\n# Epic\n\n### US-001: A\n| **Story Points** | 1 |\n']) {
    const plan = writeBackPlan(text, parseEpic(text).epic, [{ kind: 'epic', key }], options);
    expect(parseEpic(applyTextEdits(text, plan.edits)).epic.key).toBe(key);
  }
  expect(frontmatterKeyValue('INFRA-100')).toBe('INFRA-100');
  expect(frontmatterKeyValue('#1')).toBe('"#1"');
});

test('issueKeyIn finds Jira and GitHub keys, bare or linked, and nothing else', () => {
  expect(issueKeyIn('[#12](https://github.com/acme/infra/issues/12)')).toBe('#12');
  expect(issueKeyIn('[PROJ-7](https://x.test/browse/PROJ-7)')).toBe('PROJ-7');
  expect(issueKeyIn('#0')).toBeNull();
  expect(issueKeyIn('none')).toBeNull();
  expect(ISSUE_KEY.test('#007')).toBe(false);
});

test('property: any #N written back reads back as #N, under any story and in any subtask row, and stays put', () => {
  const number = fc.integer({ min: 1, max: 2_000_000_000 });
  const title = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/);
  fc.assert(fc.property(number, number, title, fc.constantFrom('\n', '\r\n'), fc.boolean(), (story, subtask, name, eol, withColumn) => {
    const header = withColumn ? ['| # | Subtask | SP | Issue |', '|---|---|---|---|', '| 1 | Do | 1 |  |'] : ['| # | Subtask | SP |', '|---|---|---|', '| 1 | Do | 1 |'];
    const text = ['# Epic', '', `### US-001: ${name.trim() || 'T'}`, '| **Story Points** | 1 |', '', '#### Subtasks', ...header, ''].join(eol);
    const keys: KeyAssignment[] = [
      { kind: 'story', storyId: 'US-001', key: `#${story}` },
      { kind: 'subtask', storyId: 'US-001', number: 1, key: `#${subtask}` },
    ];
    const written = applyTextEdits(text, writeBackPlan(text, parseEpic(text).epic, keys, options).edits);
    const parsed = parseEpic(written).epic.stories[0];
    expect(parsed?.issueKey).toBe(`#${story}`);
    expect(parsed?.issueLine?.url).toBe(`${REPO}/issues/${story}`);
    expect(parsed?.subtasks[0]?.issueKey).toBe(`#${subtask}`);
    expect(written).toContain(issueLineText(`#${story}`, options));
    const again = parseEpic(written).epic;
    expect(applyTextEdits(written, writeBackPlan(written, again, keys, options).edits)).toBe(written);
  }), { numRuns: 200 });
});
