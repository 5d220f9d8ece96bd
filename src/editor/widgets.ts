/**
 * The widgets the decorations show: status badges, point totals and issue chips. DOM only through
 * Obsidian's `createSpan`/`createEl`; colours come from styles.css (theme variables).
 */
import { WidgetType } from '@codemirror/view';
import { statusEmoji, statusLabel, type DiagnosticCode, type Severity, type Status } from '../model';
import type { TotalsFlag, TotalsView } from './totals';

/** Class of every status badge; `data-status` holds the status (`done`, `in_progress`, …). */
export const BADGE_CLASS = 'spectryn-status-badge';

/** A diagnostic shown on a badge (the badge hides the text the diagnostic underlines). */
export interface BadgeProblem {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** Fills `el` with a status badge's content and hooks (shared by live preview and reading view). */
export function renderStatusBadge(el: HTMLElement, status: Status, known: boolean, raw: string, problem: BadgeProblem | null = null): void {
  el.addClass(BADGE_CLASS);
  el.setAttr('data-status', status);
  if (!known) {
    el.addClass('is-unknown');
    el.setAttr('aria-label', `Unknown status "${raw}", read as planned`);
  }
  if (problem) {
    el.addClass('spectryn-diagnostic', `spectryn-diagnostic-${problem.severity}`);
    el.setAttrs({ 'data-code': problem.code, 'aria-label': problem.message });
  }
  el.createSpan({ cls: 'spectryn-status-emoji', text: statusEmoji(status) });
  el.createSpan({ cls: 'spectryn-status-label', text: statusLabel(status) });
}

/** True for the keys that activate a badge like a click: Enter and Space. */
export function isBadgeActivationKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' || event.key === ' ';
}

/** A clickable badge replacing a status value in live preview. */
export class StatusBadgeWidget extends WidgetType {
  constructor(readonly status: Status, readonly known: boolean, readonly raw: string, readonly problem: BadgeProblem | null) {
    super();
  }

  override eq(other: WidgetType): boolean {
    return other instanceof StatusBadgeWidget && other.status === this.status && other.known === this.known && other.raw === this.raw
      && other.problem?.code === this.problem?.code && other.problem?.message === this.problem?.message;
  }

  toDOM(): HTMLElement {
    // Reachable with Tab; Enter or Space opens the menu like a click (the view plugin handles both).
    const el = createSpan({ attr: { role: 'button', tabindex: 0, 'aria-haspopup': 'menu', 'data-spectryn-badge': '' } });
    renderStatusBadge(el, this.status, this.known, this.raw, this.problem);
    return el;
  }

  // Let the view plugin's handlers see presses, clicks and Enter/Space on the badge (they open the status menu).
  override ignoreEvent(event: Event): boolean {
    if (event.type === 'mousedown' || event.type === 'click') return false;
    return !(event.type === 'keydown' && isBadgeActivationKey(event as KeyboardEvent));
  }
}

/** Fills `el` with a totals display (shared by live preview and reading view). */
export function renderTotals(el: HTMLElement, totals: TotalsView): void {
  el.addClass('spectryn-totals');
  el.setAttrs({
    'data-scope': totals.scope,
    'data-points-done': String(totals.pointsDone),
    'data-points-total': String(totals.pointsTotal),
  });
  el.createSpan({ cls: 'spectryn-totals-text', text: totals.text });
  for (const flag of totals.flags) renderFlag(el, flag);
}

function renderFlag(parent: HTMLElement, flag: TotalsFlag): void {
  parent.createSpan({ cls: 'spectryn-totals-flag', text: flag.label, attr: { 'data-flag': flag.code, 'aria-label': flag.message } });
}

/** Point totals at the end of a heading line. */
export class TotalsWidget extends WidgetType {
  constructor(readonly totals: TotalsView) {
    super();
  }

  override eq(other: WidgetType): boolean {
    if (!(other instanceof TotalsWidget)) return false;
    const a = this.totals;
    const b = other.totals;
    return a.text === b.text && a.scope === b.scope && a.pointsDone === b.pointsDone && a.pointsTotal === b.pointsTotal
      && a.flags.length === b.flags.length && a.flags.every((f, i) => f.label === b.flags[i]?.label && f.message === b.flags[i]?.message);
  }

  toDOM(): HTMLElement {
    const el = createSpan();
    renderTotals(el, this.totals);
    return el;
  }
}

/** A compact chip for the written-back issue line: the key, linking to the tracker when known. */
export class IssueChipWidget extends WidgetType {
  constructor(readonly key: string, readonly href: string | null, readonly synced: string | null) {
    super();
  }

  override eq(other: WidgetType): boolean {
    return other instanceof IssueChipWidget && other.key === this.key && other.href === this.href && other.synced === this.synced;
  }

  toDOM(): HTMLElement {
    const el = createSpan({ cls: 'spectryn-issue-line' });
    if (this.href) {
      el.createEl('a', { cls: 'spectryn-issue-chip external-link', text: this.key, href: this.href, attr: { target: '_blank', rel: 'noopener', 'data-issue-key': this.key } });
    } else {
      el.createSpan({ cls: 'spectryn-issue-chip', text: this.key, attr: { 'data-issue-key': this.key } });
    }
    if (this.synced) el.createSpan({ cls: 'spectryn-issue-synced', text: `Synced ${this.synced}` });
    return el;
  }
}
