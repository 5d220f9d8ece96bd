/**
 * The sync plan modal. Without tracker settings it says what to configure; otherwise it asks its
 * `PlanProvider` for the dry run and lists the plan (counts per kind, one
 * entry per operation with `field: before → after`, warnings) with "Sync N changes" and "Cancel".
 * Nothing is written before "Sync N changes" is clicked; while the sync runs that button is
 * disabled and "Cancel" asks the run to stop between requests.
 */
import { App, Modal } from 'obsidian';
import type { ExecutionControl, PendingSync, PlanPreview, PlanOperationPreview, PlanDiffLine, PlanProvider, SyncScope } from './plan-preview';
import { changeText, kindLabel } from './sync-summary';
import { chosenConflicts, renderTwoWay, twoWayConfirmText } from './plan-two-way';
import { hasTwoWayItems } from './two-way-summary';

export { changeText } from './sync-summary';
export type { ExecutionControl, PendingSync, PlanDiffLine, PlanFieldChange, PlanOperationPreview, PlanPreview, PlanProvider, SyncScope } from './plan-preview';

/** Constructor options of {@link PlanModal}. */
export interface PlanModalOptions {
  readonly scope: SyncScope;
  /** Settings still missing before the tracker can be reached (labels); empty = configured. */
  readonly missing: readonly string[];
  /** Opens the plugin's settings tab. */
  readonly openSettings: () => void;
  /** The sync engine (the plugin's sync controller). */
  readonly provider: PlanProvider;
}

/** Counts of operations per kind, in first-seen order. */
export function countByKind(plan: PlanPreview): [string, number][] {
  const counts = new Map<string, number>();
  for (const op of plan.operations) counts.set(op.kind, (counts.get(op.kind) ?? 0) + 1);
  return [...counts];
}

/** The text of the confirm button: "Sync 12 changes", or "Write 3 keys into the note" when only keys are new. */
export function confirmText(plan: PlanPreview): string {
  const count = plan.operations.length;
  if (count > 0) return `Sync ${count} ${count === 1 ? 'change' : 'changes'}`;
  const keys = plan.keysToWrite ?? 0;
  return `Write ${keys} ${keys === 1 ? 'key' : 'keys'} into the note`;
}

interface ButtonSpec {
  readonly text: string;
  readonly cta: boolean;
  readonly run: () => void;
}

/** The sync plan modal; see the file comment. */
export class PlanModal extends Modal {
  private readonly options: PlanModalOptions;
  private running = false;
  private cancelled = false;
  private shown = false;

  constructor(app: App, options: PlanModalOptions) {
    super(app);
    this.options = options;
  }

  override onOpen(): void {
    this.shown = true;
    this.setTitle(titleFor(this.options.scope));
    this.contentEl.addClass('spectryn-plan-modal');
    this.render();
  }

  override onClose(): void {
    this.shown = false;
    this.contentEl.empty();
  }

  private render(): void {
    const { contentEl } = this;
    contentEl.empty();
    const { missing, provider } = this.options;
    if (missing.length > 0) {
      contentEl.createEl('p', { text: 'No tracker configured. Sync needs these settings first:' });
      const list = contentEl.createEl('ul', { cls: 'spectryn-plan-missing' });
      for (const label of missing) list.createEl('li', { text: label });
      this.buttons([{ text: 'Open settings', cta: true, run: () => { this.close(); this.options.openSettings(); } }]);
      return;
    }
    contentEl.createEl('p', { cls: 'spectryn-plan-loading', text: 'Reading the tracker (dry run)…' });
    provider.plan(this.options.scope).then(
      (pending) => { if (this.isShown()) this.renderPlan(pending); },
      (error: unknown) => { if (this.isShown()) this.renderError(error); },
    );
  }

  private renderPlan(pending: PendingSync): void {
    const { contentEl } = this;
    const plan = pending.preview;
    contentEl.empty();
    const warnings = plan.warnings ?? [];
    if (plan.operations.length === 0 && (plan.keysToWrite ?? 0) === 0 && !hasTwoWayItems(plan)) {
      contentEl.createEl('p', { cls: 'spectryn-plan-empty', text: emptyPlanText(plan) });
      this.renderWarnings(warnings);
      this.renderProblems(plan);
      this.buttons([{ text: 'Close', cta: false, run: () => this.close() }]);
      return;
    }
    if (plan.epicKey !== undefined) contentEl.createEl('p', { cls: 'spectryn-plan-epic', text: `Epic ${plan.epicKey}: nothing is changed until you confirm.` });
    const summary = contentEl.createEl('ul', { cls: 'spectryn-plan-counts' });
    for (const [kind, count] of countByKind(plan)) {
      summary.createEl('li', { text: `${kindLabel(kind)}: ${count}`, attr: { 'data-kind': kind, 'data-count': count } });
    }
    if ((plan.keysToWrite ?? 0) > 0) {
      summary.createEl('li', { text: `keys to write into the note: ${plan.keysToWrite ?? 0}`, attr: { 'data-kind': 'write_keys', 'data-count': plan.keysToWrite ?? 0 } });
    }
    this.renderWarnings(warnings);
    if (plan.twoWay) renderTwoWay(contentEl, plan.twoWay);
    const list = contentEl.createDiv({ cls: 'spectryn-plan-operations' });
    for (const op of plan.operations) this.renderOperation(list, op);
    this.renderNotInTracker(plan);
    this.renderProblems(plan);

    const bar = this.buttons([
      { text: 'Cancel', cta: false, run: () => this.cancel() },
      { text: plan.twoWay ? twoWayConfirmText(plan) : confirmText(plan), cta: true, run: () => this.confirm(pending) },
    ]);
    bar.addClass('spectryn-plan-buttons');
  }

  private renderOperation(list: HTMLElement, op: PlanOperationPreview): void {
    const row = list.createDiv({ cls: 'spectryn-plan-operation', attr: { 'data-kind': op.kind } });
    const head = row.createDiv({ cls: 'spectryn-plan-operation-head' });
    head.createSpan({ cls: 'spectryn-plan-kind', text: kindLabel(op.kind) });
    head.createSpan({ cls: 'spectryn-story-id', text: op.target });
    if (op.title) head.createSpan({ cls: 'spectryn-plan-title', text: op.title });
    if (op.issueKey) head.createSpan({ cls: 'spectryn-issue-chip', text: op.issueKey });
    if (op.changes.length === 0) return;
    const changes = row.createEl('ul', { cls: 'spectryn-plan-changes' });
    for (const change of op.changes) {
      const item = changes.createEl('li');
      const text = changeText(op.kind, change);
      if ('summary' in text) {
        if (change.diff !== undefined && change.diff.length > 0) this.renderDiff(item, text.summary, change.diff);
        else item.createSpan({ cls: 'spectryn-plan-summary', text: text.summary });
        continue;
      }
      item.createSpan({ cls: 'spectryn-plan-field', text: `${text.field}: ` });
      if (text.before !== null) {
        item.createSpan({ cls: 'spectryn-plan-before', text: text.before });
        item.createSpan({ text: ' → ' });
      }
      item.createSpan({ cls: 'spectryn-plan-after', text: text.after });
    }
  }

  /** The summary line that expands to the before → after lines (`-` removed, `+` added). */
  private renderDiff(item: HTMLElement, summary: string, diff: readonly PlanDiffLine[]): void {
    const details = item.createEl('details', { cls: 'spectryn-plan-details' });
    details.createEl('summary').createSpan({ cls: 'spectryn-plan-summary', text: summary });
    const lines = details.createDiv({ cls: 'spectryn-plan-diff' });
    for (const line of diff) {
      const cls = line.kind === 'removed' ? 'spectryn-plan-before' : line.kind === 'added' ? 'spectryn-plan-after' : 'spectryn-plan-same';
      const mark = line.kind === 'removed' ? '-' : line.kind === 'added' ? '+' : ' ';
      lines.createDiv({ cls: ['spectryn-plan-diff-line', cls], text: `${mark} ${line.text}`, attr: { 'data-kind': line.kind } });
    }
  }

  private renderWarnings(warnings: readonly string[]): void {
    if (warnings.length === 0) return;
    const list = this.contentEl.createEl('ul', { cls: 'spectryn-plan-warnings' });
    for (const warning of warnings) list.createEl('li', { text: warning });
  }

  /**
   * Above the confirm button: every problem of the note that changes what this sync does, each
   * with its line, so nothing hidden under an underline is synced unseen.
   */
  private renderProblems(plan: PlanPreview): void {
    const problems = plan.problems ?? [];
    if (problems.length === 0) return;
    const box = this.contentEl.createDiv({ cls: 'spectryn-plan-problems' });
    box.createEl('p', { cls: 'spectryn-plan-problems-head', text: `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in the note change what this sync does:` });
    const list = box.createEl('ul');
    for (const problem of problems) list.createEl('li', { text: `Line ${problem.line}: ${problem.message}`, attr: { 'data-line': problem.line } });
  }

  /** A statuses-only sync: the stories it cannot set a status on yet, once, in the plugin's words. */
  private renderNotInTracker(plan: PlanPreview): void {
    const missing = plan.notInTracker ?? [];
    if (missing.length === 0) return;
    this.contentEl.createEl('p', { cls: 'spectryn-plan-not-in-tracker', text: notInTrackerText(missing, plan.tracker ?? 'Jira') });
  }

  private confirm(pending: PendingSync): void {
    if (this.running) return;
    this.running = true;
    this.setButtonsRunning();
    const control: ExecutionControl = { isCancelled: () => this.cancelled };
    // The conflict choices as they stand at the click; a conflict without one is left.
    pending.execute(control, chosenConflicts(this.contentEl)).then(
      () => { this.running = false; this.close(); },
      (error: unknown) => { this.running = false; if (this.isShown()) this.renderError(error); },
    );
  }

  private cancel(): void {
    if (!this.running) {
      this.close();
      return;
    }
    // The run stops before its next request; what is done stays done and its keys are written.
    this.cancelled = true;
    const cancel = this.contentEl.querySelector<HTMLButtonElement>('.spectryn-plan-cancel');
    if (cancel) {
      cancel.disabled = true;
      cancel.setText('Stopping…');
    }
  }

  private setButtonsRunning(): void {
    const confirm = this.contentEl.querySelector<HTMLButtonElement>('.spectryn-plan-confirm');
    if (confirm) {
      confirm.disabled = true;
      confirm.setText('Syncing…');
    }
  }

  private renderError(error: unknown): void {
    const { contentEl } = this;
    contentEl.empty();
    contentEl.createEl('p', { cls: 'spectryn-plan-error', text: `Sync failed: ${error instanceof Error ? error.message : 'unknown error'}` });
    this.buttons([{ text: 'Close', cta: false, run: () => this.close() }]);
  }

  /** False once closed: a dry run that ends after the modal was closed renders nothing. */
  private isShown(): boolean {
    return this.shown;
  }

  private buttons(specs: readonly ButtonSpec[]): HTMLElement {
    const bar = this.contentEl.createDiv({ cls: 'modal-button-container' });
    for (const spec of specs) {
      const role = spec.cta ? 'spectryn-plan-confirm' : 'spectryn-plan-cancel';
      const button = bar.createEl('button', { text: spec.text, cls: spec.cta ? ['mod-cta', role] : [role] });
      button.addEventListener('click', spec.run);
    }
    return bar;
  }
}

/** What an empty plan says: nothing to change, or (statuses only) that the stories are not in Jira yet. */
export function emptyPlanText(plan: PlanPreview): string {
  const missing = plan.notInTracker ?? [];
  if (missing.length === 0) return 'Nothing to change: the tracker already matches the note.';
  return `No statuses to sync: ${notInTrackerText(missing, plan.tracker ?? 'Jira')}`;
}

/** "7 stories are not in Jira yet (US-001, US-002…): run “Sync epic with tracker” to create them first." */
function notInTrackerText(ids: readonly string[], tracker: string): string {
  const shown = ids.slice(0, 5).join(', ');
  const more = ids.length > 5 ? ` and ${ids.length - 5} more` : '';
  const subject = ids.length === 1 ? `${shown} is` : `${ids.length} stories (${shown}${more}) are`;
  return `${subject} not in ${tracker} yet; their statuses sync once “Sync epic with tracker” has created them.`;
}

function titleFor(scope: SyncScope): string {
  switch (scope.kind) {
    case 'all': return 'Sync epic with tracker';
    case 'statuses': return 'Sync statuses with tracker';
    case 'story': return `Sync ${scope.storyId} with tracker`;
  }
}
