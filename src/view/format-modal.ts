/**
 * A short guide to the epic note format, opened from the pane when the active note is not an epic.
 * Offline on purpose: the sample is the smallest note the parser reads as an epic.
 */
import { App, Modal } from 'obsidian';

/** The smallest useful epic note. */
export const SAMPLE_EPIC = [
  '---',
  'epic: PROJ-100',
  '---',
  '# 🚀 Checkout redesign',
  '',
  '## Phase 1: Design',
  '',
  '### 🎨 US-001: New payment form',
  '',
  '| Field | Value |',
  '|-------|-------|',
  '| **Story Points** | 3 |',
  '| **Status** | 🔄 In Progress |',
  '| **Priority** | 🟡 High |',
  '',
  '#### Acceptance Criteria',
  '',
  '- [ ] Card fields validate as you type',
  '',
  '#### Subtasks',
  '',
  '| # | Subtask | Description | SP | Status |',
  // A short delimiter row (any number of dashes will do): a phone's screen holds it on one line.
  '|---|---|---|:-:|---|',
  '| 1 | Mock-up | Figma frames | 1 | ✅ Done |',
].join('\n');

/** The format guide modal. */
export class FormatModal extends Modal {
  constructor(app: App) {
    super(app);
  }

  override onOpen(): void {
    const { contentEl } = this;
    this.setTitle('The epic note format');
    contentEl.addClass('spectryn-format-modal');
    contentEl.createEl('p', {
      text: 'A title line, optional phase headings, and one heading per story (ID: title) with its fields. Status and priority accept words or emoji; points accept decimals, or a question mark when not estimated.',
    });
    contentEl.createEl('pre', { cls: 'spectryn-format-sample' }).createEl('code', { text: SAMPLE_EPIC });
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
