/**
 * Prose sections are parsed on first read (src/model/prose-section.ts): opening a note runs the
 * markdown parser over the headers, metadata, subtasks and criteria only; a story's description,
 * comments, links, commits and its sections' markdown parse their section once, when read, and
 * read exactly what an eager read gives.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic } from '../../src/model';
import { splitSections } from '../../src/model/line-pass';
import { comparable } from './comparable';

/** How many times the model has run the markdown parser over a section. */
let sectionParses = 0;

jest.mock('../../src/model/markdown', () => {
  const actual = jest.requireActual<typeof import('../../src/model/markdown')>('../../src/model/markdown');
  return {
    ...actual,
    parseSectionMarkdown: (text: string, first: boolean) => {
      sectionParses += 1;
      return actual.parseSectionMarkdown(text, first);
    },
  };
});

const NOTE = `# Epic

## Phase 1: Build

### US-001: First story

| Field | Value |
|-------|-------|
| **Story Points** | 3 |
| **Status** | ✅ Done |

#### Description

**As a** user
**I want** a thing
**So that** it works

#### Acceptance Criteria

- [x] One
- [ ] Two

#### Subtasks

| # | Subtask | SP | Status |
|---|---------|----|--------|
| 1 | Do it | 1 | ✅ Done |

#### Comments

> **@ana** (2025-01-15): looks good

#### Links

- blocks US-002

#### Related Commits

| Commit | Message |
|--------|---------|
| \`abc123\` | First |

#### Notes

Some *prose* here.

---

### US-002: Second story

| Field | Value |
|-------|-------|
| **Story Points** | 2 |

#### Description

Just text.

#### Subtasks

| # | Subtask |
|---|---------|
| 1 | Another |
`;

/** Sections of NOTE: H1, phase, two story headers, and per story its subsections. */
const SECTIONS = splitSections(NOTE).slices.length;
/**
 * Of which prose, not parsed at open: the phase heading's (empty) body, two descriptions, comments,
 * links, commits. The Notes section is prose too but ends its story: the story's range ends
 * where its content ends, so it is read at open; the criteria are read at open because the story
 * is done (the `done-with-open-criteria` check).
 */
const PROSE = 6;

beforeEach(() => {
  sectionParses = 0;
});

test('opening a note parses every section but the prose ones', () => {
  const result = parseEpic(NOTE);
  expect(SECTIONS).toBe(13);
  expect(sectionParses).toBe(SECTIONS - PROSE);
  // What opening reads: points, status, criteria, subtasks, diagnostics. None parses prose.
  const [first, second] = result.epic.stories;
  expect(first?.storyPoints).toBe(3);
  expect(first?.acceptanceCriteria.map((criterion) => criterion.done)).toEqual([true, false]);
  expect(second?.subtasks.map((subtask) => subtask.name)).toEqual(['Another']);
  expect(result.diagnostics.map((d) => d.code)).toEqual(['done-with-open-criteria']);
  expect(first?.range.to).toBeGreaterThan(0);
  expect(sectionParses).toBe(SECTIONS - PROSE);
});

test("an open story's acceptance criteria are parsed when first read, a done story's at open", () => {
  const open = NOTE.replace('✅ Done |\n\n#### Description', '🔄 In Progress |\n\n#### Description');
  expect(open).not.toBe(NOTE);
  const result = parseEpic(open);
  expect(sectionParses).toBe(SECTIONS - PROSE - 1);
  expect(result.diagnostics).toEqual([]);
  expect(result.epic.stories[0]?.acceptanceCriteria.map((criterion) => criterion.text)).toEqual(['One', 'Two']);
  expect(sectionParses).toBe(SECTIONS - PROSE);
});

test('a prose section is parsed once, when first read, and reads what it says', () => {
  const story = parseEpic(NOTE).epic.stories[0];
  const before = sectionParses;
  expect(story?.description?.iWant).toBe('a thing');
  expect(sectionParses).toBe(before + 1);
  expect(story?.description?.soThat).toBe('it works');
  expect(story?.comments.map((comment) => comment.author)).toEqual(['ana']);
  expect(story?.links.map((link) => `${link.type} ${link.target}`)).toEqual(['blocks US-002']);
  expect(story?.commits.map((commit) => commit.hash)).toEqual(['abc123']);
  expect(sectionParses).toBe(before + 4);
  // The same objects on every read: nothing is parsed again.
  expect(story?.comments).toBe(story?.comments);
  expect(story?.sections.map((section) => section.markdown)).toEqual([
    '**As a** user\n**I want** a thing\n**So that** it works', '- [x] One\n- [ ] Two',
    '| # | Subtask | SP | Status |\n|---|---------|----|--------|\n| 1 | Do it | 1 | ✅ Done |',
    '> **@ana** (2025-01-15): looks good', '- blocks US-002',
    '| Commit | Message |\n|--------|---------|\n| `abc123` | First |', 'Some *prose* here.',
  ]);
  expect(sectionParses).toBe(before + 4);
});

test('the JSON of a note is the same whatever was read first', () => {
  const whole = comparable(parseEpic(NOTE));
  const sectionsFirst = parseEpic(NOTE);
  for (const story of sectionsFirst.epic.stories) for (const section of story.sections) expect(section.range.from).toBeGreaterThan(0);
  expect(comparable(sectionsFirst)).toEqual(whole);
  const descriptionFirst = parseEpic(NOTE);
  for (const story of descriptionFirst.epic.stories) expect(story.description).not.toBeNull();
  expect(comparable(descriptionFirst)).toEqual(whole);
});

test('a story is a plain object: a structural comparison reads its lazy parts', () => {
  const a = parseEpic(NOTE).epic.stories[0];
  const b = parseEpic(NOTE).epic.stories[0];
  expect(b?.description?.asA).toBe('user');
  expect(a).toEqual(b);
  expect(Object.keys(a ?? {})).toEqual(Object.keys(JSON.parse(JSON.stringify(b)) as object));
});

test('reading prose in any order gives the JSON of reading it all at once (property)', () => {
  const seed = readFileSync(join(__dirname, '..', 'fixtures', 'comments-links.md'), 'utf8');
  const whole = comparable(parseEpic(seed));
  const storyCount = parseEpic(seed).epic.stories.length;
  const part = fc.constantFrom('description', 'acceptanceCriteria', 'comments', 'links', 'commits', 'sections', 'technicalNotes');
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(storyCount), part), { maxLength: 12 }), (reads) => {
    const result = parseEpic(seed);
    for (const [at, key] of reads) {
      const story = result.epic.stories[at];
      if (story === undefined) continue;
      const value: unknown = story[key];
      if (key === 'sections') for (const section of story.sections) expect(typeof section.markdown).toBe('string');
      expect(value).toBe(story[key]);
    }
    expect(comparable(result)).toEqual(whole);
  }), { numRuns: 50 });
});
