/**
 * issue 12 class 2: a note reads the same with LF, CRLF and CR-only line breaks. The models are
 * equal apart from offsets (line numbers included: a CR-only note has as many lines as its LF twin).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEpic } from '../../src/model';

const fixtures = join(__dirname, '..', 'fixtures');
const notes = [
  ...['postgres-to-crdb.md', 'search-rollout.md'].map((name) => readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8')),
  ...readdirSync(fixtures).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(fixtures, name), 'utf8')),
].map((text) => text.replace(/\r\n?/g, '\n'));

const FRAGMENTS = [
  '---', 'epic: INFRA-1', '# 🔄 Epic: Title', '> **Epic: tagline**', '## Epic Summary', '| Field | Value |', '|-------|-------|', '| **Status** | 🔄 In Progress |',
  '## Phase 1: Preparation', '### 🔧 US-001: Story', '### us-2: lower', '## US-003', '# PROJ-001: Standalone ✅', '| **Story Points** | 5 |',
  '**Story Points**: 3  **Priority**: High  **Status**: Planned', '> **Status**: Done', 'Status:: Blocked', '#### Description', '**As a** user',
  '**I want** x', '**So that** y', '#### Acceptance Criteria', '- [ ] open', '  - [x] nested', '#### Subtasks', '| # | Subtask | Description | SP | Status |',
  '|---|---------|-------------|:--:|--------|', '| 1 | Do | it \\| that | 1 | ✅ Done |', '- [ ] **Task 1** - First task', '#### Comments', '> **@dana** (2026-11-20):',
  '> looks good', '> **Jira:** [PROJ-100](https://x.test/browse/PROJ-100)', '> **Issue:** [P-1](https://x.test) · **Synced:** now', '```', '~~~', '````md', '',
  '   ### indented', '    ### code', 'text', '## Risks & Mitigations', '| Risk | Impact |',
];

/** The result as JSON without offsets: what must not depend on the line break. */
function withoutOffsets(text: string): unknown {
  const result = parseEpic(text);
  return JSON.parse(JSON.stringify({ epic: result.epic, diagnostics: result.diagnostics }, (key, value: unknown) => (key === 'from' || key === 'to' ? undefined : value))) as unknown;
}

function variants(lf: string): { crlf: string; cr: string } {
  return { crlf: lf.replace(/\n/g, '\r\n'), cr: lf.replace(/\n/g, '\r') };
}

test.each(notes.map((text, i) => [i, text] as const))('note %i reads the same with LF, CRLF and CR', (_i, lf) => {
  const expected = withoutOffsets(lf);
  const { crlf, cr } = variants(lf);
  expect(withoutOffsets(crlf)).toEqual(expected);
  expect(withoutOffsets(cr)).toEqual(expected);
});

test('any line soup reads the same with LF, CRLF and CR', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), (lines) => {
    const lf = lines.join('\n');
    const expected = withoutOffsets(lf);
    const { crlf, cr } = variants(lf);
    expect(withoutOffsets(crlf)).toEqual(expected);
    expect(withoutOffsets(cr)).toEqual(expected);
  }), { numRuns: 300 });
});

test('a heading inside a CRLF or CR fence is not a story', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = ['# Epic', '', '```', '### US-009: fenced', '```', '', '### US-001: Real', ''].join(eol);
    expect(parseEpic(text).epic.stories.map((story) => story.id)).toEqual(['US-001']);
  }
});
