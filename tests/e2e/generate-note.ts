/**
 * Builds epic notes of any size for the benchmark and the large-note tests: `stories` stories in
 * phases of ten, each with a metadata table, a description, criteria and a subtask table.
 */
const STATUS_CYCLE = ['✅ Done', '🔄 In Progress', '👀 In Review', '📂 Open', '📋 Planned', '⏸️ Blocked', '❌ Cancelled'];

/** The id of story `n` (1-based): `US-0001`. */
export function storyId(n: number): string {
  return `US-${String(n).padStart(4, '0')}`;
}

/** An epic note with `stories` stories. */
export function generateEpicNote(stories: number): string {
  const out: string[] = ['# 🔄 Generated Epic', '', '> **Epic: A note for measuring the editor**', '', '## Epic Summary', '', '| Field | Value |', '|-------|-------|', '| **Status** | 🔄 In Progress |', ''];
  for (let n = 1; n <= stories; n++) {
    if ((n - 1) % 10 === 0) out.push(`## Phase ${String((n - 1) / 10 + 1)}: Block ${String((n - 1) / 10 + 1)}`, '');
    const status = STATUS_CYCLE[n % STATUS_CYCLE.length] ?? '📋 Planned';
    out.push(
      `### 🔧 ${storyId(n)}: Story number ${String(n)}`, '',
      '| Field | Value |', '|-------|-------|',
      `| **Story Points** | ${String((n % 8) + 1)} |`, '| **Priority** | 🟡 High |', `| **Status** | ${status} |`, '',
      '#### Description', '', '**As a** developer', `**I want** story ${String(n)} done`, '**So that** the benchmark has text', '',
      '#### Acceptance Criteria', '', '- [x] First criterion', '- [ ] Second criterion', '',
      '#### Subtasks', '', '| # | Subtask | Description | SP | Status |', '|---|---------|-------------|:--:|--------|',
      '| 1 | Build | Build it | 1 | ✅ Done |', '| 2 | Test | Test it | 1 | 🔄 In Progress |', '',
      '---', '',
    );
  }
  return out.join('\n');
}
