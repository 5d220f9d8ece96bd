/**
 * Builds the decorations of the visible part of the note from the state field's marks. Pure over
 * `EditorState`, so it is tested without layout; the view plugin calls it with `visibleRanges`.
 * The cost is the number of marks in the given ranges, never the size of the note.
 */
import type { EditorState, Range } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import { epicField, epicMarksBetween } from './epic-field';
import type { EpicMark } from './marks';
import type { DecorationSettings } from './options';
import type { Severity } from '../model';
import type { BrowseUrl } from '../model/issue-key';
import { BADGE_CLASS, IssueChipWidget, StatusBadgeWidget, TotalsWidget, type BadgeProblem } from './widgets';

/** What the builder needs besides the state. */
export interface DecorationContext {
  /** True in live preview, false in source mode. */
  readonly livePreview: boolean;
  readonly display: DecorationSettings;
  /** The tracker's page of an issue key written without a URL, or null (no link). */
  readonly browseUrl: BrowseUrl | null;
}

/** A document span. */
export interface DocSpan {
  readonly from: number;
  readonly to: number;
}

/** The link of an issue key: its own URL, else the tracker's page of the key (`browse`), else none. */
export function issueHref(key: string, url: string | null, browse: BrowseUrl | null): string | null {
  if (url) return url;
  return browse?.(key) ?? null;
}

function touchesSelection(state: EditorState, from: number, to: number): boolean {
  for (const r of state.selection.ranges) {
    if (r.from <= to && r.to >= from) return true;
  }
  return false;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** The most severe diagnostic covering all of `from`..`to`: the badge replacing that text shows it. */
function problemOn(state: EditorState, from: number, to: number): BadgeProblem | null {
  let worst: BadgeProblem | null = null;
  epicMarksBetween(state.field(epicField), from, to, (f, t, mark) => {
    const spec = mark.spec;
    if (spec.kind !== 'diagnostic' || f > from || t < to) return;
    if (!worst || SEVERITY_RANK[spec.severity] > SEVERITY_RANK[worst.severity]) worst = spec;
  });
  return worst;
}

/** True when `from`..`to` stays on one line: an edit since the parse may have split a value, and a plugin may not replace a line break. */
function onOneLine(state: EditorState, from: number, to: number): boolean {
  return state.doc.lineAt(from).to >= to;
}

/** Source mode keeps the issue line as written: only the key is styled as a chip (its link on hover). Costs one line. */
function sourceIssueChip(state: EditorState, from: number, to: number, key: string, href: string | null): Range<Decoration> | null {
  const at = state.sliceDoc(from, to).indexOf(key);
  if (at < 0) return null;
  const attributes: Record<string, string> = { 'data-issue-key': key };
  if (href) attributes.title = href;
  return Decoration.mark({ class: 'spectryn-issue-chip spectryn-issue-source', attributes }).range(from + at, from + at + key.length);
}

function decorate(state: EditorState, from: number, to: number, mark: EpicMark, context: DecorationContext, adorn: boolean): Range<Decoration> | null {
  const spec = mark.spec;
  switch (spec.kind) {
    case 'diagnostic':
      return to > from
        ? Decoration.mark({ class: `spectryn-diagnostic spectryn-diagnostic-${spec.severity}`, attributes: { 'data-code': spec.code, 'data-severity': spec.severity } }).range(from, to)
        : null;
    case 'totals':
      return adorn ? Decoration.widget({ widget: new TotalsWidget(spec), side: 1 }).range(from) : null;
    case 'status':
      if (!adorn || to <= from || touchesSelection(state, from, to) || !onOneLine(state, from, to)) return null;
      if (context.livePreview) return Decoration.replace({ widget: new StatusBadgeWidget(spec.status, spec.known, spec.raw, problemOn(state, from, to)) }).range(from, to);
      return Decoration.mark({ class: `${BADGE_CLASS} spectryn-status-source${spec.known ? '' : ' is-unknown'}`, attributes: { 'data-status': spec.status } }).range(from, to);
    case 'issue':
      if (!adorn || to <= from || touchesSelection(state, from, to) || !onOneLine(state, from, to)) return null;
      if (context.livePreview) return Decoration.replace({ widget: new IssueChipWidget(spec.key, issueHref(spec.key, spec.url, context.browseUrl), spec.synced) }).range(from, to);
      return sourceIssueChip(state, from, to, spec.key, issueHref(spec.key, spec.url, context.browseUrl));
  }
}

/**
 * Decorations of `ranges` (usually `view.visibleRanges`): badges and issue chips where no cursor
 * or selection touches the text (the source shows there), totals at heading ends, diagnostics
 * underlined. Badges, chips and totals follow `context.display` for the current mode.
 */
export function buildEpicDecorations(state: EditorState, ranges: readonly DocSpan[], context: DecorationContext): DecorationSet {
  const field = state.field(epicField, false);
  if (!field?.active) return Decoration.none;
  const adorn = context.livePreview ? context.display.livePreview : context.display.sourceMode;
  const out: Range<Decoration>[] = [];
  const seen = new Set<EpicMark>();
  for (const range of ranges) {
    epicMarksBetween(field, range.from, range.to, (from, to, mark) => {
      if (seen.has(mark)) return;
      seen.add(mark);
      const decoration = decorate(state, from, to, mark, context, adorn);
      if (decoration) out.push(decoration);
    });
  }
  return Decoration.set(out, true);
}
