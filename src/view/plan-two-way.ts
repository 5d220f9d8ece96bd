/**
 * The plan modal's two-way sections (docs/sync-record.md): "No sync record" when there was none,
 * "From Jira" (fields Jira changed, written into the note), "Add to the note" (issues created in
 * Jira) and "Conflicts": each with the note's and Jira's values and a choice of three radio
 * buttons (keep the note's, take Jira's, leave it). Nothing is chosen for the user: a conflict
 * without a choice is left, and the sync can be confirmed with conflicts left. Native radio groups
 * make every choice reachable by keyboard (Tab to a group, arrows within it).
 * Stable hooks: each section `data-section`; each conflict `data-conflict` (its plan id), its
 * values `.spectryn-conflict-note` / `.spectryn-conflict-tracker`, its radios `value` = the choice.
 */
import type { ConflictChoice } from '../sync/record/conflicts';
import type { ConflictChoices, PlanConflictPreview, PlanPreview, TwoWayPreview } from './plan-preview';
import { twoWayChangeCount } from './two-way-summary';

/** The three choices of a conflict, in the order shown, with their words (`tracker`: as people name it, default `Jira`). */
export function conflictChoiceLabels(tracker = 'Jira'): readonly { readonly choice: ConflictChoice; readonly label: string }[] {
  return [
    { choice: 'note', label: 'Keep the note\'s' },
    { choice: 'tracker', label: `Take ${tracker}'s` },
    { choice: 'leave', label: 'Leave it' },
  ];
}

/** Appends the two-way sections of `preview` to `parent`. */
export function renderTwoWay(parent: HTMLElement, preview: TwoWayPreview): void {
  const box = parent.createDiv({ cls: 'spectryn-plan-two-way' });
  if (preview.noRecord) {
    box.createEl('p', {
      cls: 'spectryn-plan-no-record',
      attr: { 'data-section': 'no-record' },
      text: 'No sync record for this epic yet (a first sync, or a note synced elsewhere): the note\'s values are sent to the tracker, and nothing is taken from it.',
    });
  }
  if (preview.pulls.length > 0) {
    const section = sectionOf(box, 'pulls', `From ${preview.tracker ?? 'Jira'}: ${preview.pulls.length}`);
    const list = section.createEl('ul', { cls: 'spectryn-plan-changes' });
    for (const pull of preview.pulls) {
      const item = list.createEl('li', { attr: { 'data-target': pull.target } });
      item.createSpan({ cls: 'spectryn-story-id', text: pull.target });
      item.createSpan({ cls: 'spectryn-plan-field', text: ` ${pull.field}: ` });
      item.createSpan({ cls: 'spectryn-plan-before', text: pull.before });
      item.createSpan({ text: ' → ' });
      item.createSpan({ cls: 'spectryn-plan-after', text: pull.after });
      item.createSpan({ cls: 'spectryn-issue-chip', text: pull.issueKey });
    }
  }
  if (preview.additions.length > 0) {
    const section = sectionOf(box, 'additions', `Add to the note: ${preview.additions.length}`);
    const list = section.createEl('ul', { cls: 'spectryn-plan-changes' });
    for (const addition of preview.additions) {
      const item = list.createEl('li', { attr: { 'data-key': addition.issueKey } });
      item.createSpan({ cls: 'spectryn-issue-chip', text: addition.issueKey });
      const where = addition.kind === 'story' ? 'new story' : `new subtask of ${addition.storyId ?? 'a story'}`;
      item.createSpan({ cls: 'spectryn-plan-title', text: ` ${addition.summary} ` });
      item.createSpan({ cls: 'spectryn-plan-summary', text: `(${where}, ${addition.status})` });
    }
  }
  if (preview.conflicts.length > 0) {
    const section = sectionOf(box, 'conflicts', `Conflicts: ${preview.conflicts.length}`);
    section.createEl('p', {
      cls: 'spectryn-plan-conflict-hint',
      text: 'Changed on both sides since the last sync. Choose per conflict; one you leave is written nowhere and stays listed.',
    });
    preview.conflicts.forEach((conflict, index) => renderConflict(section, conflict, index, preview.tracker ?? 'Jira'));
  }
}

/** The choices made in the conflicts rendered under `parent` (a conflict without one is absent: left). */
export function chosenConflicts(parent: HTMLElement): ConflictChoices {
  const chosen = new Map<string, ConflictChoice>();
  for (const input of Array.from(parent.querySelectorAll<HTMLInputElement>('.spectryn-conflict input[type="radio"]'))) {
    const id = input.closest('.spectryn-conflict')?.getAttribute('data-conflict');
    if (input.checked && id && isChoice(input.value)) chosen.set(id, input.value);
  }
  return chosen;
}

/**
 * The confirm button's text for a plan with a two-way part: "Sync N changes" (pushes, pulls and
 * additions), or "Apply conflict choices" when only conflicts are listed.
 */
export function twoWayConfirmText(plan: PlanPreview): string {
  const count = twoWayChangeCount(plan);
  if (count === 0 && (plan.twoWay?.conflicts.length ?? 0) > 0) return 'Apply conflict choices';
  return `Sync ${count} ${count === 1 ? 'change' : 'changes'}`;
}

function sectionOf(parent: HTMLElement, name: string, heading: string): HTMLElement {
  const section = parent.createDiv({ cls: 'spectryn-plan-section', attr: { 'data-section': name } });
  section.createEl('h3', { cls: 'spectryn-plan-section-title', text: heading });
  return section;
}

function renderConflict(parent: HTMLElement, conflict: PlanConflictPreview, index: number, trackerName: string): void {
  const box = parent.createEl('fieldset', { cls: 'spectryn-conflict', attr: { 'data-conflict': conflict.id } });
  const legend = box.createEl('legend', { cls: 'spectryn-conflict-legend' });
  legend.createSpan({ cls: 'spectryn-story-id', text: conflict.target });
  if (conflict.title) legend.createSpan({ cls: 'spectryn-plan-title', text: ` ${conflict.title}` });
  legend.createSpan({ cls: 'spectryn-plan-field', text: ` · ${conflict.field}` });
  const values = box.createDiv({ cls: 'spectryn-conflict-values' });
  const note = values.createDiv({ cls: 'spectryn-conflict-side' });
  note.createSpan({ cls: 'spectryn-conflict-side-name', text: 'Note: ' });
  note.createSpan({ cls: 'spectryn-conflict-note', text: conflict.note });
  const tracker = values.createDiv({ cls: 'spectryn-conflict-side' });
  tracker.createSpan({ cls: 'spectryn-conflict-side-name', text: `${trackerName} (${conflict.issueKey}): ` });
  tracker.createSpan({ cls: 'spectryn-conflict-tracker', text: conflict.tracker });
  const choices = box.createDiv({ cls: 'spectryn-conflict-choices' });
  for (const { choice, label } of conflictChoiceLabels(trackerName)) {
    const wrap = choices.createEl('label', { cls: 'spectryn-conflict-choice' });
    // One radio group per conflict; none is checked: nothing is chosen for the user.
    wrap.createEl('input', { type: 'radio', value: choice, attr: { name: `spectryn-conflict-${index}` } });
    wrap.createSpan({ text: label });
  }
}

function isChoice(value: string): value is ConflictChoice {
  return conflictChoiceLabels().some((entry) => entry.choice === value);
}
