/**
 * Renders the progress pane's content for a snapshot of the active note: pure DOM building with
 * Obsidian's `createEl` helpers, no listeners (the view delegates clicks through `data-story` and
 * `data-action`). Stable hooks for tests and themes: each phase row carries `data-phase`,
 * `data-stories-done`, `data-stories-total`, `data-points-done`, `data-points-total`.
 */
import type { BrowseUrl } from '../model/issue-key';
import { issueHref } from '../editor/decorations';
import { pointsText, pointsWithUnit, statusLabel } from '../model';
import type { Counts, Diagnostic, PhaseProgress, Story } from '../model/types';
import type { ActiveEpicSnapshot } from './epic-snapshot';

/** `data-action` of the link that explains the note format. */
export const SHOW_FORMAT_ACTION = 'show-format';

/** `data-action` of the problem count: opens the list of problems (each links to its line). */
export const SHOW_PROBLEMS_ACTION = 'show-problems';

/** Options of {@link renderProgressPane}. */
export interface PaneRenderOptions {
  /** The tracker's page of an issue key: chips link there when the note gives no URL. Default: none (no link). */
  readonly browseUrl?: BrowseUrl | null;
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
  const browse = options.browseUrl ?? null;

  const { epic } = result;
  const header = container.createDiv({ cls: 'spectryn-pane-header' });
  header.createDiv({ cls: 'spectryn-epic-title', text: epic.title ?? file.basename });
  if (epic.key) renderEpicKey(header, epic.key, browse);
  renderProblemCount(container, result.diagnostics);

  const overall = container.createDiv({ cls: 'spectryn-overall' });
  setCountAttributes(overall, progress.totals);
  renderBar(overall, progress.totals, 'Overall');
  renderCountLine(overall, progress.totals, true);

  const phases = container.createDiv({ cls: 'spectryn-phases' });
  const duplicates = duplicateIds(epic.stories);
  for (const phase of progress.phases) renderPhase(phases, phase, browse, duplicates);
}

/** Errors and warnings of a note (infos are notes, not problems). */
export function problemCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((diagnostic) => diagnostic.severity !== 'info').length;
}

/** "1 problem", "3 problems". */
export function problemText(count: number): string {
  return `${count} ${count === 1 ? 'problem' : 'problems'}`;
}

/** The problem count under the title: a button that opens the list; nothing when the note is clean. */
function renderProblemCount(container: HTMLElement, diagnostics: readonly Diagnostic[]): void {
  const count = problemCount(diagnostics);
  if (count === 0) return;
  const errors = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  container.createEl('button', {
    cls: ['spectryn-problem-count', errors ? 'is-error' : 'is-warning'],
    text: problemText(count),
    attr: { 'data-action': SHOW_PROBLEMS_ACTION, 'data-count': count, 'aria-label': `${problemText(count)} in the note: show the list` },
  });
}

/** Story ids used by more than one story, upper-cased (ids compare case-insensitively, as the model does). */
function duplicateIds(stories: readonly Story[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const story of stories) {
    const id = story.id.toUpperCase();
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return twice;
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

function renderPhase(parent: HTMLElement, phase: PhaseProgress, browse: BrowseUrl | null, duplicates: ReadonlySet<string>): void {
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
  for (const story of phase.stories) renderStory(list, story, browse, duplicates.has(story.id.toUpperCase()));
}

function renderStory(list: HTMLElement, story: Story, browse: BrowseUrl | null, duplicate: boolean): void {
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
  if (duplicate) {
    item.addClass('is-duplicate');
    item.createSpan({ cls: 'spectryn-duplicate-flag', text: 'Duplicate id', attr: { title: 'Another story uses this id; give each story its own id' } });
  }
  // One line, cut with an ellipsis when narrow: the full title on hover.
  const title = story.title || '(untitled)';
  item.createSpan({ cls: 'spectryn-story-title', text: title, attr: { title } });
  if (story.storyPoints === null) {
    item.addClass('is-unestimated');
    item.createSpan({ cls: 'spectryn-unestimated-flag', text: 'Not estimated', attr: { title: 'This story has no story points' } });
  } else {
    item.createSpan({ cls: 'spectryn-story-points', text: pointsWithUnit(story.storyPoints) });
  }
  if (story.issueKey) renderIssueChip(item, story, browse);
}

/** The epic's key under its title; a link to the tracker's page of the epic when the settings give its address, as story keys are. */
function renderEpicKey(header: HTMLElement, key: string, browse: BrowseUrl | null): void {
  renderKey(header, 'spectryn-key-chip', key, issueHref(key, null, browse));
}

/** The story's issue key; a link to the tracker when the note or the settings give its address. */
function renderIssueChip(item: HTMLElement, story: Story, browse: BrowseUrl | null): void {
  const key = story.issueKey ?? '';
  const url = story.issueLine?.key === key ? story.issueLine.url : null;
  renderKey(item, 'spectryn-issue-chip', key, issueHref(key, url, browse));
}

/** A tracker key with class `cls`: a link opening `href` in the browser, or plain text without one. */
function renderKey(parent: HTMLElement, cls: string, key: string, href: string | null): void {
  if (!href) {
    parent.createSpan({ cls, text: key, attr: { 'data-issue-key': key } });
    return;
  }
  parent.createEl('a', {
    cls: `${cls} external-link`,
    text: key,
    href,
    attr: { 'data-issue-key': key, target: '_blank', rel: 'noopener', 'aria-label': `Open ${key} in the tracker` },
  });
}

/**
 * The bar spans its block's whole width, so every bar of the pane ends at the same right edge; its
 * numbers lead the count line below (a label beside the bar made each bar as short as its label was long).
 */
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
}

function renderCountLine(parent: HTMLElement, counts: Counts, withStories: boolean): void {
  const line = parent.createDiv({ cls: 'spectryn-counts' });
  line.createSpan({ cls: 'spectryn-bar-label', text: `${pointsText(counts.pointsDone)}/${pointsText(counts.points)} pts` });
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
