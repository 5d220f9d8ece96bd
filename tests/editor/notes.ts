/**
 * Test notes of the editor tests (no imports: the browser tests use them too).
 */

/** A note with every status, in every place a status can be written. */
export const DEMO_NOTE = [
  // Compact on purpose: jsdom lays out only about 36 lines, and every line here is checked in the DOM.
  '# 🚀 Demo Epic',
  '## Epic Summary',
  '| Field | Value |',
  '|-------|-------|',
  '| **Status** | 🔄 In Progress |',
  '## Phase 1: Build',
  '### 🔧 US-001: Done story',
  '> **Issue:** [DEMO-7](https://tracker.invalid/browse/DEMO-7) · **Synced:** 2026-11-24 09:44 UTC',
  '',
  '| Field | Value |',
  '|-------|-------|',
  '| **Story Points** | 4 |',
  '| **Status** | ✅ Done |',
  '#### Subtasks',
  '| # | Subtask | Description | SP | Status |',
  '|---|---------|-------------|:--:|--------|',
  '| 1 | One | First | 2 | ✅ Done |',
  '| 2 | Two | Second | 1 | 👀 In Review |',
  '| 3 | Three | Third | 1 | ⏸️ Blocked |',
  '| 4 | Four | Fourth | 1 | Done |',
  '### 🚀 US-002: Inline story',
  '**Story Points**: 3  **Status**: 📂 Open',
  '### 🎨 US-003: Dataview story',
  'Status:: ❌ Cancelled',
  'Story Points:: TBD',
  '## Phase 2: Ship',
  '### 🐛 US-004: Planned story',
  '> **Story Points**: 8',
  '> **Status**: 📋 Planned',
  '',
  '### 🐛 US-005: Odd story',
  '| Field | Value |',
  '|-------|-------|',
  '| **Story Points** | 2 |',
  '| **Status** | Sleeping |',
].join('\n');

/** A plain note: no story header anywhere. */
export const PLAIN_NOTE = '# Shopping\n\n- milk\n- bread\n\n## Done\n\nStatus:: ✅ Done\n';
