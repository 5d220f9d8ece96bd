/**
 * "What the tracker holds": the embedded Jira's issues (key, type, status, points, summary, under
 * which parent), and its request and write counts, polled from `GET /sandbox/tracker`. Stable
 * hooks: the panel has `data-issue-count`; each row `data-key`, `data-status`, `data-parent`.
 */

/** What `GET /sandbox/tracker` answers (see demo/server.ts). */
interface TrackerState {
  readonly issues: readonly { key: string; type: string; summary: string; status: string; parent: string | null; storyPoints: number | null }[];
  readonly requests: number;
  readonly writes: number;
  readonly violations: readonly string[];
}

/** How often the panel asks the server, in ms. */
export const TRACKER_POLL_MS = 1000;

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
  private readonly bodyEl: HTMLElement;
  private readonly summaryEl: HTMLElement;

  constructor(private readonly options: TrackerPanelOptions) {
    const { el } = options;
    const header = el.createDiv({ cls: 'sandbox-tracker-header' });
    header.createSpan({ cls: 'sandbox-tracker-title', text: 'In the tracker' });
    const reset = header.createEl('button', { cls: 'sandbox-tracker-reset', text: 'Start over', attr: { title: 'Empty the tracker (the epic stays) and reload the example note' } });
    reset.addEventListener('click', () => { void this.reset(); });
    this.summaryEl = el.createDiv({ cls: 'sandbox-tracker-summary' });
    this.bodyEl = el.createDiv({ cls: 'sandbox-tracker-issues' });
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
    if (!state) {
      el.setAttr('data-issue-count', null);
      this.summaryEl.setText('The plugin syncs with another site (see settings); this panel shows the built-in tracker only.');
      return;
    }
    el.setAttr('data-issue-count', state.issues.length);
    const violations = state.violations.length === 0 ? '' : ` · ${String(state.violations.length)} API contract violations`;
    this.summaryEl.setText(`Built-in Jira at this address · ${String(state.issues.length)} issues · ${String(state.writes)} writes of ${String(state.requests)} requests${violations}`);
    const list = this.bodyEl.createEl('ul');
    for (const issue of state.issues) {
      const row = list.createEl('li', {
        cls: ['sandbox-issue', issue.parent ? 'is-child' : ''],
        attr: { 'data-key': issue.key, 'data-type': issue.type, 'data-status': issue.status, 'data-parent': issue.parent },
      });
      row.createSpan({ cls: 'sandbox-issue-key', text: issue.key });
      row.createSpan({ cls: 'sandbox-issue-status', text: issue.status });
      row.createSpan({ cls: 'sandbox-issue-summary', text: issue.summary, attr: { title: `${issue.type}: ${issue.summary}` } });
      if (issue.storyPoints !== null) row.createSpan({ cls: 'sandbox-issue-points', text: `${String(issue.storyPoints)} pts` });
    }
  }
}
