/**
 * Reading view: the same badges and totals, added to Obsidian's rendered sections by a markdown
 * post processor. Each section is matched to the parse of the whole note through its line span
 * (`ctx.getSectionInfo`). The parse comes from the host (the plugin's parse store, memoised on the
 * note's text, so sections of one render share it and an editor's parse of the same text is
 * reused); what sections look up (totals, status values, issue lines by line) is indexed once per
 * parse.
 *
 * Without section info (live preview renders a table as a widget and runs the post processors on
 * its cells) the status cells of an epic note's tables still get a badge, display only: nothing
 * ties a rendered cell to a position in the note reliably enough to rewrite it.
 */
import type { BrowseUrl } from '../model/issue-key';
import type { MarkdownPostProcessorContext } from 'obsidian';
import { matchStatus, parseEpic, progress, textHasStoryHeader, type IssueLine, type ParseResult, type Progress, type StatusValue } from '../model';
import { issueHref } from '../editor/decorations';
import { groupTotals, storyTotals, type TotalsView } from '../editor/totals';
import { renderStatusBadge, renderTotals } from '../editor/widgets';

/** Options of `epicReadingViewProcessor`. */
export interface ReadingViewOptions {
  /** Settings switch (the plugin's `decorations.readingView`); read per section. Default: always on. */
  readonly enabled?: () => boolean;
  /** The tracker's page of an issue key written without a URL (read per section). Default: none (no link). */
  readonly browseUrl?: () => BrowseUrl;
  /**
   * The parse of `text` as the note at `sourcePath`, memoised on the text (the plugin's parse
   * store). Default: the processor parses itself, reusing its parse of the last text.
   */
  readonly parse?: (sourcePath: string, text: string) => ParseResult;
  /** The progress of a parse (the plugin's parse store measures once per result). Default: `progress(result.epic)`. */
  readonly progress?: (result: ParseResult) => Progress;
  /**
   * Switch for table cells rendered without section info (live preview's table widget; the
   * plugin's `decorations.livePreview`). Default: `enabled`.
   */
  readonly cellsEnabled?: () => boolean;
  /**
   * True when the note at `sourcePath` has a story (is an epic): only then do cells rendered
   * without section info get badges. Default: never.
   */
  readonly isEpicNote?: (sourcePath: string) => boolean;
}

/** The part of Obsidian's post-processor context used here (`sourcePath` may be absent in tests of sections). */
export type SectionContext = Pick<MarkdownPostProcessorContext, 'getSectionInfo'> & Partial<Pick<MarkdownPostProcessorContext, 'sourcePath'>>;

/** What sections look up in a parse, by 1-based note line. Built once per parse. */
export interface EpicLineIndex {
  /** Totals shown on the heading at each line (epic title, phases, stories). */
  readonly totals: ReadonlyMap<number, TotalsView>;
  /** Status values starting on each line, in note order. */
  readonly statuses: ReadonlyMap<number, readonly StatusValue[]>;
  /** Written-back issue lines by line. */
  readonly issues: ReadonlyMap<number, IssueLine>;
  /** Issue keys in subtask table rows (the `Issue` column), by line: their cells never wrap mid-key. */
  readonly keys: ReadonlyMap<number, string>;
}

/**
 * Indexes `result` by line: one pass over the epic, so a section costs its own lines only.
 * `overall` is the epic's progress (default: measured here).
 */
export function indexEpicLines(result: ParseResult, overall: Progress = progress(result.epic)): EpicLineIndex {
  const { epic } = result;
  const totals = new Map<number, TotalsView>();
  const statuses = new Map<number, StatusValue[]>();
  const issues = new Map<number, IssueLine>();
  const keys = new Map<number, string>();
  const addStatus = (value: StatusValue | null): void => {
    if (!value) return;
    const list = statuses.get(value.range.line);
    if (list) list.push(value); else statuses.set(value.range.line, [value]);
  };
  if (epic.titleRange) totals.set(epic.titleRange.line, groupTotals('epic', overall.totals));
  for (const phase of overall.phases) {
    if (phase.phase) totals.set(phase.phase.headingRange.line, groupTotals('phase', phase.counts));
  }
  addStatus(epic.status);
  for (const story of epic.stories) {
    totals.set(story.headerRange.line, storyTotals(story));
    addStatus(story.statusField);
    for (const subtask of story.subtasks) {
      addStatus(subtask.statusField);
      if (subtask.form === 'table' && subtask.issueKey) keys.set(subtask.range.line, subtask.issueKey);
    }
    if (story.issueLine) issues.set(story.issueLine.range.line, story.issueLine);
  }
  for (const list of statuses.values()) list.sort((a, b) => a.range.from - b.range.from);
  return { totals, statuses, issues, keys };
}

/** Replaces the first occurrence of `raw` in the text of `root` by a badge; false when not found. */
function badgeText(root: Element, value: Pick<StatusValue, 'value' | 'known' | 'raw'>): boolean {
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

/** Adds badges, totals and issue chips to one rendered section `el` (lines `lineStart`..`lineEnd`, 0-based). */
export function decorateSection(el: HTMLElement, index: EpicLineIndex, lineStart: number, lineEnd: number, browseUrl: BrowseUrl | null): void {
  const headings = Array.from(el.querySelectorAll('h1, h2, h3, h4, h5, h6'));
  const totals: TotalsView[] = [];
  const table = el.querySelector('table');
  for (let line = lineStart + 1; line <= lineEnd + 1; line += 1) {
    const shown = index.totals.get(line);
    if (shown) totals.push(shown);
    for (const value of index.statuses.get(line) ?? []) {
      const row = table ? tableRow(el, lineStart, line) : null;
      const cell = row ? Array.from(row.children).find((c) => c.textContent?.trim() === value.raw) ?? row : el;
      badgeText(cell, value);
    }
    const issue = index.issues.get(line);
    if (issue) chipIssueLinks(el, issue, browseUrl);
    const key = index.keys.get(line);
    const keyRow = key !== undefined && table ? tableRow(el, lineStart, line) : null;
    // A narrow column would break `INFRA-` from `108`: the key's cell keeps it on one line.
    for (const cell of Array.from(keyRow?.children ?? [])) if (cell.textContent?.trim() === key) cell.addClass('spectryn-key-cell');
  }
  if (headings.length === totals.length) {
    totals.forEach((t, i) => {
      const heading = headings[i];
      if (heading instanceof HTMLElement && !heading.querySelector('.spectryn-totals')) renderTotals(heading.createSpan(), t);
    });
  }
}

function chipIssueLinks(el: HTMLElement, issue: IssueLine, browseUrl: BrowseUrl | null): void {
  for (const link of Array.from(el.querySelectorAll('a'))) {
    if (link.textContent?.trim() !== issue.key) continue;
    link.addClass('spectryn-issue-chip');
    link.setAttr('data-issue-key', issue.key);
    const href = issueHref(issue.key, issue.url, browseUrl);
    // The rendered link's own target is note text: the chip links only to the model's checked address.
    if (href) link.setAttr('href', href);
    else link.removeAttribute('href');
  }
}

/** A rendered table cell and the element holding its content (the cell, or what was rendered inside it). */
interface RenderedCell {
  readonly cell: HTMLElement;
  readonly content: HTMLElement;
}

// Tag names, not `instanceof`: a popout window's elements belong to another realm.
function isCell(el: Element): el is HTMLTableCellElement {
  return el.tagName === 'TD' || el.tagName === 'TH';
}

/** The cells `el` is, holds, or sits in. */
function renderedCells(el: HTMLElement): RenderedCell[] {
  if (isCell(el)) return [{ cell: el, content: el }];
  const inside = Array.from(el.querySelectorAll<HTMLElement>('td, th'));
  if (inside.length > 0) return inside.map((cell) => ({ cell, content: cell }));
  const around = el.closest<HTMLElement>('td, th');
  return around ? [{ cell: around, content: el }] : [];
}

/** `Status` or `State` as a column header or a field name, emphasis and colon aside. */
function namesStatus(text: string | null | undefined): boolean {
  const name = (text ?? '').replace(/[*_`:]/g, '').trim().toLowerCase();
  return name === 'status' || name === 'state';
}

/** True when `cell` holds a status: under a Status/State header, or in a row whose first cell is Status/State. */
function isStatusCell(cell: HTMLElement): boolean {
  const row = cell.parentElement;
  const table = cell.closest('table');
  if (!row || !table || row.tagName !== 'TR') return false;
  const headerRow = table.querySelector('thead tr') ?? table.querySelector('tr');
  // The header row names the columns; it holds no values.
  if (row === headerRow) return false;
  const column = Array.from(row.children).indexOf(cell);
  if (column > 0 && namesStatus(row.children[0]?.textContent)) return true;
  return namesStatus(headerRow?.children[column]?.textContent);
}

/** Badges the status cells of tables rendered without section info. Display only: no menu. */
export function decorateStatusCells(el: HTMLElement): void {
  for (const { cell, content } of renderedCells(el)) {
    if (content.querySelector('.spectryn-status-badge') || !isStatusCell(cell)) continue;
    const raw = (content.textContent ?? '').trim();
    if (raw === '') continue;
    const { status, known } = matchStatus(raw);
    if (!known) continue;
    if (badgeText(content, { value: status, known, raw })) continue;
    // The text is split over several nodes (`✅ **Done**`): the badge takes the content's place.
    const badge = createSpan();
    renderStatusBadge(badge, status, known, raw);
    content.empty();
    content.appendChild(badge);
  }
}

/**
 * The markdown post processor for reading view (`registerMarkdownPostProcessor`). Notes without a
 * story header are left alone after one look at their text.
 */
export function epicReadingViewProcessor(options: ReadingViewOptions = {}): (el: HTMLElement, ctx: SectionContext) => void {
  let last: ParseResult | null = null;
  // Per processor, not per module: no state outlives the plugin that registered it.
  const indexes = new WeakMap<ParseResult, EpicLineIndex>();
  // Sections of one render share the note text: look for a story header once per text.
  let looked: { readonly text: string; readonly found: boolean } | null = null;
  const hasStoryHeader = (text: string): boolean => {
    if (looked?.text !== text) looked = { text, found: textHasStoryHeader(text) };
    return looked.found;
  };
  const ownParse = (text: string): ParseResult => {
    if (last?.text !== text) last = parseEpic(text, last ?? undefined);
    return last;
  };
  const parse = (sourcePath: string, text: string): ParseResult => options.parse?.(sourcePath, text) ?? ownParse(text);
  const indexOf = (result: ParseResult): EpicLineIndex => {
    let index = indexes.get(result);
    if (!index) {
      index = indexEpicLines(result, options.progress?.(result));
      indexes.set(result, index);
    }
    return index;
  };
  return (el, ctx) => {
    const sourcePath = ctx.sourcePath ?? '';
    const info = ctx.getSectionInfo(el);
    if (!info) {
      const cellsOn = options.cellsEnabled ?? options.enabled;
      if ((!cellsOn || cellsOn()) && options.isEpicNote?.(sourcePath)) decorateStatusCells(el);
      return;
    }
    if (options.enabled && !options.enabled()) return;
    if (!hasStoryHeader(info.text)) return;
    const result = parse(sourcePath, info.text);
    if (result.epic.stories.length === 0) return;
    decorateSection(el, indexOf(result), info.lineStart, info.lineEnd, options.browseUrl?.() ?? null);
  };
}
