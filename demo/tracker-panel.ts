/**
 * "What the tracker holds": the embedded Jira's issues as a tree (the epic, each story, its
 * subtasks under it; key, status, summary, points in aligned columns; the key opens the issue's
 * page), its request and write counts, and a hint that sync never changes the epic's own status.
 * Polled from `GET /sandbox/tracker`. Collapsible: the header toggles the list (remembered; on a
 * first visit it starts collapsed in a window smaller than `TRACKER_OPEN_MIN_HEIGHT` by
 * `TRACKER_OPEN_MIN_WIDTH`, where the progress pane needs the room).
 * Above the tree, a form lets "a teammate" change an issue in Jira (demo/teammate-form.ts).
 * Stable hooks: the panel has `data-issue-count` and `data-collapsed`; each row `data-key`,
 * `data-type`, `data-status`, `data-parent`, `data-depth`; the hint `data-epic-status`.
 */
import { browsePath } from './browse-page';
import { pointsWithUnit } from '../src/model';
import { countOf } from './plural';
import { issueTree } from './tracker-tree';
import { TeammateForm } from './teammate-form';

/** What `GET /sandbox/tracker` answers (see demo/server.ts). */
interface TrackerState {
  readonly issues: readonly { key: string; type: string; summary: string; status: string; parent: string | null; storyPoints: number | null }[];
  readonly requests: number;
  readonly writes: number;
  readonly violations: readonly string[];
  readonly statuses: readonly string[];
}

/** How often the panel asks the server, in ms. */
export const TRACKER_POLL_MS = 1000;

/** On a first visit, the panel starts open only in windows at least this tall (CSS px)… */
export const TRACKER_OPEN_MIN_HEIGHT = 800;
/** …and wider than this (below it the sidebar sits under the note: see sandbox.css). */
export const TRACKER_OPEN_MIN_WIDTH = 721;

/** The localStorage key of the panel's open/collapsed choice. */
const OPEN_KEY = 'sandbox-tracker-open';

/** Options of {@link TrackerPanel}. */
export interface TrackerPanelOptions {
  readonly el: HTMLElement;
  /** The site the plugin syncs with; the panel shows the embedded tracker only when it is this page. */
  readonly siteUrl: () => string;
  readonly origin: string;
}

/** The panel; `start()` polls until `stop()`. */
export class TrackerPanel {
  private timer: number | null = null;
  private last = '';
  private readonly toggleEl: HTMLElement;
  private readonly countEl: HTMLElement;
  private readonly bodyEl: HTMLElement;
  private readonly summaryEl: HTMLElement;
  private readonly hintEl: HTMLElement;
  private readonly teammateEl: HTMLElement;
  private readonly teammate: TeammateForm;

  constructor(private readonly options: TrackerPanelOptions) {
    const { el } = options;
    const header = el.createDiv({ cls: 'sandbox-tracker-header' });
    this.toggleEl = header.createEl('button', { cls: 'sandbox-tracker-toggle', attr: { title: 'Show or hide the issues the tracker holds' } });
    this.toggleEl.createSpan({ cls: 'sandbox-tracker-chevron', attr: { 'aria-hidden': 'true' } });
    this.toggleEl.createSpan({ cls: 'sandbox-tracker-title', text: 'In the tracker' });
    this.countEl = this.toggleEl.createSpan({ cls: 'sandbox-tracker-count' });
    this.toggleEl.addEventListener('click', () => this.setOpen(el.getAttribute('data-collapsed') === 'true', true));
    const reset = header.createEl('button', { cls: 'sandbox-tracker-reset', text: 'Start over', attr: { title: 'Empty the tracker (the epic stays) and reload the example note' } });
    reset.addEventListener('click', () => { void this.reset(); });
    const details = el.createDiv({ cls: 'sandbox-tracker-details' });
    this.summaryEl = details.createDiv({ cls: 'sandbox-tracker-summary' });
    this.hintEl = details.createDiv({ cls: 'sandbox-tracker-hint' });
    // Above the tree (which grows long), built once: what a person types stays while the tree refreshes.
    this.teammateEl = details.createDiv({ cls: 'sandbox-teammate-box' });
    this.teammate = new TeammateForm(this.teammateEl, () => { void this.refresh(); });
    this.bodyEl = details.createDiv({ cls: 'sandbox-tracker-issues' });
    const stored = window.localStorage.getItem(OPEN_KEY);
    const roomy = window.innerHeight >= TRACKER_OPEN_MIN_HEIGHT && window.innerWidth >= TRACKER_OPEN_MIN_WIDTH;
    this.setOpen(stored === null ? roomy : stored === 'true', false);
  }

  start(): void {
    void this.refresh();
    this.timer = window.setInterval(() => { void this.refresh(); }, TRACKER_POLL_MS);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(): Promise<void> {
    if (this.options.siteUrl() !== this.options.origin) {
      this.render(null);
      return;
    }
    try {
      const response = await fetch('/sandbox/tracker', { cache: 'no-store' });
      this.render((await response.json()) as TrackerState);
    } catch {
      this.summaryEl.setText('The sandbox server is not answering.');
    }
  }

  /** Opens or collapses the list; `remember` keeps the choice for the next visit. */
  setOpen(open: boolean, remember: boolean): void {
    this.options.el.setAttr('data-collapsed', open ? 'false' : 'true');
    this.options.el.toggleClass('is-collapsed', !open);
    this.toggleEl.setAttr('aria-expanded', open ? 'true' : 'false');
    if (remember) window.localStorage.setItem(OPEN_KEY, open ? 'true' : 'false');
  }

  /** A fresh tracker and a fresh note (the note lives in the page: a reload brings back the example). */
  private async reset(): Promise<void> {
    await fetch('/sandbox/reset', { method: 'POST' });
    window.location.reload();
  }

  private render(state: TrackerState | null): void {
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    const { el } = this.options;
    this.bodyEl.empty();
    this.hintEl.empty();
    this.hintEl.setAttr('data-epic-status', null);
    this.teammateEl.toggleClass('is-hidden', state === null);
    if (!state) {
      el.setAttr('data-issue-count', null);
      this.countEl.setText('');
      this.summaryEl.setText('The plugin syncs with another site (see settings); this panel shows the built-in tracker only.');
      return;
    }
    el.setAttr('data-issue-count', state.issues.length);
    this.teammate.update(state.issues, state.statuses);
    this.countEl.setText(countOf(state.issues.length, 'issue'));
    const violations = state.violations.length === 0 ? '' : ` · ${countOf(state.violations.length, 'API contract violation')}`;
    this.summaryEl.setText(`Built-in Jira at this address · ${countOf(state.issues.length, 'issue')} · ${countOf(state.writes, 'write')} of ${countOf(state.requests, 'request')}${violations}`);
    const epic = state.issues.find((issue) => issue.type === 'Epic');
    if (epic) {
      // Sync plans stories and subtasks only (src/sync/jira/plan.ts): the epic's status stays as Jira has it.
      this.hintEl.setAttr('data-epic-status', epic.status);
      this.hintEl.setText(`Sync never changes the epic's own status (${epic.key}: ${epic.status}), only stories and subtasks.`);
    }
    const list = this.bodyEl.createEl('ul');
    for (const { issue, depth } of issueTree(state.issues)) {
      const row = list.createEl('li', {
        cls: ['sandbox-issue', `is-depth-${String(Math.min(depth, 3))}`],
        attr: { 'data-key': issue.key, 'data-type': issue.type, 'data-status': issue.status, 'data-parent': issue.parent, 'data-depth': depth },
      });
      row.createEl('a', { cls: 'sandbox-issue-key', text: issue.key, href: browsePath(issue.key), attr: { target: '_blank', rel: 'noopener', title: `Open ${issue.key} in the built-in Jira` } });
      row.createSpan({
        cls: ['sandbox-issue-status', issue.type === 'Epic' ? 'is-not-synced' : ''],
        text: issue.status,
        attr: { title: issue.type === 'Epic' ? 'The epic\'s status is not synced' : issue.status },
      });
      row.createSpan({ cls: 'sandbox-issue-summary', text: issue.summary, attr: { title: `${issue.type}: ${issue.summary}` } });
      row.createSpan({ cls: 'sandbox-issue-points', text: issue.storyPoints === null ? '' : pointsWithUnit(issue.storyPoints) });
    }
  }
}
