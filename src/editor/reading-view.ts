/**
 * Reading view: the same badges and totals, added to Obsidian's rendered sections by a markdown
 * post processor. Each section is matched to the parse of the whole note through its line span
 * (`ctx.getSectionInfo`); the parse is cached per note text, so sections of one render share it.
 */
import type { MarkdownPostProcessorContext } from 'obsidian';
import { parseEpic, progress, type ParseResult, type StatusValue } from '../model';
import { issueHref } from './decorations';
import { textHasStoryHeader } from './story-header';
import { groupTotals, storyTotals, type TotalsView } from './totals';
import { renderStatusBadge, renderTotals } from './widgets';

/** Options of `epicReadingViewProcessor`. */
export interface ReadingViewOptions {
  /** Settings switch (the plugin's `decorations.readingView`); read per section. Default: always on. */
  readonly enabled?: () => boolean;
  /** Tracker base URL for issue keys written without a URL, or null. Default: none. */
  readonly trackerBaseUrl?: () => string | null;
}

/** The minimal part of Obsidian's post-processor context used here. */
type SectionContext = Pick<MarkdownPostProcessorContext, 'getSectionInfo'>;

interface HeadingTotals {
  readonly line: number;
  readonly totals: TotalsView;
}

function headingTotals(result: ParseResult): HeadingTotals[] {
  const { epic } = result;
  const out: HeadingTotals[] = [];
  const overall = progress(epic);
  if (epic.titleRange) out.push({ line: epic.titleRange.line, totals: groupTotals('epic', overall.totals) });
  for (const phase of overall.phases) {
    if (phase.phase) out.push({ line: phase.phase.headingRange.line, totals: groupTotals('phase', phase.counts) });
  }
  for (const story of epic.stories) out.push({ line: story.headerRange.line, totals: storyTotals(story) });
  return out.sort((a, b) => a.line - b.line);
}

function statusValues(result: ParseResult): StatusValue[] {
  const { epic } = result;
  const out: StatusValue[] = [];
  if (epic.status) out.push(epic.status);
  for (const story of epic.stories) {
    if (story.statusField) out.push(story.statusField);
    for (const subtask of story.subtasks) if (subtask.statusField) out.push(subtask.statusField);
  }
  return out.sort((a, b) => a.range.from - b.range.from);
}

/** Replaces the first occurrence of `raw` in the text of `root` by a badge; false when not found. */
function badgeText(root: Element, value: StatusValue): boolean {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (text.parentElement?.closest('.spectryn-status-badge')) continue;
    const at = text.data.indexOf(value.raw);
    if (at === -1) continue;
    const middle = text.splitText(at);
    middle.splitText(value.raw.length);
    const badge = createSpan();
    renderStatusBadge(badge, value.value, value.known, value.raw);
    middle.replaceWith(badge);
    return true;
  }
  return false;
}

/** The rendered table row of note line `line` (1-based) in a table section starting at `lineStart` (0-based). */
function tableRow(el: HTMLElement, lineStart: number, line: number): Element | null {
  const rows = el.querySelectorAll('tr');
  // Row 0 is the header line; the delimiter line has no row.
  const index = line - 1 - lineStart - 1;
  return index >= 1 ? rows.item(index) : null;
}

/** Adds badges, totals and issue chips to one rendered section `el`. */
export function decorateSection(el: HTMLElement, result: ParseResult, lineStart: number, lineEnd: number, trackerBaseUrl: string | null): void {
  const inSection = (line: number): boolean => line - 1 >= lineStart && line - 1 <= lineEnd;

  const headings = Array.from(el.querySelectorAll('h1, h2, h3, h4, h5, h6'));
  const totals = headingTotals(result).filter((t) => inSection(t.line));
  if (headings.length === totals.length) {
    totals.forEach((t, i) => {
      const heading = headings[i];
      if (heading instanceof HTMLElement && !heading.querySelector('.spectryn-totals')) renderTotals(heading.createSpan(), t.totals);
    });
  }

  const table = el.querySelector('table');
  for (const value of statusValues(result)) {
    if (!inSection(value.range.line)) continue;
    const row = table ? tableRow(el, lineStart, value.range.line) : null;
    const cell = row ? Array.from(row.children).find((c) => c.textContent?.trim() === value.raw) ?? row : el;
    badgeText(cell, value);
  }

  for (const story of result.epic.stories) {
    const issue = story.issueLine;
    if (!issue || !inSection(issue.range.line)) continue;
    for (const link of Array.from(el.querySelectorAll('a'))) {
      if (link.textContent?.trim() !== issue.key) continue;
      link.addClass('spectryn-issue-chip');
      link.setAttr('data-issue-key', issue.key);
      const href = issueHref(issue.key, issue.url, trackerBaseUrl);
      if (href && !link.getAttribute('href')) link.setAttr('href', href);
    }
  }
}

/**
 * The markdown post processor for reading view (`registerMarkdownPostProcessor`). Notes without a
 * story header are left alone after one look at their text.
 */
export function epicReadingViewProcessor(options: ReadingViewOptions = {}): (el: HTMLElement, ctx: SectionContext) => void {
  let last: ParseResult | null = null;
  const parse = (text: string): ParseResult => {
    if (last?.text !== text) last = parseEpic(text, last ?? undefined);
    return last;
  };
  return (el, ctx) => {
    if (options.enabled && !options.enabled()) return;
    const info = ctx.getSectionInfo(el);
    if (!info || !textHasStoryHeader(info.text)) return;
    const result = parse(info.text);
    if (result.epic.stories.length === 0) return;
    decorateSection(el, result, info.lineStart, info.lineEnd, options.trackerBaseUrl?.() ?? null);
  };
}
