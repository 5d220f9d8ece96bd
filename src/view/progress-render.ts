/**
 * Renders the progress pane's content for a snapshot of the active note: pure DOM building with
 * Obsidian's `createEl` helpers, no listeners (the view delegates clicks through `data-story` and
 * `data-action`). Stable hooks for tests and themes: each phase row carries `data-phase`,
 * `data-stories-done`, `data-stories-total`, `data-points-done`, `data-points-total`.
 */
import { issueHref } from '../editor/decorations';
import { pointsText, pointsWithUnit, statusLabel } from '../model';
import type { Counts, PhaseProgress, Story } from '../model/types';
import type { ActiveEpicSnapshot } from './epic-snapshot';

/** `data-action` of the link that explains the note format. */
export const SHOW_FORMAT_ACTION = 'show-format';

/** Options of {@link renderProgressPane}. */
export interface PaneRenderOptions {
  /** Tracker site URL: issue key chips link to `<base>/browse/KEY` when the note gives no URL. Default: none. */
  readonly trackerBaseUrl?: string | null;
}

/** Replaces `container`'s children with the pane for `snapshot`. */
export function renderProgressPane(container: HTMLElement, snapshot: ActiveEpicSnapshot, options: PaneRenderOptions = {}): void {
  container.empty();
  container.addClass('spectryn-pane');
  const { file, result, progress } = snapshot;
  if (!file) {
    container.createDiv({ cls: 'spectryn-pane-empty', text: 'Open an epic note to see its progress.' });
    return;
  }
  // A note without stories is not even parsed (result null): it is not an epic either way.
  if (!snapshot.isEpic || !result || !progress) {
    renderNotAnEpic(container, file.basename);
    return;
  }
  const base = options.trackerBaseUrl ?? null;

  const { epic } = result;
  const header = container.createDiv({ cls: 'spectryn-pane-header' });
  header.createDiv({ cls: 'spectryn-epic-title', text: epic.title ?? file.basename });
  if (epic.key) header.createSpan({ cls: 'spectryn-key-chip', text: epic.key });

  const overall = container.createDiv({ cls: 'spectryn-overall' });
  setCountAttributes(overall, progress.totals);
  renderBar(overall, progress.totals, 'Overall');
  renderCountLine(overall, progress.totals, true);

  const phases = container.createDiv({ cls: 'spectryn-phases' });
  for (const phase of progress.phases) renderPhase(phases, phase, base);
}

/** The status bar text for an epic's totals, e.g. `Epic 8/37 pts`. */
export function statusBarText(totals: Counts): string {
  return `Epic ${pointsText(totals.pointsDone)}/${pointsText(totals.points)} pts`;
}

function renderNotAnEpic(container: HTMLElement, name: string): void {
  const box = container.createDiv({ cls: 'spectryn-pane-empty' });
  box.createEl('p', { text: `"${name}" is not an epic: it has no user stories.` });
  box.createEl('p', {
    text: 'An epic note has a title line, optional phase headings, and one heading per story (an ID, a colon and a title) with a story points row.',
  });
  box.createEl('a', {
    cls: 'spectryn-format-link',
    text: 'See the epic note format',
    href: '#',
    attr: { 'data-action': SHOW_FORMAT_ACTION },
  });
}

function renderPhase(parent: HTMLElement, phase: PhaseProgress, base: string | null): void {
  const row = parent.createDiv({ cls: 'spectryn-phase', attr: { 'data-phase': phase.name } });
  setCountAttributes(row, phase.counts);
  const head = row.createDiv({ cls: 'spectryn-phase-head' });
  head.createSpan({ cls: 'spectryn-phase-name', text: phase.name });
  head.createSpan({
    cls: 'spectryn-phase-stories',
    text: `${phase.counts.storiesDone}/${phase.counts.stories} stories`,
  });
  renderBar(row, phase.counts, phase.name);
  // The stories count is in the phase head already.
  renderCountLine(row, phase.counts, false);

  const list = row.createEl('ul', { cls: 'spectryn-stories' });
  for (const story of phase.stories) renderStory(list, story, base);
}

function renderStory(list: HTMLElement, story: Story, base: string | null): void {
  const item = list.createEl('li', {
    cls: 'spectryn-story',
    attr: {
      'data-story': story.id,
      'data-line': story.headerRange.line,
      'data-status': story.status,
      role: 'button',
      tabindex: 0,
      'aria-label': `${story.id} ${story.title}, ${statusLabel(story.status)}; go to line ${story.headerRange.line}`,
    },
  });
  if (story.status === 'cancelled') item.addClass('is-cancelled');
  item.createSpan({ cls: 'spectryn-status-badge', text: statusLabel(story.status), attr: { 'data-status': story.status } });
  item.createSpan({ cls: 'spectryn-story-id', text: story.id });
  // One line, cut with an ellipsis when narrow: the full title on hover.
  const title = story.title || '(untitled)';
  item.createSpan({ cls: 'spectryn-story-title', text: title, attr: { title } });
  if (story.storyPoints === null) {
    item.addClass('is-unestimated');
    item.createSpan({ cls: 'spectryn-unestimated-flag', text: 'Not estimated', attr: { title: 'This story has no story points' } });
  } else {
    item.createSpan({ cls: 'spectryn-story-points', text: pointsWithUnit(story.storyPoints) });
  }
  if (story.issueKey) renderIssueChip(item, story, base);
}

/** The story's issue key; a link to the tracker when the note or the settings give its address. */
function renderIssueChip(item: HTMLElement, story: Story, base: string | null): void {
  const key = story.issueKey ?? '';
  const url = story.issueLine?.key === key ? story.issueLine.url : null;
  const href = issueHref(key, url, base);
  if (!href) {
    item.createSpan({ cls: 'spectryn-issue-chip', text: key, attr: { 'data-issue-key': key } });
    return;
  }
  item.createEl('a', {
    cls: 'spectryn-issue-chip external-link',
    text: key,
    href,
    attr: { 'data-issue-key': key, target: '_blank', rel: 'noopener', 'aria-label': `Open ${key} in the tracker` },
  });
}

function renderBar(parent: HTMLElement, counts: Counts, name: string): void {
  const label = `${pointsText(counts.pointsDone)} of ${pointsText(counts.points)} points done`;
  const wrap = parent.createDiv({ cls: 'spectryn-bar' });
  // A native <progress> sizes its own fill, so no inline width is needed; the ARIA attributes say
  // the same numbers for screen readers that ignore the element's value.
  wrap.createEl('progress', {
    cls: 'spectryn-bar-meter',
    attr: {
      role: 'progressbar',
      max: Math.max(counts.points, 1),
      value: counts.pointsDone,
      'aria-valuemin': 0,
      'aria-valuemax': counts.points,
      'aria-valuenow': counts.pointsDone,
      'aria-valuetext': label,
      'aria-label': `${name}: ${label}`,
    },
  });
  wrap.createSpan({ cls: 'spectryn-bar-label', text: `${pointsText(counts.pointsDone)}/${pointsText(counts.points)} pts` });
}

function renderCountLine(parent: HTMLElement, counts: Counts, withStories: boolean): void {
  const line = parent.createDiv({ cls: 'spectryn-counts' });
  if (withStories) line.createSpan({ text: `${counts.storiesDone}/${counts.stories} stories done` });
  line.createSpan({ text: `${counts.subtasksDone}/${counts.subtasks} subtasks` });
  if (counts.storiesCancelled > 0) line.createSpan({ cls: 'spectryn-cancelled-count', text: `${counts.storiesCancelled} cancelled` });
  if (counts.unestimated > 0) line.createSpan({ cls: 'spectryn-unestimated-count', text: `${counts.unestimated} not estimated` });
}

function setCountAttributes(el: HTMLElement, counts: Counts): void {
  el.setAttrs({
    'data-stories-done': counts.storiesDone,
    'data-stories-total': counts.stories,
    'data-stories-cancelled': counts.storiesCancelled,
    'data-points-done': counts.pointsDone,
    'data-points-total': counts.points,
    'data-subtasks-done': counts.subtasksDone,
    'data-subtasks-total': counts.subtasks,
  });
}
